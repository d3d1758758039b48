"""Issue 8: a department answers a request by replying to any e-mail Accord sent about it (asked, reminder,
overdue, escalation, its link's), threaded the way members' replies are (departments/mail.py, through the
mailbox's own entry point `inbound_email_receive`, and over real IMAP and SMTP at the end).

The identity rule: a From address proves nothing by itself. A reply is the department's answer when it both
threads to an e-mail Accord sent about that request (whose Message-ID only its recipients know) and comes from
one of that department's liaisons or its shared or head address. Anything else that threads to the request
(a colleague, a forward, a forged From) is held on the case for the mediator, flagged, never dropped; so is a
reply to a withdrawn request."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accord.accounts.models import Role
from accord.cases.models import CaseEvent, Document, EventKind, Message, Office
from accord.cases.permissions import Actor
from accord.cases.services import staff_message_send
from accord.cases.templatetags.case_tags import request_sentence
from accord.cases.workflow import case_transition
from accord.conftest import PDF_BYTES, _staff, pdf_upload
from accord.departments.dysfunction_notices import dysfunction_notices_send
from accord.departments.dysfunctions import dysfunction_record
from accord.departments.models import (
    AnswerChannel,
    DepartmentContact,
    HeldReply,
    HeldReplyReason,
    Liaison,
    RequestEmail,
    RequestState,
)
from accord.departments.services import request_ask, request_notices_send, request_withdraw
from accord.mailbox.models import Evidence, InboundEmail, InboundState, Reason
from accord.mailbox.services import inbound_email_receive, mailbox_poll_once
from accord.mailbox.tests import mails
from accord.notifications.models import OutboundEmail
from accord.testing.mail import body_text

BRUSSELS = ZoneInfo("Europe/Brussels")
QUESTION = "Waarom werd de factuur van maart tweemaal aangerekend?"
CREDIT_NOTE = ("creditnota.pdf", "application/pdf", PDF_BYTES)


def at(day: date, hour=10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


@pytest.fixture
def billing(db, finance):
    DepartmentContact.objects.create(
        department=finance,
        shared_email="facturation@coop.test",
        head_email="direction.finance@coop.test",
        office=Office.objects.get(code="brussels"),
        language="fr",
    )
    return finance


@pytest.fixture
def bart(db, billing):
    """Billing's liaison, who reads Dutch."""
    user = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=user, department=billing)
    return user


@pytest.fixture
def open_case(make_case, jan, maya):
    """A Dutch member's case under investigation, with a document the mediator shares with billing."""
    case = make_case(jan, language="nl")
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    staff_message_send(case=case, user=maya, body="Kunt u de factuur sturen?", attachments=[pdf_upload("brief.pdf")])
    return case


def ask(case, maya, department):
    shared = Document.objects.get(case=case, original_name="brief.pdf")
    with at(date(2027, 3, 4)):  # Thursday: due Tuesday 9 March
        return request_ask(case=case, user=maya, department=department, question=QUESTION, documents=[shared])


def sent(request, purpose) -> OutboundEmail:
    return RequestEmail.objects.filter(request=request, purpose=purpose).select_related("email").first().email


def reply_to(email: OutboundEmail, **kwargs) -> bytes:
    return mails.outlook_thread_reply(
        message_id=email.message_id, subject=email.subject, quoted_text=email.body_text, **kwargs
    )


def receive(raw: bytes, day=date(2027, 3, 5)) -> InboundEmail:
    with at(day, 15):
        return inbound_email_receive(raw=raw, source="test").inbound


