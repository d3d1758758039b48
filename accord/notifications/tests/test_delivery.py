"""Delivery by the worker over real SMTP: retried with backoff when the server refuses for now, failed for
good when it refuses for ever, every state on the case's timeline; queued only if the change committed."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accord.cases.models import CaseEvent, EventKind
from accord.notifications.models import EmailStatus, OutboundEmail
from accord.testing.mail import free_port


def _refuse_first(server, times: int, answer: str = "451 4.3.0 Mailbox busy, try again later"):
    """Make the real SMTP server refuse the first `times` messages with `answer`, then accept."""
    accept = server.handle_DATA
    refused = []

    async def handle_DATA(smtp, session, envelope):
        if len(refused) < times:
            refused.append(envelope)
            return answer
        return await accept(smtp, session, envelope)

    server.handle_DATA = handle_DATA
    return refused


def _email_states(case) -> list[str]:
    return [e.data["status"] for e in CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL).order_by("id")]


def test_a_refused_delivery_is_retried_with_backoff_until_the_server_accepts(
    marie, maya, make_case, smtp_server, run_queued_tasks, client
):
    refused = _refuse_first(smtp_server, 2)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        case = make_case(marie)
        run_queued_tasks()
        email = OutboundEmail.objects.get(case=case)
        assert (email.delivery, email.attempts) == (EmailStatus.RETRYING, 1)
        assert email.next_attempt_at == start + timedelta(minutes=1)
        assert email.error == "451 4.3.0 Mailbox busy, try again later"

        clock.shift(timedelta(seconds=30))
        assert run_queued_tasks() == []  # not before its time

        clock.shift(timedelta(seconds=31))
        run_queued_tasks()
        email.refresh_from_db()
        assert (email.delivery, email.attempts) == (EmailStatus.RETRYING, 2)
        assert email.next_attempt_at == timezone.now() + timedelta(minutes=5)

        clock.shift(timedelta(minutes=5, seconds=1))
        run_queued_tasks()
    email.refresh_from_db()
    assert (email.delivery, email.attempts, email.error) == (EmailStatus.SENT, 3, "")
    assert len(refused) == 2
    (message,) = smtp_server.wait_for(1)
    assert message["Message-ID"] == email.message_id  # the same e-mail, the same identity, delivered once
    assert _email_states(case) == ["queued", "retrying", "retrying", "sent"]
    retry = CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL, data__status="retrying").first()
    assert retry.data["error"].startswith("451") and retry.data["retry_at"]

    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Queued" in page and "Sent" in page and "Not delivered yet, will retry" in page
    assert "451 4.3.0 Mailbox busy, try again later" in page and "next try" in page


def test_a_permanent_refusal_fails_at_once_with_the_servers_answer(marie, make_case, smtp_server, run_queued_tasks):
    _refuse_first(smtp_server, 99, "550 5.1.1 No such user here")
    case = make_case(marie)
    run_queued_tasks()
    email = OutboundEmail.objects.get(case=case)
    assert (email.delivery, email.attempts, email.next_attempt_at) == (EmailStatus.FAILED, 1, None)
    assert email.error == "550 5.1.1 No such user here"
    assert _email_states(case) == ["queued", "failed"]
    assert not DBTaskResult.objects.ready().exists() and not DBTaskResult.objects.filter(status="READY").exists()


def test_after_the_last_retry_the_delivery_fails_for_good(marie, make_case, settings, run_queued_tasks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    settings.ACCORD_EMAIL_RETRY_MINUTES = [1, 5]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        case = make_case(marie)
        run_queued_tasks()
        for minutes in (1, 5):
            clock.shift(timedelta(minutes=minutes, seconds=1))
            run_queued_tasks()
    email = OutboundEmail.objects.get(case=case)
    assert (email.delivery, email.attempts) == (EmailStatus.FAILED, 3)
    assert "Connection refused" in email.error or "ConnectionRefused" in email.error
    assert _email_states(case) == ["queued", "retrying", "retrying", "failed"]


def test_an_email_queued_in_a_rolled_back_change_is_never_sent(marie, smtp_server, run_queued_tasks):
    from accord.cases.services import case_create

    with pytest.raises(RuntimeError), transaction.atomic():
        case_create(person=marie, channel="web", subject="s", description="d", language="fr")
        assert DBTaskResult.objects.count() == 1  # the send task is a row of this very transaction
        raise RuntimeError("the change fails")
    assert DBTaskResult.objects.count() == 0 and OutboundEmail.objects.count() == 0
    assert run_queued_tasks() == []
    assert smtp_server.messages == []


def test_the_email_cannot_be_sent_twice_even_by_two_tasks(marie, make_case, smtp_server, run_queued_tasks):
    from accord.notifications.tasks import email_send

    case = make_case(marie)
    email = OutboundEmail.objects.get(case=case)
    email_send.enqueue(email_id=email.pk)  # a duplicate task for the same e-mail
    run_queued_tasks()
    smtp_server.wait_for(1)
    assert len(smtp_server.messages) == 1
    assert _email_states(case) == ["queued", "sent"]


def test_an_email_a_dead_worker_left_sending_is_shown_failed_on_its_case_not_sent_twice(marie, make_case):
    from accord.notifications.services import outbound_emails_interrupted_fail

    case = make_case(marie)
    email = OutboundEmail.objects.get(case=case)
    # A worker claimed it 45 minutes ago and died during the SMTP conversation.
    OutboundEmail.objects.filter(pk=email.pk).update(
        delivery=EmailStatus.SENDING, claimed_at=timezone.now() - timedelta(minutes=45)
    )
    fresh = make_case(marie)
    OutboundEmail.objects.filter(case=fresh).update(delivery=EmailStatus.SENDING, claimed_at=timezone.now())

    assert outbound_emails_interrupted_fail() == 1
    email.refresh_from_db()
    assert email.delivery == EmailStatus.FAILED and "Interrupted while being sent" in email.error
    assert _email_states(case)[-1] == EmailStatus.FAILED
    # One still within its delivery is left alone; a second check changes nothing.
    assert OutboundEmail.objects.get(case=fresh).delivery == EmailStatus.SENDING
    assert outbound_emails_interrupted_fail() == 0
