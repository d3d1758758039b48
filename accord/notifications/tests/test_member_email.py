"""E-mails to members leave by real SMTP (sent by the worker's task), in the case's language, threaded, never lost."""

import pytest

from accord.cases.links import case_reply_address
from accord.cases.models import CaseEvent, EventKind
from accord.cases.permissions import Actor
from accord.cases.workflow import StepInput, case_transition
from accord.notifications.models import EmailStatus, OutboundEmail
from accord.testing.mail import body_html, body_text, free_port


def test_acknowledgement_reaches_the_smtp_server_in_the_case_language_with_headers(
    jan, make_case, smtp_server, run_queued_tasks
):
    case = make_case(jan, language="nl")
    run_queued_tasks()
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "jan.peeters@example.org"
    assert case.reference in message["Subject"]
    assert message["Content-Language"] == "nl"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Reply-To"] == case_reply_address(case)
    email = OutboundEmail.objects.get(case=case)
    assert message["Message-ID"] == email.message_id
    assert email.delivery == EmailStatus.SENT and email.sent_at is not None
    assert case.reference in body_text(message) and "/nl/my-case/" in body_text(message)
    assert "/nl/my-case/" in body_html(message)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL, data__status=EmailStatus.SENT).exists()


def test_later_emails_thread_to_the_earlier_ones_and_a_written_message_is_not_automatic(
    marie, maya, make_case, smtp_server, run_queued_tasks
):
    case = make_case(marie)
    run_queued_tasks()
    case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    run_queued_tasks()
    case_transition(
        case=case, name="ask_member", actor=Actor.for_user(maya), data=StepInput(message="Quelle facture ?")
    )
    run_queued_tasks()
    first, second, third = smtp_server.wait_for(3)
    assert second["In-Reply-To"] == first["Message-ID"]
    assert first["Message-ID"] in third["References"] and second["Message-ID"] in third["References"]
    assert third["Auto-Submitted"] is None
    assert "Quelle facture ?" in body_text(third)


def test_mediator_language_does_not_change_the_members_email(sarah, maya, make_case, client, settings):
    case = make_case(sarah, language="en")
    client.force_login(maya)
    client.post(f"/fr/staff/cases/{case.reference}/step/acknowledge/", {})
    email = OutboundEmail.objects.filter(case=case, template="acknowledged").get()
    assert email.language == "en"
    assert "Hello Sarah Smith" in email.body_text


def test_failed_delivery_is_kept_with_the_servers_answer_and_shown_on_the_timeline(
    marie, make_case, settings, run_queued_tasks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # the test runner installs locmem
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    case = make_case(marie)
    run_queued_tasks()
    email = OutboundEmail.objects.get(case=case)
    # No answer from the server is a temporary failure: kept, and tried again later (test_delivery.py).
    assert email.delivery == EmailStatus.RETRYING and email.next_attempt_at is not None
    assert "Connection refused" in email.error or "ConnectionRefused" in email.error
    events = CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL).order_by("id")
    assert [e.data["status"] for e in events] == [EmailStatus.QUEUED, EmailStatus.RETRYING]
    assert events.last().data["error"] == email.error


def test_without_a_mail_server_email_is_kept_in_the_outbox_not_dropped(
    marie, maya, make_case, client, run_queued_tasks
):
    case = make_case(marie)
    run_queued_tasks()
    email = OutboundEmail.objects.get(case=case)
    assert email.delivery == EmailStatus.KEPT
    client.force_login(maya)
    outbox = client.get("/en/staff/outbox/").content.decode()
    assert case.reference in outbox
    detail = client.get(f"/en/staff/outbox/{email.pk}/").content.decode()
    assert "/fr/my-case/" in detail


def test_member_without_email_gets_no_email_and_the_mediator_sees_why(make_case, run_queued_tasks):
    from accord.people.models import Person

    person = Person.objects.create(name="Luc Sans Courriel", phone="+32470123456", language="fr")
    case = make_case(person)
    run_queued_tasks()
    assert OutboundEmail.objects.get(case=case).delivery == EmailStatus.NO_ADDRESS
    assert CaseEvent.objects.filter(case=case, kind=EventKind.EMAIL, data__status=EmailStatus.NO_ADDRESS).exists()


def test_a_rolled_back_change_sends_nothing(marie, smtp_server, run_queued_tasks):
    from django.db import transaction

    from accord.cases.services import case_create

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            case_create(person=marie, channel="web", subject="s", description="d", language="fr")
            raise RuntimeError("the change fails after the e-mail was queued")
    assert OutboundEmail.objects.count() == 0
    assert run_queued_tasks() == []
    assert smtp_server.messages == []


def test_outbox_is_for_mediators_only(ilse, anna, client):
    for user in (ilse, anna):
        client.force_login(user)
        assert client.get("/en/staff/outbox/").status_code == 403
