"""Where each e-mail goes (services.inbound_email_receive), message by message, on the real database.

The IMAP path (accord/mailbox/tests/test_imap.py) runs the same service behind a real Dovecot;
here every rule of the routing order is pinned down one by one.
"""

import pytest

from accord.cases.models import Case, CaseEvent, Channel, Document, EventKind, InternalNote, Message, Status
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import PDF_BYTES
from accord.mailbox.models import Evidence, InboundEmail, InboundState, Reason
from accord.mailbox.services import inbound_email_receive, inbound_email_retry
from accord.mailbox.tests import mails
from accord.notifications.models import EmailStatus, OutboundEmail
from accord.people.models import Person


def receive(raw: bytes):
    return inbound_email_receive(raw=raw, source="test").inbound


def ack_of(case) -> OutboundEmail:
    return case.emails.get(template="acknowledgement")


@pytest.fixture
def marie_case(marie, make_case):
    return make_case(marie, channel=Channel.WEB)


# ---------------------------------------------------------------------------------------
# New complaints


def test_a_new_complaint_becomes_a_case_with_its_acknowledgement(db):
    inbound = receive(mails.new_complaint())
    assert inbound.state == InboundState.NEW_CASE and inbound.evidence == Evidence.NEW
    case = inbound.case
    assert case.channel == Channel.EMAIL and case.status == Status.RECEIVED
    assert case.subject == "Facture de mars payée deux fois"
    assert "prélevée deux fois" in case.description
    assert case.person.email == "marie.lambert@example.org" and case.person.name == "Marie Lambert"
    assert case.language == "fr"
    ack = ack_of(case)
    assert ack.to == "marie.lambert@example.org" and ack.automatic


def test_a_known_sender_is_recognised_and_keeps_their_language(jan):
    # Jan's known language (nl) wins over the language of this one message (English).
    inbound = receive(
        mails.new_complaint(
            sender="J. Peeters <Jan.Peeters@Example.org>",
            subject="Wrong bill",
            body="Dear Sir or Madam, my supplier billed me twice for the same month.",
        )
    )
    assert inbound.case.person == jan
    assert inbound.case.language == "nl"
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "language"),
    [
        (
            "Geachte, mijn energieleverancier heeft mij twee keer gefactureerd voor dezelfde maand en weigert terug te betalen.",
            "nl",
        ),
        ("Dear Sir or Madam, my energy supplier billed me twice for the same month and refuses to refund me.", "en"),
        ("OK", "fr"),  # too short to tell: French, the default
    ],
)
def test_a_new_senders_language_is_guessed_from_the_text(db, body, language):
    inbound = receive(mails.new_complaint(sender="someone@example.net", subject="-", body=body))
    assert inbound.case.language == language
    assert inbound.case.person.language == language
    assert inbound.case.person.name == "someone@example.net"


