"""Background work of mediation (see settings.ACCORD_SCHEDULE)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def mediation_check(slot: str | None = None):
    """Every few minutes: remind the invitees the day before each meeting; remind each party of its undertaking
    before its date and tell of those overdue (each notice once, whatever the number of workers)."""
    from accord.mediation.agreements import undertaking_notices_send
    from accord.mediation.services import meeting_reminders_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return {
        "meetings": meeting_reminders_send(today=today),
        "undertakings": undertaking_notices_send(today=today),
    }
