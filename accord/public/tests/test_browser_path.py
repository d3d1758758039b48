"""The whole path in a real browser (Debian's Chromium) against the live server, with a real SMTP server.

A member files a complaint in Dutch with a document, receives the acknowledgement by e-mail,
follows the private link from that e-mail, answers the mediator's question with a document
and finally reads the written answer on the closed case; the mediator (working in French)
takes every step of the procedure from the case page. An intake counsellor records a phone
complaint and sees only its summary.

Selectors are the labels and button names the user reads, taken from Accord's own
catalogues (so the tests keep passing as the translations fill in), the `data-step` of each
step and the `data-testid` of what the tests read back.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from accord.cases.models import Case, Channel, MessageDirection, Outcome, Status
from accord.conftest import PASSWORD, PDF_BYTES
from accord.notifications.models import EmailStatus, OutboundEmail
from accord.testing.browser import staff_log_in
from accord.testing.mail import body_html, body_text

pytestmark = pytest.mark.browser

MEMBER_EMAIL = "jan.peeters@example.org"


def tr(language: str, text: str) -> str:
    """`text` as Accord shows it in `language` (the English msgid until the catalogue translates it)."""
    with override(language):
        return gettext(text)


def label(language: str, choice) -> str:
    with override(language):
        return str(choice.label)


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def log_in(page: Page, language: str, username: str) -> None:
    page.goto(f"/{language}/accounts/login/")
    with override(language):
        expect(page.get_by_label(capfirst(gettext("username")))).to_be_visible()
        expect(page.get_by_label(gettext("Password"))).to_be_visible()
    staff_log_in(page, language, username, PASSWORD)  # password, then the second factor
    expect(page).to_have_url(re.compile(rf"/{language}/staff/$"))


def take_step(page: Page, name: str, *, message: str = "", outcome: str = "", files=()) -> None:
    """Open the step's <details class="action">, fill what it needs and submit it (mediator UI in French)."""
    action = page.locator("details.action").filter(has=page.locator(f'summary[data-step="{name}"]'))
    action.locator(f'summary[data-step="{name}"]').click()
    if message:
        action.get_by_label(tr("fr", "Message to the member")).fill(message)
    if files:
        action.get_by_label(tr("fr", "Documents for the member")).set_input_files(list(files))
    if outcome:
        action.get_by_label(tr("fr", "Outcome")).select_option(outcome)
    action.locator('button[type="submit"]').click()
    expect(page.locator(".flash")).to_contain_text(tr("fr", "Done."))


