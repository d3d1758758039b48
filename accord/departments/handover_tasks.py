"""Background work of the hand-overs (see settings.ACCORD_SCHEDULE)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def handovers_check(slot: str | None = None):
    """Every few minutes: remind departments before their answer to the member is due, tell of those overdue,
    escalate."""
    from accord.departments.handover import handover_notices_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return {"notices": handover_notices_send(today=today)}
