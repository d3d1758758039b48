"""The procedure's delays: the one module that writes a case's deadlines.

Working-day delays (acknowledgement, first answer) follow the case's office calendar
(`_calendar`: the country's public holidays, its `holidays` subdivision and the office's closing
days, see cases/offices.py); the admissibility and outcome delays are in calendar days (domain.md). Time spent
awaiting the member does not count: pausing stops the clock and resuming pushes every open
deadline back by the time the case waited.

These functions run inside the caller's transaction on a locked case; they return the case
fields they changed so the caller saves them with `update_fields`.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accord.cases.models import Case, CaseEvent, Deadline, DeadlineKind, EventKind
from accord.lib.workingdays import Calendar, add_working_days, working_days_between

WORKING_DAY_KINDS = frozenset({DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.FIRST_ANSWER})


def _calendar(case: Case) -> Calendar | str:
    """Which calendar counts this case's working days: its office's, else its office country's."""
    from accord.cases.offices import office_calendar

    return office_calendar(case.office) if case.office_id else case.office_country


def _delays() -> dict:
    return settings.ACCORD_DELAYS


def due_date_for(kind: str, *, start: date, country: Calendar | str) -> date:
    delays = _delays()
    if kind == DeadlineKind.ACKNOWLEDGEMENT:
        return add_working_days(start, delays["acknowledgement_working_days"], country)
    if kind == DeadlineKind.FIRST_ANSWER:
        return add_working_days(start, delays["first_answer_working_days"], country)
    if kind == DeadlineKind.ADMISSIBILITY:
        return start + timedelta(days=delays["admissibility_calendar_days"])
    if kind == DeadlineKind.OUTCOME:
        return start + timedelta(days=delays["outcome_calendar_days"])
    raise ValueError(kind)


def deadlines_create_initial(case: Case) -> list[str]:
    start = timezone.localdate(case.received_at)
    calendar = _calendar(case)
    Deadline.objects.bulk_create(
        [
            Deadline(case=case, kind=kind, due_date=due_date_for(kind, start=start, country=calendar))
            for kind in (DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.FIRST_ANSWER, DeadlineKind.ADMISSIBILITY)
        ]
    )
    return deadlines_refresh_next(case)


def deadline_meet(case: Case, kind: str, *, at: datetime) -> list[str]:
    Deadline.objects.open().filter(case=case, kind=kind).update(met_at=at)
    return deadlines_refresh_next(case)


def deadline_start_outcome(case: Case, *, at: datetime) -> list[str]:
    """The 90 days run from the complete file: the day the case is declared admissible (or reopened)."""
    due = due_date_for(DeadlineKind.OUTCOME, start=timezone.localdate(at), country=_calendar(case))
    Deadline.objects.update_or_create(
        case=case,
        kind=DeadlineKind.OUTCOME,
        defaults={"due_date": due, "met_at": None, "cancelled_at": None, "extended": False},
    )
    return deadlines_refresh_next(case)


def deadlines_cancel_open(case: Case, *, at: datetime) -> list[str]:
    Deadline.objects.open().filter(case=case).update(cancelled_at=at)
    return deadlines_refresh_next(case)


def deadlines_pause(case: Case, *, at: datetime) -> list[str]:
    case.paused_since = at
    return ["paused_since", *deadlines_refresh_next(case)]


def deadlines_resume(case: Case, *, at: datetime, actor_user=None, actor_kind: str = "staff") -> list[str]:
    """Push every open deadline back by the time spent awaiting the member."""
    if case.paused_since is None:
        return []
    paused_from = timezone.localdate(case.paused_since)
    today = timezone.localdate(at)
    calendar_days = (today - paused_from).days
    calendar = _calendar(case)
    working_days = working_days_between(paused_from, today, calendar)
    changes = []
    for deadline in Deadline.objects.open().filter(case=case):
        if deadline.kind in WORKING_DAY_KINDS:
            new_due = add_working_days(deadline.due_date, working_days, calendar) if working_days else deadline.due_date
        else:
            new_due = deadline.due_date + timedelta(days=calendar_days)
        if new_due != deadline.due_date:
            changes.append({"kind": deadline.kind, "from": deadline.due_date.isoformat(), "to": new_due.isoformat()})
            deadline.due_date = new_due
            deadline.save(update_fields=["due_date"])
    if changes:
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DEADLINE,
            actor=actor_user,
            actor_kind=actor_kind,
            created_at=at,
            data={"reason": "paused", "paused_since": case.paused_since.isoformat(), "changes": changes},
        )
    case.paused_since = None
    return ["paused_since", *deadlines_refresh_next(case)]


def deadline_extend(case: Case, *, kind: str, days: int, at: datetime) -> tuple[date, date]:
    deadline = Deadline.objects.get(case=case, kind=kind)
    old = deadline.due_date
    deadline.due_date = old + timedelta(days=days)
    deadline.extended = True
    deadline.save(update_fields=["due_date", "extended"])
    return old, deadline.due_date


def deadlines_refresh_next(case: Case) -> list[str]:
    """Keep the queue's sort key: the earliest open deadline, none while the case waits for the member."""
    if case.paused_since is not None:
        first = None
    else:
        first = Deadline.objects.open().filter(case=case).order_by("due_date", "kind").only("due_date", "kind").first()
    case.next_deadline = first.due_date if first else None
    case.next_deadline_kind = first.kind if first else ""
    return ["next_deadline", "next_deadline_kind"]


def deadlines_recalendar(case: Case, *, new_calendar: Calendar | str) -> list[dict]:
    """The case moves to another office: each open working-day deadline keeps its number of working
    days since the complaint was received, counted on the new calendar. Returns the changes."""
    received = timezone.localdate(case.received_at)
    old_calendar = _calendar(case)
    changes = []
    for deadline in Deadline.objects.open().filter(case=case, kind__in=WORKING_DAY_KINDS):
        days = working_days_between(received, deadline.due_date, old_calendar)
        new_due = add_working_days(received, days, new_calendar)
        if new_due != deadline.due_date:
            changes.append({"kind": deadline.kind, "from": deadline.due_date.isoformat(), "to": new_due.isoformat()})
            deadline.due_date = new_due
            deadline.save(update_fields=["due_date"])
    return changes
