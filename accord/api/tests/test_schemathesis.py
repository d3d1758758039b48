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
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.throttling import ScopedRateThrottle

from accord.api.tests.test_cases_api import token_for

pytestmark = pytest.mark.schemathesis

# Examples per operation and phase: about 40 s per database on two cores for both accounts.
EXAMPLES = 25


def _phone_numbers():
    """`format: phone` (the schema's own word): real numbers of the offices' and neighbouring countries,
    written as people write them."""
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


def _is_phone_number(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "BE"))
    except phonenumbers.NumberParseException:
        return False


def _real_phone_numbers(context, case):
    """A valid request's phone is a real number: beyond the format's own strategy, Schemathesis fills a
    string of unknown format from its boundary values and the app's constants ("0", "thread")."""
    complainant = case.body.get("complainant") if isinstance(case.body, dict) else None
    phone = complainant.get("phone") if isinstance(complainant, dict) else None
    if case.meta and case.meta.generation.mode.is_positive and isinstance(phone, str) and phone.strip():
        if not _is_phone_number(phone):
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
schemathesis.openapi.format("phone", st.sampled_from(PHONES))
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
    return {"intake": token_for("member-platform"), "mediator": Token.objects.get_or_create(user=maya)[0].key}


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@schema.parametrize()
@FUZZ
def test_api_keeps_its_schema_for_an_intake_account(case, api_tokens, make_case, marie):
    case.call_and_validate(headers={"Authorization": f"Token {api_tokens['intake']}"})


@schema.parametrize()
@FUZZ
def test_api_keeps_its_schema_for_a_mediator(case, api_tokens, make_case, marie):
    case.call_and_validate(headers={"Authorization": f"Token {api_tokens['mediator']}"})
