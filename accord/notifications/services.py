"""E-mail to members: written in the case's language, recorded before it leaves, sent after commit.

Every e-mail is first an `OutboundEmail` row written in the same transaction as the change
that causes it, so a rolled-back change sends nothing and a committed one is never lost:
its delivery state (sent, failed with the server's answer, or kept when no server is
configured) is on the row and on the case's timeline.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from accord.cases.links import member_url
from accord.cases.models import Case, CaseEvent, EventKind
from accord.notifications.models import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)


def _domain() -> str:
    address = settings.ACCORD_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


def member_email_queue(*, case: Case, template: str, context: dict, automatic: bool = False) -> OutboundEmail:
    """Write the e-mail in the case's language, record it, and send it once the transaction commits."""
    person = case.person
    with override(case.language):
        full_context = {
            "case": case,
            "person": person,
            "link": member_url(case),
            "deadlines": list(case.deadlines.all()),
            "delays": settings.ACCORD_DELAYS,
            **context,
        }
        subject = render_to_string(f"notifications/email/{template}_subject.txt", full_context).strip()
        subject = " ".join(subject.split())
        body_text = render_to_string(f"notifications/email/{template}.txt", full_context)
        body_html = render_to_string(f"notifications/email/{template}.html", full_context)
    previous = list(case.emails.order_by("created_at", "id").values_list("message_id", flat=True)) if case.pk else []
    email = OutboundEmail.objects.create(
        case=case, template=template, to=person.email, subject=f"[{case.reference}] {subject}",
        body_text=body_text, body_html=body_html, language=case.language,
        message_id=make_msgid(domain=_domain()), in_reply_to=previous[-1] if previous else "",
        references=" ".join(previous[-20:]), automatic=automatic,
        status=EmailStatus.QUEUED if person.email else EmailStatus.NO_ADDRESS,
    )
    if person.email:
        transaction.on_commit(lambda: outbound_email_send(email_id=email.pk))
    else:
        CaseEvent.objects.create(
            case=case, kind=EventKind.EMAIL, actor_kind="system",
            data={"email_id": email.pk, "template": template, "status": EmailStatus.NO_ADDRESS},
        )
    return email


def outbound_email_send(*, email_id: int) -> OutboundEmail:
    """Deliver one recorded e-mail by SMTP and record what happened."""
    email = OutboundEmail.objects.get(pk=email_id)
    if email.status not in (EmailStatus.QUEUED, EmailStatus.FAILED):
        return email
    email.attempts += 1
    if not settings.EMAIL_HOST:
        email.status = EmailStatus.KEPT
    else:
        headers = {
            "Message-ID": email.message_id,
            "Reply-To": settings.ACCORD_FROM_EMAIL,
            "Content-Language": email.language,
        }
        if email.in_reply_to:
            headers["In-Reply-To"] = email.in_reply_to
        if email.references:
            headers["References"] = email.references
        if email.automatic:
            headers["Auto-Submitted"] = "auto-generated"
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body_text, from_email=settings.ACCORD_FROM_EMAIL, to=[email.to],
            headers=headers, connection=get_connection(),
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        try:
            message.send()
        except Exception as exc:  # any SMTP or network failure: keep the e-mail, record why
            logger.warning("e-mail %s to case %s failed: %s", email.pk, email.case_id, exc)
            email.status = EmailStatus.FAILED
            email.error = f"{exc.__class__.__name__}: {exc}"[:2000]
        else:
            email.status = EmailStatus.SENT
            email.error = ""
            email.sent_at = timezone.now()
    with transaction.atomic():
        email.save(update_fields=["status", "attempts", "error", "sent_at"])
        if email.case_id:
            CaseEvent.objects.create(
                case_id=email.case_id, kind=EventKind.EMAIL, actor_kind="system",
                data={"email_id": email.pk, "template": email.template, "status": email.status, "error": email.error},
            )
    return email