def test_every_attachment_is_kept_even_those_the_web_form_refuses(db, settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    inbound = receive(
        mails.new_complaint(
            attachments=[
                ("relevé bancaire.pdf", "application/pdf", PDF_BYTES),
                ("setup.exe", "application/octet-stream", b"MZ\x90\x00" + b"\x00" * 64),
                ("page.html", "text/html", b"<html><script>alert(1)</script></html>"),
                ("scan.pdf", "application/pdf", PDF_BYTES + b"%" * 2000),
            ]
        )
    )
    documents = {d.original_name: d for d in Document.objects.filter(case=inbound.case)}
    assert set(documents) == {"relevé bancaire.pdf", "setup.exe", "page.html", "scan.pdf"}
    assert documents["relevé bancaire.pdf"].content_type == "application/pdf"
    assert documents["relevé bancaire.pdf"].shared_with_member
    for name in ("setup.exe", "page.html", "scan.pdf"):
        # Kept for staff only, never served as something a browser would run or render.
        assert documents[name].content_type == "application/octet-stream" and not documents[name].shared_with_member
    assert documents["page.html"].file.read() == b"<html><script>alert(1)</script></html>"
    unchecked = {
        e.data["name"]: e.data["unchecked"]
        for e in CaseEvent.objects.filter(case=inbound.case, kind=EventKind.DOCUMENT)
        if e.data.get("unchecked")
    }
    assert unchecked == {"setup.exe": "type", "page.html": "type", "scan.pdf": "too_large"}


def test_an_html_only_message_gets_a_readable_text_and_a_sanitised_html(db):
    inbound = receive(mails.html_only())
    assert "billed me twice" in inbound.case.description
    assert "<script" not in inbound.body_html and "javascript:" not in inbound.body_html
    assert "<b>twice</b>" in inbound.body_html


def test_a_message_without_message_id_is_keyed_by_its_hash_and_not_doubled(db):
    raw = mails.new_complaint().replace(b"Message-ID:", b"X-Old-Message-ID:")
    first = inbound_email_receive(raw=raw)
    again = inbound_email_receive(raw=raw)
    assert first.created and not again.created
    assert first.inbound.message_id.startswith("sha256:")
    assert Case.objects.count() == 1


def test_the_same_message_delivered_twice_files_one_case(db):
    raw = mails.new_complaint(message_id="<twice@example.org>")
    # The second copy came through another alias: other bytes, the same Message-ID.
    copy = b"Delivered-To: plaintes@accord.test\r\n" + raw
    assert inbound_email_receive(raw=raw).created
    assert not inbound_email_receive(raw=copy).created
    assert Case.objects.count() == 1 and InboundEmail.objects.count() == 1


# ---------------------------------------------------------------------------------------
# Replies: Gmail, Outlook, Apple Mail


def test_a_gmail_reply_lands_on_the_case_by_its_threading_headers(marie_case):
    inbound = receive(mails.gmail_reply(ack=ack_of(marie_case)))
    assert inbound.state == InboundState.ATTACHED and inbound.evidence == Evidence.THREAD
    assert inbound.case == marie_case
    message = inbound.case_message
    # What Marie wrote this time; her client's quote of the acknowledgement is folded away but kept.
    assert message.body.startswith("Bonjour,\n\nVoici le relevé bancaire") and "a écrit" not in message.body
    assert "a écrit" in inbound.folded_text
    assert Case.objects.count() == 1


def test_an_outlook_reply_without_threading_lands_by_the_reference_in_its_subject(jan, make_case):
    case = make_case(jan)
    inbound = receive(mails.outlook_reply(ack=ack_of(case)))
    assert inbound.evidence == Evidence.SUBJECT_REFERENCE and inbound.case == case
    assert inbound.case_message.body.startswith("Goedemorgen") and "Verzonden" not in inbound.case_message.body
    assert "Verzonden" in inbound.folded_text


def test_an_apple_mail_reply_lands_by_the_case_reply_address(sarah, make_case):
    case = make_case(sarah)
    inbound = receive(
        mails.apple_reply(ack=ack_of(case), attachment=("meter letter.pdf", "application/pdf", PDF_BYTES))
    )
    assert inbound.evidence == Evidence.REPLY_ADDRESS and inbound.case == case
    document = Document.objects.get(case=case)
    assert document.original_name == "meter letter.pdf" and document.message == inbound.case_message
    assert document.from_member and document.shared_with_member


def test_a_reply_resumes_a_case_awaiting_the_member(marie_case, maya):
    case_transition(case=marie_case, name="acknowledge", actor=_actor(maya), data=StepInput())
    case_transition(
        case=marie_case,
        name="ask_member",
        actor=_actor(maya),
        data=StepInput(message="Pouvez-vous envoyer le relevé ?"),
    )
    marie_case.refresh_from_db()
    assert marie_case.status == Status.AWAITING_MEMBER
    asked = marie_case.emails.order_by("-id").first()
    receive(mails.gmail_reply(ack=asked))
    marie_case.refresh_from_db()
    assert marie_case.status == Status.ACKNOWLEDGED


def _actor(user):
    from accord.cases.permissions import Actor

    return Actor.for_user(user)


def test_a_reply_quoting_an_earlier_reply_threads_through_the_received_message(marie_case):
    first = receive(mails.gmail_reply(ack=ack_of(marie_case)))
    # Marie answers her own message (Gmail threads on it): the received Message-ID leads to the case.
    raw = mails.new_complaint(subject="Re: suite", extra_headers=f"In-Reply-To: <{first.message_id}>\n")
    assert receive(raw).case == marie_case


def test_a_reply_to_an_ended_case_opens_a_new_case_that_names_the_old_one(marie_case):
    case_transition(case=marie_case, name="withdraw", actor=_member(), data=StepInput())
    inbound = receive(mails.gmail_reply(ack=ack_of(marie_case)))
    assert inbound.state == InboundState.NEW_CASE and inbound.case != marie_case
    mention = CaseEvent.objects.get(case=inbound.case, kind=EventKind.NOTE)
    assert mention.data == {"related_case": marie_case.reference, "relation": "follows_ended"}


def _member():
    from accord.cases.permissions import MEMBER

    return MEMBER


# ---------------------------------------------------------------------------------------
# Someone else's reference


def test_a_stranger_quoting_a_reference_gets_a_new_case_not_the_other_persons(marie_case):
    inbound = receive(mails.stranger_quoting(reference=marie_case.reference))
    assert inbound.state == InboundState.NEW_CASE
    new_case = inbound.case
    assert new_case != marie_case and new_case.person.email == "paul.durand@example.net"
    assert not Message.objects.filter(case=marie_case).exists()
    # Each case names the other on its timeline, for the mediator to link them.
    assert CaseEvent.objects.get(case=new_case, kind=EventKind.NOTE).data == {
        "related_case": marie_case.reference,
        "relation": "quotes",
    }
    assert CaseEvent.objects.get(case=marie_case, kind=EventKind.NOTE).data == {
        "related_case": new_case.reference,
        "relation": "quoted_by",
    }


# ---------------------------------------------------------------------------------------
# Forwarded by staff


def test_a_complaint_forwarded_by_the_billing_service_is_filed_for_the_original_sender(bruno):
    bruno.intake_unit = Channel.BILLING
    bruno.save(update_fields=["intake_unit"])
    inbound = receive(mails.staff_forward(attachment=("facture.pdf", "application/pdf", PDF_BYTES)))
    assert inbound.state == InboundState.NEW_CASE and inbound.evidence == Evidence.FORWARDED
    case = inbound.case
    assert case.person.email == "luc.martin@example.be" and case.person.name == "Luc Martin"
    assert case.channel == Channel.BILLING and case.recorded_by == bruno
    assert case.subject == "Réclamation facture d'eau"
    assert case.description.startswith("Bonjour,\n\nJe conteste la facture d'eau")
    assert case.received_at.date().isoformat() == "2026-03-02"
    # The acknowledgement goes to the member, not to the forwarder.
    assert ack_of(case).to == "luc.martin@example.be"
    assert Document.objects.get(case=case).original_name == "facture.pdf"
    note = InternalNote.objects.get(case=case)
    assert note.author == bruno and "je vous la transmets" in note.body


def test_a_forward_by_a_counsellor_without_a_service_is_a_counsellors_forward(ilse):
    inbound = receive(mails.staff_forward(forwarder="Ilse Claes <ILSE@accord.test>"))
    assert inbound.case.channel == Channel.COUNSELLOR and inbound.case.recorded_by == ilse


def test_a_staff_message_that_forwards_nothing_waits_for_a_mediator(ilse):
    inbound = receive(mails.new_complaint(sender="Ilse Claes <ilse@accord.test>", subject="Question"))
    assert inbound.state == InboundState.NEEDS_ATTENTION and inbound.reason_code == Reason.STAFF_NO_FORWARD
    assert Case.objects.count() == 0


# ---------------------------------------------------------------------------------------
# Automatic mail: never a case, never an acknowledgement


@pytest.mark.parametrize("style", ["rfc3834", "x-autoreply"])
def test_an_out_of_office_answer_creates_nothing_and_sends_nothing(marie_case, style):
    emails_before = OutboundEmail.objects.count()
    inbound = receive(mails.out_of_office(ack=ack_of(marie_case), style=style))
    assert inbound.state == InboundState.AUTO_REPLY and inbound.reason_code == Reason.AUTO_REPLY
    assert Case.objects.count() == 1 and not Message.objects.exists()
    assert OutboundEmail.objects.count() == emails_before


def test_a_bounce_marks_the_sent_email_failed_on_its_case(marie_case):
    ack = ack_of(marie_case)
    inbound = receive(mails.bounce(ack=ack))
    assert inbound.state == InboundState.BOUNCE and inbound.bounced_email == ack and inbound.case == marie_case
    ack.refresh_from_db()
    assert ack.delivery == EmailStatus.FAILED and "User unknown" in ack.error and ack.next_attempt_at is None
    event = CaseEvent.objects.filter(case=marie_case, kind=EventKind.EMAIL).order_by("-id").first()
    assert event.data["status"] == EmailStatus.FAILED and event.data["bounce"] == inbound.message_id
    assert Case.objects.count() == 1


def test_mail_from_accords_own_address_is_ignored(db):
    inbound = receive(mails.new_complaint(sender="Accord <accord@localhost>"))
    assert inbound.state == InboundState.IGNORED and inbound.reason_code == Reason.MAIL_LOOP
    assert not Case.objects.exists()


# ---------------------------------------------------------------------------------------
# Nothing lost


def test_an_unparseable_message_is_kept_raw_with_the_reason(db):
    inbound = receive(mails.UNPARSEABLE)
    assert inbound.state == InboundState.FAILED and inbound.reason_code == Reason.PARSE_FAILED
    assert inbound.reason and bytes(inbound.raw) == mails.UNPARSEABLE
    assert not Case.objects.exists()


def test_a_message_that_cannot_be_filed_is_kept_failed_and_can_be_tried_again(db, settings, monkeypatch):
    from accord.cases import services

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    # The case's writer, behind complaint_receive (the way in of every channel, e-mail included).
    monkeypatch.setattr(services, "case_create", broken)
    inbound = receive(mails.new_complaint())
    assert inbound.state == InboundState.FAILED and inbound.reason_code == Reason.ROUTE_FAILED
    assert "database hiccup" in inbound.reason
    assert not Person.objects.exists()  # the savepoint undid the half-done work
    monkeypatch.undo()
    inbound = inbound_email_retry(inbound=inbound)
    assert inbound.state == InboundState.NEW_CASE and inbound.case is not None


def test_a_mediator_answering_in_the_members_thread_is_recorded_as_their_internal_note_not_as_the_member(
    marie_case, maya
):
    inbound = receive(
        mails.gmail_reply(
            ack=ack_of(marie_case), sender="Maya Mertens <maya@accord.test>", text="Note: j'ai appelé Marie ce matin."
        )
    )
    assert inbound.state == InboundState.ATTACHED and inbound.case == marie_case
    assert not Message.objects.filter(case=marie_case).exists()
    note = InternalNote.objects.get(case=marie_case)
    assert note.author == maya and note.body.startswith("Note: j'ai appelé Marie")
    assert marie_case.emails.count() == 1  # nothing sent to the member
