"""The mailbox read over real IMAP (Dovecot, accord/testing/imap.py), its acknowledgements sent over real SMTP.

The poll is `mailbox_poll_once()`, the function the worker's schedule calls; e-mail leaves through
the real task queue (`run_queued_tasks`) to the real SMTP server (`smtp_server`).
"""

import imaplib

import pytest

from accord.cases.links import case_reply_address
from accord.cases.models import Case, CaseEvent, Channel, EventKind, Message, Status
from accord.mailbox.models import Evidence, InboundEmail, InboundState, Reason
from accord.mailbox.services import mailbox_poll_once
from accord.mailbox.sources import PROCESSED_KEYWORD, ImapMailbox
from accord.mailbox.tests import mails
from accord.notifications.models import OutboundEmail
from accord.testing.concurrency import in_threads
from accord.testing.mail import body_text

UNPARSEABLE = b"\r\nThis is not an e-mail: no header at all.\r\n"


@pytest.fixture
def mailbox(imap_server, settings):
    settings.ACCORD_MAILBOX_URL = imap_server.url
    return imap_server


def processed(server) -> list[bool]:
    """For each message on the server, oldest first: is it marked processed?"""
    return [PROCESSED_KEYWORD in flags and "\\Seen" in flags for _, flags in server.messages()]


def acknowledgement(case) -> OutboundEmail:
    return case.emails.get(template="acknowledgement")


def test_a_complaint_by_mail_becomes_a_case_and_its_acknowledgement_reaches_the_member(
    mailbox, smtp_server, run_queued_tasks
):
    mailbox.append(mails.new_complaint())
    summary = mailbox_poll_once()
    assert summary == {"configured": True, "read": 1, "new_case": 1}
    case = Case.objects.get()
    assert case.channel == Channel.EMAIL and case.person.email == "marie.lambert@example.org"
    assert processed(mailbox) == [True]

    run_queued_tasks()
    [sent] = smtp_server.wait_for(1)
    assert sent["To"] == "marie.lambert@example.org"
    assert case.reference in sent["Subject"]
    assert sent["Reply-To"] == case_reply_address(case)
    assert sent["Auto-Submitted"] == "auto-generated"
    assert case.reference in body_text(sent)
    # Read again: nothing new, nothing doubled.
    assert mailbox_poll_once() == {"configured": True, "read": 0}
    assert Case.objects.count() == 1 and OutboundEmail.objects.count() == 1


@pytest.mark.parametrize(
    ("shape", "sender", "evidence"),
    [
        ("gmail", "Marie Lambert <marie.lambert@example.org>", Evidence.THREAD),
        ("outlook", "Jan Peeters <jan.peeters@example.org>", Evidence.SUBJECT_REFERENCE),
        ("apple", "Sarah Smith <sarah.smith@example.org>", Evidence.REPLY_ADDRESS),
    ],
)
def test_a_members_reply_lands_on_the_same_case(mailbox, smtp_server, run_queued_tasks, shape, sender, evidence):
    mailbox.append(mails.new_complaint(sender=sender))
    mailbox_poll_once()
    run_queued_tasks()
    case = Case.objects.get()
    builder = {"gmail": mails.gmail_reply, "outlook": mails.outlook_reply, "apple": mails.apple_reply}[shape]
    mailbox.append(builder(ack=acknowledgement(case), sender=sender))

    assert mailbox_poll_once() == {"configured": True, "read": 1, "attached": 1}
    inbound = InboundEmail.objects.get(case_message__isnull=False)
    assert inbound.case == case and inbound.evidence == evidence
    assert Case.objects.count() == 1 and Message.objects.filter(case=case, direction="from_member").count() == 1
    assert processed(mailbox) == [True, True]
    # A reply is not a new complaint: no second acknowledgement.
    run_queued_tasks()
    assert len(smtp_server.messages) == 1


def test_an_out_of_office_answer_to_the_acknowledgement_creates_nothing_and_sends_nothing(
    mailbox, smtp_server, run_queued_tasks
):
    mailbox.append(mails.new_complaint())
    mailbox_poll_once()
    run_queued_tasks()
    smtp_server.wait_for(1)
    case = Case.objects.get()
    mailbox.append(mails.out_of_office(ack=acknowledgement(case)))

    assert mailbox_poll_once() == {"configured": True, "read": 1, "auto_reply": 1}
    run_queued_tasks()
    assert Case.objects.count() == 1 and not Message.objects.exists()
    assert OutboundEmail.objects.count() == 1 and len(smtp_server.messages) == 1
    assert InboundEmail.objects.get(state=InboundState.AUTO_REPLY).case == case
    assert processed(mailbox) == [True, True]