def test_a_liaisons_reply_to_the_request_is_the_departments_answer_with_its_documents(open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    inbound = receive(reply_to(sent(request, "asked"), attachments=[CREDIT_NOTE]))

    assert inbound.state == InboundState.ATTACHED and inbound.evidence == Evidence.REQUEST_REPLY
    assert inbound.case == open_case and inbound.case_message is None
    (answer,) = request.answers.all()
    assert answer.channel == AnswerChannel.EMAIL and answer.inbound == inbound
    # What the e-mail claims, not an account: the address it came from.
    assert answer.author is None and answer.author_email == "bart@accord.test"
    # The new text only: Outlook's quoted copy of Accord's e-mail (and so the question) is trimmed.
    assert answer.body.startswith("Goedemiddag,") and "creditnota zit in bijlage" in answer.body
    assert "Van: Accord" not in answer.body and QUESTION not in answer.body
    (document,) = answer.documents.all()
    assert document.original_name == "creditnota.pdf" and not document.shared_with_member
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    # Never the member's words: no message from the member on the case.
    assert not Message.objects.filter(case=open_case, direction="from_member").exists()
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST, data__action="answered").get()
    assert event.data["channel"] == "email" and event.data["documents"] == ["creditnota.pdf"]
    with translation.override("en"):
        assert request_sentence(event) == "The Finance department answered by e-mail (bart@accord.test)"
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_request_answered").count() == 1


@pytest.mark.parametrize(
    ("purpose", "sender"),
    [
        ("reminder", "Bart Claes <Bart@Accord.test>"),  # an address's case does not matter
        ("overdue", "Bart Claes <bart@accord.test>"),
        ("escalation", "Directie Financien <direction.finance@coop.test>"),  # the head answers
    ],
)
def test_a_reply_to_any_notice_about_the_request_answers_it(open_case, maya, billing, bart, purpose, sender):
    request = ask(open_case, maya, billing)
    for day in (date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 11)):  # reminder, overdue, escalation
        with at(day):
            request_notices_send(today=day)
    inbound = receive(reply_to(sent(request, purpose), sender=sender), day=date(2027, 3, 12))
    assert inbound.state == InboundState.ATTACHED, (inbound.state, inbound.reason, inbound.from_email)
    (answer,) = request.answers.all()
    assert answer.channel == AnswerChannel.EMAIL and answer.author_email == sender.split("<")[1][:-1].lower()
    assert inbound.case == open_case
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST, data__action="answered").get()
    assert event.data["late"] is True


def test_a_department_without_liaisons_answers_by_replying_to_its_links_e_mail(open_case, maya, billing):
    request = ask(open_case, maya, billing)
    link_email = sent(request, "asked")
    assert link_email.template == "department_request_link" and link_email.to == "facturation@coop.test"
    receive(reply_to(link_email, sender="Service facturation <facturation@coop.test>", attachments=[CREDIT_NOTE]))
    (answer,) = request.answers.all()
    assert answer.channel == AnswerChannel.EMAIL and answer.author_email == "facturation@coop.test"
    assert [d.original_name for d in answer.documents.all()] == ["creditnota.pdf"]


def test_the_e_mails_say_the_department_may_answer_by_replying(open_case, maya, billing, bart, make_case, marie):
    asked = sent(ask(open_case, maya, billing), "asked")
    assert asked.language == "nl" and "antwoorden op deze e-mail" in " ".join(asked.body_text.split())
    Liaison.objects.all().delete()  # without liaisons: the link's e-mail to the shared address, in French
    other = make_case(marie)
    staff_message_send(case=other, user=maya, body="Facture ?", attachments=[pdf_upload("brief.pdf")])
    link_email = sent(ask(other, maya, billing), "asked")
    assert link_email.language == "fr" and "répondre à cet e-mail" in " ".join(link_email.body_text.split())


