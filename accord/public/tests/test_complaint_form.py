"""The public complaint form: one way in for everyone, safe against robots, in the member's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accord.cases.links import member_url
from accord.cases.models import Case, CaseEvent, Channel, EventKind
from accord.notifications.models import OutboundEmail
from accord.people.models import Person

pytestmark = pytest.mark.django_db

HONEYPOT_ERROR = "We could not accept the form as it was sent. Check what you wrote and send it again."
BAD_PHONE = "This phone number does not exist. Write it with the country code, e.g. +32 470 12 34 56."


def form(**overrides):
    data = {
        "name": "Sarah Smith",
        "email": "sarah.smith@example.org",
        "phone": "+32 470 12 34 56",
        "member_number": "",
        "language": "en",
        "office": "brussels",
        "category": "",
        "subject": "Invoice paid late",
        "description": "My March invoice was paid six weeks late.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, page="en", **overrides):
    """Post the form from the page in the `page` language (the answers' language is a field)."""
    return client.post(f"/{page}/complaint/", form(**overrides))


def test_the_form_records_a_web_complaint_and_shows_its_confirmation(client):
    response = post(client)
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("public:complaint_sent", kwargs={"reference": case.reference})
    assert case.channel == Channel.WEB and case.recorded_by is None and case.language == "en"
    assert case.person.phone == "+32470123456"
    event = CaseEvent.objects.get(case=case, kind=EventKind.CREATED)
    assert (event.actor, event.actor_kind, event.data["channel"]) == (None, "member", "web")
    page = client.get(response["Location"])
    assert page.status_code == 200 and case.reference in page.content.decode()


def test_the_acknowledgement_is_written_in_the_chosen_language_with_the_private_link(client):
    post(client, page="fr", language="nl")
    case = Case.objects.get()
    email = OutboundEmail.objects.get(case=case)
    assert email.template == "acknowledgement" and email.automatic
    assert email.language == "nl" and email.to == "sarah.smith@example.org"
    assert case.reference in email.subject
    assert member_url(case) in email.body_text
    assert "/nl/my-case/" in member_url(case)
    with translation.override("nl"):
        assert (
            translation.gettext("Keep this link to yourself: anyone who has it can read your case.") in email.body_text
        )


def test_a_returning_member_is_recognised_by_email_whatever_its_case(client, marie, make_case, maya):
    earlier = make_case(marie, subject="Première réclamation")
    post(client, email="Marie.Lambert@EXAMPLE.org", name="Marie L.", page="fr", language="fr")
    new = Case.objects.exclude(pk=earlier.pk).get()
    assert new.person == marie
    assert Person.objects.count() == 1
    client.force_login(maya)
    page = client.get(reverse("cases:detail", kwargs={"reference": new.reference})).content.decode()
    assert earlier.reference in page


def test_a_member_number_alone_does_not_recognise_a_member_it_is_a_claim(client, marie, make_case, maya):
    """The identity rule (accord/cases/tests/test_identity.py): a member number typed on the form proves nothing."""
    earlier = make_case(marie)
    post(client, email="marie.new-address@example.org", member_number=" M-10001 ", page="fr", language="fr")
    new = Case.objects.exclude(pk=earlier.pk).get()
    assert new.person != marie
    marie.refresh_from_db()
    assert marie.email == "marie.lambert@example.org"  # known details are never changed by a form
    client.force_login(maya)
    page = client.get(reverse("cases:detail", kwargs={"reference": new.reference})).content.decode()
    assert "M-10001" in page and earlier.reference in page  # the claim, for the mediator to decide


def test_a_stranger_is_a_new_person(client, marie):
    post(client, email="someone.else@example.org")
    assert Case.objects.get().person != marie
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    "raw,office,expected",
    [
        ("+32 470 12 34 56", "brussels", "+32470123456"),
        ("0470 12 34 56", "liege", "+32470123456"),
        ("06 12 34 56 78", "lyon", "+33612345678"),
        ("", "brussels", ""),
    ],
)
def test_phone_numbers_are_stored_in_international_form(client, raw, office, expected):
    assert post(client, phone=raw, office=office).status_code == 302
    assert Case.objects.get().person.phone == expected


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_bad_phone_number_is_refused_with_an_error_in_the_pages_language(client, language):
    response = post(client, page=language, language=language, phone="+32 12")
    assert response.status_code == 400
    with translation.override(language):
        expected = translation.gettext(BAD_PHONE)
    if language != "en":
        assert expected != BAD_PHONE, f"no {language} translation for the phone error"
    assert escape(expected) in response.content.decode()
    assert not Case.objects.exists()


def test_the_honeypot_refuses_robots_and_records_nothing(client):
    response = post(client, website="http://cheap-pills.test")
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Case.objects.exists() and not Person.objects.exists() and not OutboundEmail.objects.exists()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_honeypots_error_is_neutral_shown_above_the_form_and_keeps_the_members_text(client, language):
    response = post(client, page=language, website="http://cheap-pills.test", description="Mon texte long et précieux.")
    assert response.status_code == 400
    page = response.content.decode()
    with translation.override(language):
        neutral = translation.gettext(HONEYPOT_ERROR)
        label = translation.gettext("Leave this field empty")
    if language != "en":
        assert neutral != HONEYPOT_ERROR, f"no {language} translation for the honeypot's error"
    # Shown with the form's own errors, where a person sees it, never beside the hidden field.
    assert f'<div class="errors" role="alert"><p class="error">{escape(neutral)}</p></div>' in page
    assert page.count(escape(label)) == 1  # the hidden field's label only: the error does not name it
    assert "has-error hp" not in page
    assert escape("Mon texte long et précieux.") in page
    assert "cheap-pills" not in page  # re-shown empty: a person whose browser filled it can send again
    assert post(client, page=language, description="Mon texte long et précieux.").status_code == 302


def test_missing_consent_or_email_records_nothing(client):
    assert post(client, consent="").status_code == 400
    assert post(client, email="").status_code == 400
    assert not Case.objects.exists()


def test_the_confirmation_page_is_only_for_the_browser_that_filed_the_complaint(client, client_factory):
    post(client)
    case = Case.objects.get()
    url = reverse("public:complaint_sent", kwargs={"reference": case.reference})
    assert client.get(url).status_code == 200
    assert client_factory().get(url).status_code == 404
    # Nor another reference from the same browser.
    post(client_factory(), email="other@example.org")
    other = Case.objects.exclude(pk=case.pk).get()
    assert client.get(reverse("public:complaint_sent", kwargs={"reference": other.reference})).status_code == 404


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
