"""Background work on cases, run by `manage.py accord_worker` (see settings.ACCORD_SCHEDULE)."""

from datetime import datetime

from django.utils import timezone
from django_tasks import task


@task()
def deadlines_check(slot: str | None = None):
    """Every few minutes: flag the cases overdue beyond the margin, remind mediators of deadlines and
    members of the answer they owe."""
    from accord.cases.services import cases_escalate_overdue
    from accord.notifications.reminders import deadline_notices_send, member_reminders_send

    today = timezone.localdate(datetime.fromisoformat(slot)) if slot else timezone.localdate()
    flagged = cases_escalate_overdue(today=today)
    notices = deadline_notices_send(today=today)
    reminded = member_reminders_send(today=today)
    return {
        "escalated": [case.reference for case in flagged],
        "notices": len(notices),
        "members_reminded": [case.reference for case in reminded],
    }
