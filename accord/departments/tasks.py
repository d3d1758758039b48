"""Background work of the departments' loop (see settings.ACCORD_SCHEDULE)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def requests_check(slot: str | None = None):
    """Every few minutes: remind departments before their answer is due, tell of those overdue, escalate."""
    from accord.departments.services import request_notices_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return {"notices": request_notices_send(today=today)}
