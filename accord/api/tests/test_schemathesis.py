"""Schemathesis drives the API in process from the schema it publishes, with every check, for an intake
account and a mediator: the schema and the code must agree (no undeclared status or shape, no valid
request refused, no invalid one accepted, no server error). Run it alone with `pytest -m schemathesis`.
"""

from datetime import UTC, datetime, timedelta

import phonenumbers
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.throttling import ScopedRateThrottle

from accord.accounts.models import User
from accord.api.services import api_token_create
from accord.api.tests.test_cases_api import token_for

pytestmark = pytest.mark.schemathesis

# Examples per operation and phase: about 40 s per database on two cores for both accounts.
EXAMPLES = 50


def _phone_numbers():
    """Real numbers of the offices' and neighbouring countries, written as people write them."""
    styles = (
        phonenumbers.PhoneNumberFormat.E164,
        phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )
    numbers = [
        phonenumbers.example_number_for_type(region, kind)
        for region in ("BE", "FR", "NL", "LU", "DE")
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    ]
    return [phonenumbers.format_number(n, style) for n in numbers if n for style in styles]


def _is_phone_number(text: str, country: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, country))
    except phonenumbers.NumberParseException:
        return False


def _real_phone_numbers(context, case):
    """A valid request's phone is a number that exists: the schema's description says so, no keyword can
    (Schemathesis would send "0" or "thread"). Schema-invalid requests are left as generated."""
    complainant = case.body.get("complainant") if isinstance(case.body, dict) else None
    phone = complainant.get("phone") if isinstance(complainant, dict) else None
    if case.meta and case.meta.generation.mode.is_positive and isinstance(phone, str) and phone.strip():
        country = (
            case.body.get("case", {}).get("office_country", "BE") if isinstance(case.body.get("case"), dict) else "BE"
        )
        if not _is_phone_number(phone, country):
            complainant["phone"] = PHONES[len(phone) % len(PHONES)]
    return case


def _received_at_values():
    """`received_at` is a date-time between 2000-01-01 and now (its description says so; no JSON Schema
    keyword bounds a date-time), written with every offset RFC 3339 allows."""
    offsets = st.sampled_from(["Z", "+00:00", "+01:00", "+02:00", "-05:00", "+05:30", "+14:00", "-12:00"])
    moments = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime.now() - timedelta(days=1))
    return st.builds(
        lambda moment, offset: moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%S") + offset, moments, offsets
    )


PHONES = _phone_numbers()
schemathesis.openapi.format("date-time", _received_at_values())

schema = schemathesis.pytest.from_fixture("published_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # Schemathesis 4.32's lazy schema renames the test through Node._nodeid, which pytest 9.2 no longer has.
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def published_schema(db, settings, monkeypatch):
    """The schema as the API serves it, and the API as a WSGI application, in this test's database."""
    settings.ALLOWED_HOSTS = ["localhost"]  # Schemathesis' WSGI client
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"api_case_create": "100000/hour"})
    # Django closes the connection at the end of each request, which would end the test's transaction
    # (its test client does the same as this).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
        loaded.hook("map_case")(_real_phone_numbers)
        yield loaded
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_tokens(db, maya):
    """An intake service account's token and a mediator's (the tokens the other API tests use)."""
    return {"intake": token_for("member-platform"), "mediator": api_token_create(user=maya)}


@pytest.fixture
def cases_to_list(api_tokens, make_case, marie, jan):
    """Something for each account to list: a case the service account recorded, one filed online."""
    make_case(marie, recorded_by=User.objects.get(username="member-platform"))
    make_case(jan, received_at=timezone.now() - timedelta(days=40))


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@schema.parametrize()
@FUZZ
def test_api_keeps_its_schema_for_an_intake_account(case, api_tokens, cases_to_list):
    case.call_and_validate(headers={"Authorization": f"Token {api_tokens['intake']}"})


@schema.parametrize()
@FUZZ
def test_api_keeps_its_schema_for_a_mediator(case, api_tokens, cases_to_list):
    case.call_and_validate(headers={"Authorization": f"Token {api_tokens['mediator']}"})


@pytest.mark.parametrize("reader", ["intake", "mediator"])
def test_a_filed_case_reads_back_as_the_schema_says(published_schema, api_tokens, reader):
    """Stateful: the intake account files a case, then the schema's link from the 201 reads it back, as
    the account that filed it (the summary) or as a mediator (with the description)."""
    read = []

    class Workflow(published_schema.as_state_machine()):
        def after_call(self, response, case):
            super().after_call(response, case)
            if case.operation.label == "GET /api/v1/cases/{reference}/" and response.status_code == 200:
                read.append(response.json())

        def get_call_kwargs(self, case):
            token = api_tokens["intake" if case.method == "POST" else reader]
            return {"headers": {"Authorization": f"Token {token}"}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # The token is the caller's, not a generated one: said so, as call_and_validate(headers=) does.
            case.validate_response(
                response,
                additional_checks=additional_checks,
                headers=kwargs["headers"],
                transport_kwargs=kwargs,
                recorder=getattr(self, "recorder", None),
            )

    Workflow.run(settings=settings(FUZZ, max_examples=EXAMPLES // 2, stateful_step_count=4))

    assert read, "the link from a filed case was followed"
    assert all(("description" in case) == (reader == "mediator") for case in read)