def test_a_reply_from_someone_else_is_held_on_the_case_for_the_mediator(client, open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    # Bart forwarded the question to a colleague, who answers from her own address: not a liaison.
    raw = reply_to(
        sent(request, "asked"),
        sender="Sofie Maes <sofie.maes@coop.test>",
        text="Goedemiddag,\n\nBart is met verlof. De tweede aanrekening is teruggestort.\n\nSofie",
        attachments=[CREDIT_NOTE],
    )
    inbound = receive(raw)

    assert inbound.state == InboundState.ATTACHED and inbound.case == open_case
    request.refresh_from_db()
    assert request.state == RequestState.ASKED and not request.answers.exists()
    (held,) = HeldReply.objects.filter(request=request)
    assert held.reason == HeldReplyReason.SENDER and held.from_email == "sofie.maes@coop.test"
    assert held.body.startswith("Goedemiddag,") and "Van: Accord" not in held.body and held.inbound == inbound
    (document,) = held.documents.all()
    assert document.original_name == "creditnota.pdf" and not document.shared_with_member
    assert held.decided_at is None
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST, data__action="reply_held").get()
    with translation.override("en"):
        assert "sofie.maes@coop.test" in request_sentence(event)
    # The mediator is told, and the case page flags it with its text and its document.
    (notice,) = OutboundEmail.objects.filter(recipient=maya, template="staff_request_reply_held")
    assert notice.case == open_case and "sofie.maes@coop.test" in notice.body_text
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert 'data-testid="held-reply"' in page and "Bart is met verlof" in page and "creditnota.pdf" in page
    held_html = page[page.index('data-testid="held-reply"') :][:3000]
    assert "Take it as the department" in held_html, held_html
    # The liaison's page never shows it: it may be anyone's words.
    client.force_login(bart)
    assert "Bart is met verlof" not in client.get(f"/nl/staff/departments/requests/{request.pk}/").content.decode()


def test_the_mediator_takes_a_held_reply_as_the_departments_answer(client, open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    receive(reply_to(sent(request, "asked"), sender="sofie.maes@coop.test", attachments=[CREDIT_NOTE]))
    held = HeldReply.objects.get()
    client.force_login(maya)
    url = reverse("departments:held_reply_decide", args=[request.pk, held.pk])
    response = client.post(url, {"decision": "accepted"})
    assert response.status_code == 302
    held.refresh_from_db()
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED and held.decision == "accepted" and held.decided_by == maya
    (answer,) = request.answers.all()
    assert held.answer == answer and answer.channel == AnswerChannel.EMAIL
    assert answer.author_email == "sofie.maes@coop.test" and answer.author is None
    assert list(answer.documents.all()) == list(held.documents.all())
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST, data__action="reply_accepted").get()
    assert event.actor == maya
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert 'data-testid="held-reply"' not in page
    # Once decided, never twice.
    client.post(url, {"decision": "accepted"})
    assert request.answers.count() == 1


