"""Background work of mediation (see settings.ACCORD_SCHEDULE)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def meetings_check(slot: str | None = None):
    """Every few minutes: the day before each meeting, remind its invitees (once per meeting and day)."""
    from accord.mediation.services import meeting_reminders_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return {"reminded": meeting_reminders_send(today=today)}
