"""Background work on e-mail, run by `manage.py accord_worker`."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def email_send(email_id: int):
    """Deliver one recorded e-mail (queued by services.member_email_queue / staff_email_queue)."""
    from accord.notifications.services import outbound_email_send

    return outbound_email_send(email_id=email_id).delivery


@task()
def daily_digest(slot: str | None = None):
    """Each working morning: one digest per mediator of what is due and overdue (ACCORD_SCHEDULE)."""
    from accord.notifications.reminders import daily_digest_send

    day = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return len(daily_digest_send(day=day))


@task()
def emails_interrupted_check(slot: str | None = None):
    """E-mails a dead worker left "sending" are shown as failed on their case (ACCORD_SCHEDULE)."""
    from accord.notifications.services import outbound_emails_interrupted_fail

    return outbound_emails_interrupted_fail()