def test_a_bounce_of_the_acknowledgement_shows_as_a_failed_delivery(mailbox, smtp_server, run_queued_tasks):
    mailbox.append(mails.new_complaint())
    mailbox_poll_once()
    run_queued_tasks()
    case = Case.objects.get()
    mailbox.append(mails.bounce(ack=acknowledgement(case)))
    assert mailbox_poll_once() == {"configured": True, "read": 1, "bounce": 1}
    assert acknowledgement(case).delivery == "failed"
    assert CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL, data__status="failed").exists()
    assert Case.objects.count() == 1


def test_a_complaint_forwarded_by_a_counsellor(mailbox, ilse, smtp_server, run_queued_tasks):
    ilse.intake_unit = Channel.COUNSELLOR
    ilse.save(update_fields=["intake_unit"])
    mailbox.append(mails.staff_forward(forwarder="Ilse Claes <ilse@accord.test>"))
    assert mailbox_poll_once()["new_case"] == 1
    case = Case.objects.get()
    assert case.channel == Channel.COUNSELLOR and case.recorded_by == ilse
    assert case.person.email == "luc.martin@example.be"
    run_queued_tasks()
    [sent] = smtp_server.wait_for(1)
    assert sent["To"] == "luc.martin@example.be"


def test_a_stranger_quoting_someones_reference_gets_their_own_case(mailbox, run_queued_tasks):
    mailbox.append(mails.new_complaint())
    mailbox_poll_once()
    marie_case = Case.objects.get()
    mailbox.append(mails.stranger_quoting(reference=marie_case.reference))
    assert mailbox_poll_once()["new_case"] == 1
    other = Case.objects.exclude(pk=marie_case.pk).get()
    assert other.person.email == "paul.durand@example.net"
    assert not Message.objects.filter(case=marie_case).exists()
    assert CaseEvent.objects.filter(case=marie_case, data__related_case=other.reference).exists()


def test_an_unparseable_message_is_kept_listed_and_does_not_stop_the_poller(mailbox, client, maya):
    mailbox.append(UNPARSEABLE)
    mailbox.append(mails.new_complaint())
    assert mailbox_poll_once() == {"configured": True, "read": 2, "failed": 1, "new_case": 1}
    failed = InboundEmail.objects.get(state=InboundState.FAILED)
    assert failed.reason_code == Reason.PARSE_FAILED and bytes(failed.raw).strip() == UNPARSEABLE.strip()
    assert processed(mailbox) == [True, True]  # kept in Accord: not read again and again
    client.force_login(maya)
    page = client.get("/en/staff/mailbox/").content.decode()
    assert "The message could not be read." in page and "no header found" in page


@pytest.mark.django_db(transaction=True)
def test_a_crash_between_the_commit_and_the_server_flag_loses_nothing_and_doubles_nothing(mailbox, monkeypatch):
    for number in range(3):
        mailbox.append(
            mails.new_complaint(sender=f"member{number}@example.org", message_id=f"<crash-{number}@example.org>")
        )
    flag = ImapMailbox.mark_processed
    crashes = []

    def connection_lost_once(self, uid):
        if not crashes:
            crashes.append(uid)
            # The connection drops after the first case is committed: the real STORE then fails.
            self.connection.shutdown()
        return flag(self, uid)

    monkeypatch.setattr(ImapMailbox, "mark_processed", connection_lost_once)
    with pytest.raises((imaplib.IMAP4.abort, imaplib.IMAP4.error, OSError)):
        mailbox_poll_once()
    assert Case.objects.count() == 1 and InboundEmail.objects.count() == 1
    assert processed(mailbox) == [False, False, False]

    summary = mailbox_poll_once()
    assert summary == {"configured": True, "read": 3, "duplicate": 1, "new_case": 2}
    assert Case.objects.count() == 3 and InboundEmail.objects.count() == 3
    assert OutboundEmail.objects.filter(template="acknowledgement").count() == 3
    assert processed(mailbox) == [True, True, True]


@pytest.mark.django_db(transaction=True)
def test_two_workers_polling_at_once_file_each_message_once(mailbox):
    count = 20
    for number in range(count):
        mailbox.append(mails.new_complaint(sender=f"member{number}@example.org"))
    summaries = in_threads(2, lambda index: mailbox_poll_once())
    assert Case.objects.count() == count and InboundEmail.objects.count() == count
    assert Case.objects.values("person__email").distinct().count() == count
    assert OutboundEmail.objects.count() == count
    assert sum(s.get("new_case", 0) for s in summaries) == count
    assert sum(s["read"] for s in summaries) == sum(s.get("new_case", 0) + s.get("duplicate", 0) for s in summaries)
    assert all(processed(mailbox))
    assert Case.objects.filter(status=Status.RECEIVED).count() == count