def test_member_files_in_dutch_and_follows_the_case_to_its_close(
    new_page, accord_live_server, smtp_server, maya, billing
):
    base = accord_live_server.url

    # 1. The member files a complaint in Dutch, with a document.
    member = new_page(locale="nl-BE")
    member.goto("/nl/complaint/")
    expect(member.locator("html")).to_have_attribute("lang", "nl")
    with override("nl"):
        member.get_by_label(gettext("Full name")).fill("Jan Peeters")
        member.get_by_label(gettext("E-mail")).fill(MEMBER_EMAIL)
        member.get_by_label(gettext("Phone")).fill("+32 470 12 34 56")
        expect(member.get_by_label(gettext("Language for our answers"))).to_have_value("nl")
        member.get_by_label(gettext("What is it about?")).select_option(label=billing.name_in("nl"))
        member.get_by_label(gettext("In a few words")).fill("Factuur te laat betaald")
        member.get_by_label(gettext("Your complaint")).fill("Mijn factuur van maart is zes weken te laat betaald.")
        member.get_by_label(gettext("Documents (optional)")).set_input_files([pdf("factuur-maart.pdf")])
        member.get_by_label(
            gettext("I agree that Accord processes this information to handle my complaint, confidentially.")
        ).check()
        member.get_by_role("button", name=gettext("Send my complaint")).click()
    expect(member).to_have_url(re.compile(r"/nl/complaint/sent/[^/]+/$"))
    reference = member.get_by_test_id("reference").inner_text().strip()
    assert reference and reference in member.url

    case = Case.objects.get(reference=reference)
    assert (case.language, case.channel, case.status) == ("nl", Channel.WEB, Status.RECEIVED)
    assert [d.original_name for d in case.documents.all()] == ["factuur-maart.pdf"]

    # 2. The acknowledgement reaches the real SMTP server, in Dutch, with the reference and the private link.
    [ack] = smtp_server.wait_for(1)
    assert ack["To"] == MEMBER_EMAIL
    assert reference in ack["Subject"]
    text = body_text(ack)
    assert reference in text
    found = re.search(rf"{re.escape(base)}/nl/my-case/[\w-]+/", text)
    assert found, text
    private_link = found.group(0)
    assert private_link in body_html(ack)
    row = OutboundEmail.objects.get(case=case, template="acknowledgement")
    assert (row.language, row.delivery, row.to) == ("nl", EmailStatus.SENT, MEMBER_EMAIL)
    assert tr("nl", "We have received your complaint") in ack["Subject"]
    assert tr("nl", "Follow your case, reply and add documents with your private link:") in text
    # DUTCH PHRASE: real Dutch words (locale/nl is translated; its django.mo must be compiled and committed).
    assert "klacht" in ack["Subject"].lower(), ack["Subject"]
    assert "klacht" in text.lower() and "Beste Jan Peeters," in text, text

    # 3. The mediator (working in French) takes the case in charge and asks a question.
    mediator = new_page(locale="fr-BE")
    log_in(mediator, "fr", "maya")
    mediator.goto(f"/fr/staff/cases/{reference}/")
    status = mediator.get_by_test_id("case-status")
    expect(status).to_have_text(label("fr", Status.RECEIVED))
    take_step(mediator, "acknowledge")
    expect(status).to_have_text(label("fr", Status.ACKNOWLEDGED))
    question = "Kunt u ons het betalingsbewijs van de bank sturen?"
    take_step(mediator, "ask_member", message=question)
    expect(status).to_have_text(label("fr", Status.AWAITING_MEMBER))
    emails = smtp_server.wait_for(3)
    assert question in body_text(emails[2])

    # 4. The member opens the private link from the e-mail and answers with a document.
    member.goto(private_link)
    expect(member.locator("html")).to_have_attribute("lang", "nl")
    expect(member.get_by_test_id("member-status")).to_contain_text(label("nl", Status.AWAITING_MEMBER))
    expect(member.get_by_test_id("message").filter(has_text=question)).to_be_visible()
    with override("nl"):
        member.get_by_label(gettext("Your message")).fill("Hierbij het betalingsbewijs.")
        member.get_by_label(gettext("Documents (optional)")).set_input_files([pdf("betalingsbewijs.pdf")])
        member.get_by_role("button", name=gettext("Send"), exact=True).click()
        expect(member.locator(".flash")).to_contain_text(
            gettext("Your message has been added to your case. Your mediator will read it.")
        )
        # Back to the status the case had before it awaited the member.
        expect(member.get_by_test_id("member-status")).to_contain_text(label("nl", Status.ACKNOWLEDGED))
    reply = case.messages.get(direction=MessageDirection.FROM_MEMBER)
    assert [d.original_name for d in reply.documents.all()] == ["betalingsbewijs.pdf"]

    # 5. The mediator sees the reply, declares the case admissible, answers and closes it.
    mediator.reload()
    expect(status).to_have_text(label("fr", Status.ACKNOWLEDGED))
    expect(mediator.get_by_test_id("message").filter(has_text="Hierbij het betalingsbewijs.")).to_contain_text(
        "betalingsbewijs.pdf"
    )
    take_step(mediator, "accept")
    expect(status).to_have_text(label("fr", Status.INVESTIGATING))
    answer = "De financiële directie heeft de vertraging erkend en betaalt u de nalatigheidsintresten terug."
    take_step(mediator, "answer", message=answer)
    expect(status).to_have_text(label("fr", Status.ANSWERED))
    take_step(mediator, "close", outcome=Outcome.MEMBER_FAVOUR)
    expect(status).to_have_text(label("fr", Status.CLOSED))

    # 6. The member sees the closed case and the written answer, in Dutch.
    member.goto(private_link)
    expect(member.locator("html")).to_have_attribute("lang", "nl")
    member_status = member.get_by_test_id("member-status")
    expect(member_status).to_contain_text(label("nl", Status.CLOSED))
    expect(member_status).to_contain_text(tr("nl", "Your case is closed."))
    expect(member_status).not_to_contain_text("Your case is closed.")  # Dutch, not the English msgid
    # The outcome in the member's own words (OUTCOME_MEMBER_TEXT), not the report's label.
    expect(member.get_by_test_id("member-outcome")).to_contain_text(tr("nl", "We found in your favour."))
    written_answer = member.get_by_test_id("message").filter(has_text=answer)
    expect(written_answer).to_contain_text(tr("nl", "Our written answer"))
    expect(member.get_by_role("button", name=tr("nl", "Send"), exact=True)).to_have_count(0)

    # Every step the member is told of reached the SMTP server in Dutch, in one thread.
    emails = smtp_server.wait_for(6)
    sent = list(OutboundEmail.objects.filter(case=case).order_by("created_at", "id"))
    assert [e.template for e in sent] == [
        "acknowledgement",
        "acknowledged",
        "message",
        "admissible",
        "answer",
        "closed",
    ]
    assert {(e.language, e.delivery) for e in sent} == {("nl", EmailStatus.SENT)}
    assert [m["Message-ID"] for m in emails] == [e.message_id for e in sent]
    assert all(reference in m["Subject"] and m["To"] == MEMBER_EMAIL for m in emails)
    assert answer in body_text(emails[4])
    assert emails[5]["In-Reply-To"] == sent[4].message_id


