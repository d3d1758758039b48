"""Issue 9, the member's choice (seed 000 (d), Oxalis): the member asks for a professional mediator from the
directory on their private page; the case's mediator answers with a reason the member reads."""

import pytest
from django.urls import reverse
from django.utils import translation

from accord.cases.links import member_token
from accord.cases.models import EventKind
from accord.mediation import choices, services
from accord.mediation.models import ChoiceState, Mediator
from accord.mediation.tests.helpers import propose
from accord.mediation.timeline import event_sentence
from accord.notifications.models import OutboundEmail


def mediator(number, **extra):
    values = {
        "first_name": "Els",
        "last_name": f"Janssens{number}",
        "accreditation_body": "be_fmc",
        "accreditation_number": f"FMC-{number:05d}",
        "type_civil_commercial": True,
        "speaks_nl": True,
        "language": "nl",
        "email": f"els{number}@example.org",
        "hourly_rate": 120,
        "vat_rate": 21,
    }
    values.update(extra)
    return Mediator.objects.create(**values)


@pytest.fixture
def listed(db):
    return mediator(1)


def test_the_member_is_offered_the_active_mediators_who_speak_the_cases_language(case, maya, listed):
    mediator(2, speaks_nl=False, speaks_fr=True, language="fr")
    mediator(3, active=False)
    mediator(4, accepting_new_cases=False)
    mediation = propose(case, maya)
    assert list(choices.mediators_offered(mediation)) == [listed]


def test_the_member_asks_and_the_mediator_answers_with_a_reason(client, case, maya, listed):
    mediation = propose(case, maya)
    token = member_token(case)
    with translation.override("nl"):
        page = client.get(reverse("public:member_case", kwargs={"token": token})).content.decode()
        url = reverse("mediation_member:choose", kwargs={"token": token})
    assert 'data-testid="mediator-choose"' in page and listed.last_name in page
    assert (
        client.post(url, {"mediator": listed.pk, "note": "Zij sprak op onze algemene vergadering."}).status_code == 302
    )
    choice = mediation.choices.get()
    assert choice.state == ChoiceState.PENDING
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_mediator_chosen").count() == 1
    # One request at a time.
    with pytest.raises(services.ValidationFailed):
        choices.choice_ask(mediation=mediation, mediator=listed)
    with pytest.raises(services.ValidationFailed):
        choices.choice_answer(choice=choice, user=maya, agree=True, reason="")
    choices.choice_answer(choice=choice, user=maya, agree=True, reason="Ik neem vandaag contact met haar op.")
    choice.refresh_from_db()
    assert choice.state == ChoiceState.AGREED and choice.answered_by == maya
    told = OutboundEmail.objects.get(case=case, template="mediator_choice_answered")
    assert listed.last_name in told.body_text and "Ik neem vandaag contact met haar op." in told.body_text
    events = case.events.filter(kind=EventKind.MEDIATION, data__action__startswith="choice_")
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            assert all(event_sentence(e) for e in events)


def test_a_mediator_who_is_not_listed_for_the_case_cannot_be_chosen(case, maya):
    mediation = propose(case, maya)
    french_only = mediator(5, speaks_nl=False, speaks_fr=True, language="fr")
    with pytest.raises(services.ValidationFailed):
        choices.choice_ask(mediation=mediation, mediator=french_only)


def test_only_the_cases_mediators_answer(case, maya, pierre, listed):
    mediation = propose(case, maya)
    choice = choices.choice_ask(mediation=mediation, mediator=listed)
    with pytest.raises(services.PermissionDenied):
        choices.choice_answer(choice=choice, user=pierre, agree=False, reason="Nee.")


def test_the_case_page_shows_the_request_and_its_answer_form(client, case, maya, listed):
    mediation = propose(case, maya)
    choices.choice_ask(mediation=mediation, mediator=listed)
    client.force_login(maya)
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert 'data-testid="choice-answer"' in page and listed.accreditation_number in page
