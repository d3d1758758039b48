"""E-mail: written in the reader's language, recorded and queued in the caller's transaction, sent by a worker.

Every e-mail is first an `OutboundEmail` row written in the same transaction as the change
that causes it, together with the task that sends it (`tasks.email_send`, stored by the
database task backend in that same transaction). So a rolled-back change sends nothing and a
committed one is never lost. A worker delivers it by SMTP; a failure the server calls temporary
(or no answer at all) is tried again after each delay of `ACCORD_EMAIL_RETRY_MINUTES`, then
marked failed for good; a permanent refusal (5xx) fails at once. Every state (queued, sent,
retrying at …, failed with the server's answer, kept when no server is configured) is on the
row and, for an e-mail about a case, on the case's timeline.

Members' e-mails are in the case's language and thread with each other; staff e-mails
(reminders, digests: see reminders.py) are in the staff member's language, outside that thread.
"""

import logging
import re
import smtplib
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from accord.cases.links import case_reply_address, member_url
from accord.cases.models import Case, CaseEvent, EventKind
from accord.notifications.models import Audience, EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

SENDABLE = (EmailStatus.QUEUED, EmailStatus.RETRYING)


def _domain() -> str:
    address = settings.ACCORD_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


def _render(template: str, context: dict) -> tuple[str, str, str]:
    subject = render_to_string(f"notifications/email/{template}_subject.txt", context).strip()
    subject = " ".join(subject.split())
    body_text = render_to_string(f"notifications/email/{template}.txt", context)
    body_html = render_to_string(f"notifications/email/{template}.html", context)
    return subject, body_text, body_html


def _email_event(email: OutboundEmail, **extra) -> None:
    if email.case_id:
        CaseEvent.objects.create(
            case_id=email.case_id,
            kind=EventKind.EMAIL,
            actor_kind="system",
            data={"email_id": email.pk, "template": email.template, "status": email.delivery, **extra},
        )


def _enqueue_send(email: OutboundEmail) -> None:
    """Queue the delivery in the current transaction: it exists only if the transaction commits."""
    from accord.notifications.tasks import email_send

    send = email_send.using(run_after=email.next_attempt_at) if email.next_attempt_at else email_send
    send.enqueue(email_id=email.pk)


def member_email_queue(
    *, case: Case, template: str, context: dict, automatic: bool = False, calendar: str = ""
) -> OutboundEmail:
    """Write the e-mail in the case's language, record it and queue its delivery, in the caller's transaction.
    `calendar`: an iCalendar invitation in the case's language, sent as its text/calendar part."""
    from accord.public.views import member_page_offers

    person = case.person
    with override(case.language):
        full_context = {
            # What the member's page offers now: an e-mail invites only that (test_member_email_promises).
            "offers": member_page_offers(case),
            "case": case,
            "person": person,
            # Greet with the name given with this complaint: never a record's name to whoever filed it.
            "name": case.complainant_name or person.name,
            "link": member_url(case),
            "deadlines": list(case.deadlines.all()),
            "delays": settings.ACCORD_DELAYS,
            **context,
        }
        subject, body_text, body_html = _render(template, full_context)
    previous = (
        list(
            case.emails.filter(audience=Audience.MEMBER)
            .order_by("created_at", "id")
            .values_list("message_id", flat=True)
        )
        if case.pk
        else []
    )
    email = OutboundEmail.objects.create(
        case=case,
        audience=Audience.MEMBER,
        template=template,
        to=person.email,
        subject=f"[{case.reference}] {subject}",
        body_text=body_text,
        body_html=body_html,
        language=case.language,
        message_id=make_msgid(domain=_domain()),
        in_reply_to=previous[-1] if previous else "",
        references=" ".join(previous[-20:]),
        reply_to=case_reply_address(case),
        automatic=automatic,
        calendar=calendar,
        delivery=EmailStatus.QUEUED if person.email else EmailStatus.NO_ADDRESS,
    )
    _email_event(email)
    if person.email:
        _enqueue_send(email)
    return email