def test_intake_counsellor_records_a_phone_complaint_and_sees_only_its_summary(page, smtp_server, ilse, make_case, jan):
    other = make_case(jan, subject="Niet door Ilse opgenomen")
    received = (timezone.localtime() - timedelta(days=3)).replace(hour=10, minute=15, second=0, microsecond=0)
    log_in(page, "fr", "ilse")
    page.goto("/fr/staff/record/")
    with override("fr"):
        page.get_by_role("combobox", name=gettext("Received by")).select_option(Channel.PHONE)
        page.get_by_label(gettext("Date and time received")).fill(received.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label(gettext("Full name")).fill("Luc Martin")
        page.get_by_label(gettext("E-mail")).fill("luc.martin@example.org")
        page.get_by_label(gettext("Phone")).fill("+32 471 23 45 67")
        page.get_by_label(gettext("Language for our answers")).select_option("fr")
        page.get_by_label(gettext("Subject")).fill("Conseiller injoignable")
        page.get_by_label(gettext("The complaint, in the member's words")).fill(
            "M. Martin n'arrive pas à joindre son conseiller depuis trois semaines."
        )
        page.get_by_role("button", name=gettext("Record the complaint")).click()
        flash = page.locator(".flash")
        expect(flash).to_contain_text(re.compile(r"[A-Z]+-\d{4}-\d+"))
    case = Case.objects.get(recorded_by=ilse)
    assert case.reference in flash.inner_text()
    assert (case.channel, case.status, case.language) == (Channel.PHONE, Status.RECEIVED, "fr")
    assert timezone.localtime(case.received_at) == received
    assert case.person.name == "Luc Martin"

    # Her summary of the case: its status, never the messages, notes or steps.
    expect(page).to_have_url(re.compile(rf"/fr/staff/cases/{case.reference}/$"))
    expect(page.get_by_test_id("case-status")).to_have_text(label("fr", Status.RECEIVED))
    expect(page.get_by_role("heading", name=tr("fr", "Messages with the member"))).to_have_count(0)
    expect(page.get_by_role("heading", name=tr("fr", "Internal notes"))).to_have_count(0)
    expect(page.locator("summary[data-step]")).to_have_count(0)
    expect(page.locator("form[action$='/note/'], form[action$='/message/']")).to_have_count(0)

    # Her list: the complaint she recorded with its status, not the others.
    page.goto("/fr/staff/")
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text(label("fr", Status.RECEIVED))
    expect(row).to_contain_text(label("fr", Channel.PHONE))
    expect(page.get_by_role("row").filter(has_text=other.reference)).to_have_count(0)

    # Nor can she add a note or write to the member by posting directly.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    for action in ("note", "message"):
        response = page.request.post(
            f"/fr/staff/cases/{case.reference}/{action}/", form={"body": "Test"}, headers={"X-CSRFToken": csrf}
        )
        assert response.status == 403, (action, response.status)
    assert not case.notes.exists() and not case.messages.exists()

    # The member was acknowledged by e-mail, in the case's language.
    emails = smtp_server.wait_for(2)  # the other case's acknowledgement, then this one's
    [ack] = [m for m in emails if m["To"] == "luc.martin@example.org"]
    assert case.reference in ack["Subject"]
    assert OutboundEmail.objects.get(case=case).language == "fr"
