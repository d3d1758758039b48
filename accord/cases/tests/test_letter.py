"""The acknowledgement letter to post: for a member without an e-mail address, a PDF in the case's language
with the reference, the time limits and a fresh private link, made only by an explicit staff action."""

import os
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from accord.cases.links import member_token, member_url
from accord.cases.models import Case, Channel, EventKind
from accord.cases.permissions import Actor
from accord.cases.services import conflict_declare
from accord.cases.workflow import StepInput, case_transition
from accord.notifications.models import OutboundEmail
from accord.people.models import Person
from accord.testing.pdf import pdf_pages_png, pdf_text, require_pdf


@pytest.fixture(autouse=True)
def _pdf_tools():
    require_pdf()


@pytest.fixture
def luc(db):
    # Recorded at an office: a phone, no e-mail address.
    return Person.objects.create(name="Luc Martin", phone="+32471234567", language="fr")


def _print(client, case, *, language="en"):
    return client.post(f"/{language}/staff/cases/{case.reference}/letter/")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(language: str, msgid: str) -> str:
    with translation.override(language):
        return _flat(gettext(msgid))


def test_the_letter_holds_the_reference_and_a_new_link_that_opens_the_member_page(client, ilse, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE, recorded_by=ilse)
    old_link = member_url(case)
    client.force_login(ilse)

    response = _print(client, case)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    case.refresh_from_db()
    new_link = member_url(case)
    assert new_link != old_link
    assert case.reference in text
    assert new_link in text and old_link not in text
    assert "Luc Martin" in text
    # The office's address and phone (Brussels, the default office).
    assert case.office.phone in text
    # The member opens their page with it; the link they may have had before no longer works.
    client.logout()
    page = client.get(new_link.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200 and case.reference in page.content.decode()
    assert client.get(old_link.removeprefix("http://127.0.0.1:8000")).status_code == 404


@pytest.mark.parametrize(("language", "other"), [("fr", "en"), ("nl", "fr"), ("en", "nl")])
def test_the_letter_is_in_the_case_language_whatever_the_staff_page(client, maya, luc, make_case, language, other):
    case = make_case(luc, channel=Channel.OFFICE, language=language)
    client.force_login(maya)

    text = _flat(pdf_text(_print(client, case, language=other).content))

    assert _words(language, "We have received your complaint") in text
    assert _words(other, "We have received your complaint") not in text
    assert _words(language, "Keep this link to yourself: anyone who has it can read your case.") in text
    with translation.override(language):
        received = _flat(translation.gettext("Complaint received on"))
    assert received in text
    # The link is in the case's language too.
    assert f"/{language}/my-case/" in text


def test_the_letter_promises_only_the_time_limits_that_still_run(client, maya, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE, language="en")
    client.force_login(maya)
    text = _flat(pdf_text(_print(client, case).content))
    assert "a mediator answers you within 3 working days" in text
    assert "within 21 calendar days we tell you whether Accord can handle your complaint" in text
    assert "within 90 calendar days of your complete file" in text
    assert "Monday to Friday" in text
    assert "reply and add documents" in text  # the member's page offers the reply box while the case is open

    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    case = case_transition(case=Case.objects.get(pk=case.pk), name="accept", actor=Actor.for_user(maya))
    text = _flat(pdf_text(_print(client, case).content))
    assert "a mediator answers you within" not in text  # met by the decision
    assert "we tell you whether Accord can handle your complaint" not in text  # decided
    assert "within 90 calendar days of your complete file" in text


def test_printing_is_on_the_timeline_as_a_sentence(client, ilse, maya, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE, recorded_by=ilse)
    client.force_login(ilse)
    assert _print(client, case).status_code == 200

    event = case.events.get(kind=EventKind.LINK)
    assert event.actor == ilse and event.data == {"version": 2, "letter": True}
    client.force_login(maya)
    page = _flat(client.get(f"/en/staff/cases/{case.reference}/").content.decode())
    assert (
        "Ilse Claes printed an acknowledgement letter to post, with a new private link: earlier links no longer work"
        in page
    )
    french = _flat(client.get(f"/fr/staff/cases/{case.reference}/").content.decode())
    assert "Ilse Claes a imprimé une lettre d’accusé de réception" in french
    # The timeline is the mediators' only; the link itself is on no staff page.
    case.refresh_from_db()
    assert member_token(case).rsplit("-", 1)[1] not in page


def test_a_member_with_an_email_address_is_sent_the_new_link_too(client, maya, marie, make_case):
    case = make_case(marie)
    client.force_login(maya)
    text = pdf_text(_print(client, case).content)
    case.refresh_from_db()
    email = OutboundEmail.objects.get(case=case, template="new_link")
    assert member_url(case) in email.body_text and member_url(case) in text


def test_a_member_without_one_gets_no_email_row(client, ilse, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE, recorded_by=ilse)
    before = OutboundEmail.objects.filter(case=case).count()
    client.force_login(ilse)
    _print(client, case)
    assert OutboundEmail.objects.filter(case=case).count() == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("bruno", 404), ("anna", 404), ("conflicted", 404), ("anonymous", 302)],
)
def test_only_the_recorder_and_mediators_who_may_work_it_print_it(
    client, request, ilse, maya, luc, make_case, who, status
):
    """Other intake staff, administrators and a mediator with a conflict may not even see the case: 404, as for a
    case that does not exist; anonymous visitors go to the login page. Nothing is renewed."""
    case = make_case(luc, channel=Channel.PHONE, recorded_by=ilse)
    if who == "conflicted":
        conflict_declare(case=case, user=maya, reason="Luc Martin est mon voisin.")
        client.force_login(maya)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = _print(client, case)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/en/accounts/login/")
    case.refresh_from_db()
    assert case.link_version == 1
    assert not case.events.filter(kind=EventKind.LINK).exists()