def test_the_mediator_sets_a_held_reply_aside_and_it_stays_on_the_case(client, open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    receive(reply_to(sent(request, "asked"), sender="sofie.maes@coop.test"))
    held = HeldReply.objects.get()
    client.force_login(maya)
    client.post(reverse("departments:held_reply_decide", args=[request.pk, held.pk]), {"decision": "set_aside"})
    held.refresh_from_db()
    request.refresh_from_db()
    assert held.decision == "set_aside" and request.state == RequestState.ASKED and not request.answers.exists()
    assert CaseEvent.objects.filter(case=open_case, data__action="reply_set_aside", actor=maya).exists()
    # Still on the case, folded, with its text (and in the mailbox, raw); no longer flagged.
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert 'data-testid="held-reply"' not in page
    assert 'data-testid="held-reply-set-aside"' in page and "creditnota zit in bijlage" in page
    assert InboundEmail.objects.get().case == open_case


def test_a_reply_to_a_withdrawn_request_lands_on_the_case_and_the_mediator_is_told(
    client, open_case, maya, billing, bart
):
    request = ask(open_case, maya, billing)
    with at(date(2027, 3, 5)):
        request_withdraw(request=request, user=maya, reason="De vennoot heeft het bewijs zelf gestuurd.")
    inbound = receive(reply_to(sent(request, "asked"), attachments=[CREDIT_NOTE]), day=date(2027, 3, 8))

    assert inbound.state == InboundState.ATTACHED and inbound.case == open_case
    request.refresh_from_db()
    assert request.state == RequestState.WITHDRAWN and not request.answers.exists()
    (held,) = HeldReply.objects.filter(request=request)
    assert held.reason == HeldReplyReason.WITHDRAWN and held.from_email == "bart@accord.test"
    assert [d.original_name for d in held.documents.all()] == ["creditnota.pdf"]
    event = CaseEvent.objects.filter(case=open_case, data__action="replied_after_withdrawal").get()
    with translation.override("en"):
        assert request_sentence(event).startswith("The Finance department replied by e-mail (bart@accord.test)")
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_request_reply_held").count() == 1
    # A withdrawn request takes no answer, not even through the mediator; it can be set aside.
    client.force_login(maya)
    url = reverse("departments:held_reply_decide", args=[request.pk, held.pk])
    client.post(url, {"decision": "accepted"})
    assert not request.answers.exists()
    client.post(url, {"decision": "set_aside"})
    held.refresh_from_db()
    assert held.decision == "set_aside"


def test_a_liaisons_from_address_without_the_thread_is_no_answer(open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    # The From and the case's reference are easy to write; the thread of Accord's e-mail is not.
    forged = mails.new_complaint(
        sender="Bart Claes <bart@accord.test>",
        subject=f"RE: [{open_case.reference}] vraag",
        body="De tweede aanrekening is teruggestort.",
        extra_headers="In-Reply-To: <made-up-1234@accord.test>\nReferences: <made-up-1234@accord.test>\n",
    )
    inbound = receive(forged)
    assert not request.answers.exists() and not HeldReply.objects.exists()
    assert inbound.state == InboundState.NEEDS_ATTENTION  # a staff account's message forwarding nothing


def test_a_reply_to_another_departments_e_mail_is_never_the_members_words(make_case, marie, maya, billing, bart):
    with at(date(2026, 7, 10)):
        case = make_case(marie)
        dysfunction_record(
            case=case, user=maya, department=billing, title="Factures en double", description="Deux factures."
        )
    for day in range(13, 25):  # the worker's check, each day until the head is told
        with at(date(2026, 7, day)):
            dysfunction_notices_send(today=date(2026, 7, day))
    escalation = OutboundEmail.objects.get(template="department_dysfunction_escalation")
    inbound = receive(reply_to(escalation, sender="direction.finance@coop.test"), day=date(2026, 7, 27))
    assert not Message.objects.filter(case=case, direction="from_member").exists()
    assert inbound.state == InboundState.NEEDS_ATTENTION and inbound.reason_code == Reason.NOT_MEMBER_THREAD
    assert inbound.case == case  # listed on the mailbox page, for a mediator of that case


def test_the_same_reply_delivered_twice_is_one_answer(open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    raw = reply_to(sent(request, "asked"))
    receive(raw)
    with at(date(2027, 3, 5), 16):
        assert inbound_email_receive(raw=raw, source="test").created is False
    assert request.answers.count() == 1


def test_a_liaisons_reply_over_real_smtp_and_imap_answers_the_request(
    imap_server, smtp_server, run_queued_tasks, settings, open_case, maya, billing, bart
):
    """The whole way: Accord's e-mail leaves over SMTP, the liaison's mail program answers it, the reply
    arrives in the mailbox (Dovecot) and is read by the worker's poll."""
    settings.ACCORD_MAILBOX_URL = imap_server.url
    shared = Document.objects.get(case=open_case, original_name="brief.pdf")
    request = request_ask(case=open_case, user=maya, department=billing, question=QUESTION, documents=[shared])
    run_queued_tasks()
    (delivered,) = [m for m in smtp_server.wait_for(1) if m["To"] == "bart@accord.test"]
    imap_server.append(
        mails.outlook_thread_reply(
            message_id=delivered["Message-ID"],
            subject=delivered["Subject"],
            quoted_text=body_text(delivered),
            attachments=[CREDIT_NOTE],
        )
    )
    assert mailbox_poll_once() == {"configured": True, "read": 1, "attached": 1}
    (answer,) = request.answers.all()
    assert answer.channel == AnswerChannel.EMAIL and answer.author_email == "bart@accord.test"
    assert [d.original_name for d in answer.documents.all()] == ["creditnota.pdf"]
    smtp_server.clear()
    run_queued_tasks()
    (told,) = smtp_server.wait_for(1)
    assert told["To"] == "maya@accord.test"