def person_email_queue(*, person, to: str, template: str, context: dict, case: Case | None = None) -> OutboundEmail:
    """Write an automatic e-mail about a person's record (not their case's thread) to `to`, in the
    person's language, and queue it. It carries no private link and no reply address: it may go to
    an address that is no longer the person's (the old one, told of a change)."""
    with override(person.language):
        subject, body_text, body_html = _render(
            template, {"person": person, "name": person.name, "case": case, **context}
        )
    email = OutboundEmail.objects.create(
        case=case,
        audience=Audience.MEMBER,
        template=template,
        to=to,
        subject=f"[{case.reference}] {subject}" if case else subject,
        body_text=body_text,
        body_html=body_html,
        language=person.language,
        message_id=make_msgid(domain=_domain()),
        automatic=True,
        delivery=EmailStatus.QUEUED if to else EmailStatus.NO_ADDRESS,
    )
    _email_event(email)
    if to:
        _enqueue_send(email)
    return email


def department_email_queue(
    *, to: str, language: str, template: str, context: dict, case: Case | None = None
) -> OutboundEmail:
    """Write an automatic e-mail to a department's address (its shared or head address, not an account), in
    the department's language (`department/<template>`), record it on the case and queue its delivery."""
    with override(language):
        subject, body_text, body_html = _render(
            f"department/{template}", {"base_url": settings.ACCORD_BASE_URL, "case": case, **context}
        )
    email = OutboundEmail.objects.create(
        case=case,
        audience=Audience.DEPARTMENT,
        template=f"department_{template}",
        to=to,
        subject=f"[{case.reference}] {subject}" if case else subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        message_id=make_msgid(domain=_domain()),
        automatic=True,
        delivery=EmailStatus.QUEUED if to else EmailStatus.NO_ADDRESS,
    )
    _email_event(email)
    if to:
        _enqueue_send(email)
    return email


def staff_email_queue(
    *, user, template: str, context: dict, case: Case | None = None, calendar: str = ""
) -> OutboundEmail:
    """Write an automatic e-mail to a member of staff in their language, record it and queue its delivery."""
    with override(user.language):
        subject, body_text, body_html = _render(
            f"staff/{template}", {"user": user, "base_url": settings.ACCORD_BASE_URL, "case": case, **context}
        )
    email = OutboundEmail.objects.create(
        case=case,
        audience=Audience.STAFF,
        recipient=user,
        template=f"staff_{template}",
        to=user.email,
        subject=f"[{case.reference}] {subject}" if case else subject,
        body_text=body_text,
        body_html=body_html,
        language=user.language,
        message_id=make_msgid(domain=_domain()),
        automatic=True,
        calendar=calendar,
        delivery=EmailStatus.QUEUED if user.email else EmailStatus.NO_ADDRESS,
    )
    _email_event(email)
    if user.email:
        _enqueue_send(email)
    return email


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    headers = {"Message-ID": email.message_id, "Content-Language": email.language}
    if email.reply_to:
        headers["Reply-To"] = email.reply_to
    if email.in_reply_to:
        headers["In-Reply-To"] = email.in_reply_to
    if email.references:
        headers["References"] = email.references
    if email.automatic:
        headers["Auto-Submitted"] = "auto-generated"
        # Asks Exchange/Outlook not to answer it with an out-of-office message (no mail loops).
        headers["X-Auto-Response-Suppress"] = "All"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.ACCORD_FROM_EMAIL,
        to=[email.to],
        headers=headers,
        connection=get_connection(),
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.calendar:
        message.attach(_calendar_part(email.calendar))
    return message