def test_it_is_a_post_only_action(client, ilse, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE, recorded_by=ilse)
    client.force_login(ilse)
    assert client.get(f"/en/staff/cases/{case.reference}/letter/").status_code == 405
    case.refresh_from_db()
    assert case.link_version == 1


def test_an_ended_case_gets_no_acknowledgement_letter(client, maya, luc, make_case):
    case = make_case(luc, channel=Channel.PHONE)
    case = case_transition(case=case, name="withdraw", actor=Actor.for_user(maya), data=StepInput())
    client.force_login(maya)
    response = _print(client, case)
    assert response.status_code == 400
    assert "acknowledgement letter is printed only while a complaint is handled" in response.content.decode()
    case.refresh_from_db()
    assert case.link_version == 1


def test_the_page_after_recording_offers_the_letter_when_there_is_no_email(client, ilse):
    client.force_login(ilse)
    data = {
        "channel": Channel.PHONE,
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "received_by": "Ilse Claes",
        "name": "Luc Martin",
        "email": "",
        "phone": "+32 471 23 45 67",
        "member_number": "",
        "language": "fr",
        "office": "brussels",
        "subject": "Conseiller injoignable",
        "description": "M. Martin n'arrive pas à joindre son conseiller depuis trois semaines.",
    }
    response = client.post("/en/staff/record/", data, follow=True)
    case = Case.objects.get()
    page = response.content.decode()
    assert 'data-testid="letter-no-email"' in page
    assert f'action="/en/staff/cases/{case.reference}/letter/"' in page
    assert "Print an acknowledgement letter" in page
    assert "every earlier link, e-mailed or posted, stops working" in page
    assert "Print the acknowledgement letter below and post it" in page

    # With an e-mail address the acknowledgement went by e-mail: no notice, the button stays available.
    response = client.post(
        "/en/staff/record/",
        {**data, "email": "luc.martin@example.org", "subject": "Autre", "description": "Une autre réclamation."},
        follow=True,
    )
    page = response.content.decode()
    assert 'data-testid="letter-no-email"' not in page and "Print an acknowledgement letter" in page


@pytest.mark.skipif(not os.environ.get("ACCORD_LETTER_PNG"), reason="ACCORD_LETTER_PNG=<folder> draws the letters")
def test_draw_the_letters_to_look_at(client, maya, luc, make_case):
    """Not a check: `ACCORD_LETTER_PNG=/tmp/letters pytest -k draw` writes each language's letter as PNG pages."""
    client.force_login(maya)
    for language in ("fr", "nl", "en"):
        case = make_case(luc, channel=Channel.PHONE, language=language, subject="Conseiller injoignable")
        pdf = _print(client, case).content
        pdf_pages_png(pdf, Path(os.environ["ACCORD_LETTER_PNG"]), prefix=language)
