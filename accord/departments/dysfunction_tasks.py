"""The dysfunctions' periodic job (settings.ACCORD_SCHEDULE "dysfunctions_check"): reminders, overdue notices
and escalations, each once per date (dysfunction_notices.py)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def dysfunctions_check(slot: str | None = None):
    from accord.departments.dysfunction_notices import dysfunction_notices_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    return {"notices": [list(notice) for notice in dysfunction_notices_send(today=today)]}