def _calendar_part(calendar: str) -> MIMEText:
    """The invitation as calendars read it: `text/calendar; method=…` (RFC 6047), named invite.ics."""
    method = re.search(r"^METHOD:(\w+)", calendar, re.MULTILINE)
    part = MIMEText(calendar, "calendar", "utf-8")
    part.set_param("method", method.group(1) if method else "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def _decode(text) -> str:
    return text.decode(errors="replace") if isinstance(text, bytes) else str(text)


def smtp_answer(exc: Exception) -> tuple[str, bool]:
    """The server's answer in words, and whether it is permanent (a 5xx code: retrying will not help)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = [(code, f"{address}: {code} {_decode(text)}") for address, (code, text) in exc.recipients.items()]
        return "; ".join(text for _, text in answers), all(code >= 500 for code, _ in answers)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_decode(exc.smtp_error)}", exc.smtp_code >= 500
    return f"{exc.__class__.__name__}: {exc}", False


def outbound_email_send(*, email_id: int) -> OutboundEmail:
    """Deliver one recorded e-mail by SMTP and record what happened (with the next try when it failed)."""
    # The conditional UPDATE claims the e-mail: even two tasks for it could not send it twice.
    claimed = OutboundEmail.objects.filter(pk=email_id, delivery__in=SENDABLE).update(
        delivery=EmailStatus.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return OutboundEmail.objects.get(pk=email_id)
    email = OutboundEmail.objects.get(pk=email_id)
    email.attempts += 1
    email.next_attempt_at = None
    extra = {}
    if not settings.EMAIL_HOST:
        email.delivery = EmailStatus.KEPT
    else:
        try:
            _message(email).send()
        except Exception as exc:  # any SMTP or network failure: keep the e-mail, record why, maybe retry
            answer, permanent = smtp_answer(exc)
            email.error = answer[:2000]
            delays = settings.ACCORD_EMAIL_RETRY_MINUTES
            if not permanent and email.attempts <= len(delays):
                email.delivery = EmailStatus.RETRYING
                email.next_attempt_at = timezone.now() + timedelta(minutes=delays[email.attempts - 1])
                extra = {"retry_at": email.next_attempt_at.isoformat(), "attempt": email.attempts}
            else:
                email.delivery = EmailStatus.FAILED
                extra = {"attempt": email.attempts}
            logger.warning(
                "e-mail %s (case %s) attempt %d failed: %s; %s",
                email.pk,
                email.case_id,
                email.attempts,
                answer,
                f"next try at {email.next_attempt_at:%H:%M}" if email.next_attempt_at else "failed for good",
            )
        else:
            email.delivery = EmailStatus.SENT
            email.error = ""
            email.sent_at = timezone.now()
    with transaction.atomic():
        email.save(update_fields=["delivery", "attempts", "error", "sent_at", "next_attempt_at"])
        _email_event(email, error=email.error, **extra)
        if email.delivery == EmailStatus.RETRYING:
            _enqueue_send(email)
    return email


INTERRUPTED = (
    "Interrupted while being sent (the worker stopped during the SMTP conversation): it may or may not "
    "have arrived. Check with the member before writing again."
)


def outbound_emails_interrupted_fail(*, older_than: timedelta = timedelta(minutes=30)) -> int:
    """E-mails left "sending" by a worker that died mid-delivery become failed, visibly, on their case.

    They are not retried automatically: the server may have accepted the message before the worker
    died, and a member must not receive the same e-mail twice. Failing them puts them in front of a
    mediator (the case's timeline, the outbox) instead of leaving them unnoticed.
    """
    limit = timezone.now() - older_than
    count = 0
    for email in OutboundEmail.objects.filter(delivery=EmailStatus.SENDING, claimed_at__lt=limit):
        with transaction.atomic():
            if not OutboundEmail.objects.filter(pk=email.pk, delivery=EmailStatus.SENDING).update(
                delivery=EmailStatus.FAILED, error=INTERRUPTED
            ):
                continue
            email.delivery, email.error = EmailStatus.FAILED, INTERRUPTED
            _email_event(email, error=INTERRUPTED)
            count += 1
    if count:
        logger.warning("%d e-mail(s) interrupted during delivery marked failed", count)
    return count
