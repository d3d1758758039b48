"""The procedure's delays: the one module that writes a case's deadlines.

Working-day delays (acknowledgement, first answer, the reply to a member's message, the
member's own answer) follow the case's holiday calendar (`case_calendar`, the one place that
decides which); the admissibility and outcome delays are in calendar days (domain.md), and one
that falls on a weekend or a holiday moves to the next working day. The outcome delay runs from
the day the file was complete (`Case.file_complete_on`). Time spent awaiting the member does
not count: pausing stops the clock (only the member's own deadline runs) and resuming pushes
every open deadline back by the time the case waited.

These functions run inside the caller's transaction on a locked case; they return the case
fields they changed so the caller saves them with `update_fields`.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, CaseEvent, Deadline, DeadlineKind, EventKind
from accord.core.errors import ValidationFailed
from accord.lib.workingdays import Calendar, add_working_days, is_working_day, working_days_between

K = DeadlineKind
WORKING_DAY_KINDS = frozenset({K.ACKNOWLEDGEMENT, K.FIRST_ANSWER, K.REPLY, K.AWAITING_MEMBER})


def case_calendar(case: Case) -> Calendar | str:
    """The holiday calendar a case's deadlines follow: its office's (the country's public holidays, its
    `holidays` subdivision and the office's closing days, see cases/offices.py), else its office
    country's. Every "which calendar" decision about a case goes through here (deadlines, pauses,
    reminders, escalation, an office change), so changing it changes them all."""
    from accord.cases.offices import office_calendar

    return office_calendar(case.office) if case.office_id else case.office_country


def _delays() -> dict:
    return settings.ACCORD_DELAYS


def next_working_day(day: date, calendar: Calendar | str) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, calendar):
        day += timedelta(days=1)
    return day


def due_date_for(kind: str, *, start: date, calendar: Calendar | str) -> date:
    delays = _delays()
    if kind == K.ACKNOWLEDGEMENT:
        return add_working_days(start, delays["acknowledgement_working_days"], calendar)
    if kind in (K.FIRST_ANSWER, K.REPLY):
        return add_working_days(start, delays["first_answer_working_days"], calendar)
    if kind == K.AWAITING_MEMBER:
        return add_working_days(start, delays["awaiting_member_working_days"], calendar)
    if kind == K.ADMISSIBILITY:
        return next_working_day(start + timedelta(days=delays["admissibility_calendar_days"]), calendar)
    if kind == K.OUTCOME:
        return next_working_day(start + timedelta(days=delays["outcome_calendar_days"]), calendar)
    raise ValueError(kind)


def deadlines_create_initial(case: Case) -> list[str]:
    """A complaint's first deadlines, from the day received; that day is also the file's complete date
    until a question to the member or the mediator says otherwise (`file_complete_set`)."""
    start = timezone.localdate(case.received_at)
    calendar = case_calendar(case)
    Deadline.objects.bulk_create(
        [
            Deadline(
                case=case, cycle=case.cycle, kind=kind, due_date=due_date_for(kind, start=start, calendar=calendar)
            )
            for kind in (K.ACKNOWLEDGEMENT, K.FIRST_ANSWER, K.ADMISSIBILITY)
        ]
    )
    case.file_complete_on = start
    return ["file_complete_on", *deadlines_refresh_next(case)]


def admissibility_decided(case: Case) -> bool:
    """Whether the case was declared admissible (its outcome clock started) in its current cycle (a
    reopened or contested cycle starts with its outcome clock)."""
    return case.deadlines.filter(cycle=case.cycle, kind=K.OUTCOME).exists()


def file_complete_set(case: Case, *, on: date) -> list[str]:
    """The day the file became complete: only before admissibility is decided (then the 90 days run from it)."""
    if admissibility_decided(case):
        raise ValidationFailed(
            _("Admissibility is already decided: the outcome time limit runs from the complete file."),
            code="file_complete_decided",
        )
    if not timezone.localdate(case.received_at) <= on <= timezone.localdate():
        raise ValidationFailed(
            _("The file cannot be complete before the complaint was received, nor in the future."),
            code="file_complete_date",
        )
    case.file_complete_on = on
    return ["file_complete_on"]


def member_answered(case: Case, *, at: datetime) -> list[str]:
    """A message to the member, or a decision told to them with its reasons: it meets the first answer
    and the reply owed to the member's latest message."""
    Deadline.objects.open().filter(case=case, kind__in=[K.FIRST_ANSWER, K.REPLY]).update(met_at=at)
    return deadlines_refresh_next(case)


def reply_open(case: Case, *, at: datetime) -> list[str]:
    """The member wrote: the mediator owes them an answer within the first-answer delay. While an earlier
    message is still unanswered its deadline stands (the oldest unanswered message sets the date)."""
    if Deadline.objects.open().filter(case=case, kind=K.REPLY).exists():
        return []
    due = due_date_for(K.REPLY, start=timezone.localdate(at), calendar=case_calendar(case))
    Deadline.objects.update_or_create(
        case=case,
        cycle=case.cycle,
        kind=K.REPLY,
        defaults={"due_date": due, "met_at": None, "cancelled_at": None, "extended": False, "extended_days": 0},
    )
    return deadlines_refresh_next(case)


def late_deadline(case: Case, kind: str, *, today: date | None = None) -> Deadline | None:
    """The case's open deadline of this kind if it has passed."""
    today = today or timezone.localdate()
    return Deadline.objects.open().filter(case=case, kind=kind, due_date__lt=today).first()


def deadline_meet(case: Case, kind: str, *, at: datetime) -> list[str]:
    Deadline.objects.open().filter(case=case, kind=kind).update(met_at=at)
    return deadlines_refresh_next(case)


def deadline_start_outcome(case: Case, *, start: date) -> list[str]:
    """The 90 days run from `start`: the complete file when the case is declared admissible, the
    reopening day when a case is reopened."""
    due = due_date_for(K.OUTCOME, start=start, calendar=case_calendar(case))
    Deadline.objects.update_or_create(
        case=case,
        cycle=case.cycle,
        kind=K.OUTCOME,
        defaults={"due_date": due, "met_at": None, "cancelled_at": None, "extended": False, "extended_days": 0},
    )
    return deadlines_refresh_next(case)


def deadlines_cycle_carry(case: Case, *, previous: int) -> None:
    """A new cycle began while the previous one still had open deadlines (the member contested an
    answered case): the reply owed to their latest message carries over with its date, the others
    end there. Only the current cycle's deadlines are ever open."""
    Deadline.objects.open().filter(case=case, cycle=previous, kind=K.REPLY).update(cycle=case.cycle)
    Deadline.objects.open().filter(case=case, cycle=previous).update(cancelled_at=timezone.now())


def deadlines_cancel_open(case: Case, *, at: datetime) -> list[str]:
    Deadline.objects.open().filter(case=case).update(cancelled_at=at)
    return deadlines_refresh_next(case)


def deadlines_pause(case: Case, *, at: datetime) -> list[str]:
    """Stop the clock while the member is asked something; their own answer gets its deadline."""
    case.paused_since = at
    due = due_date_for(K.AWAITING_MEMBER, start=timezone.localdate(at), calendar=case_calendar(case))
    Deadline.objects.update_or_create(
        case=case,
        cycle=case.cycle,
        kind=K.AWAITING_MEMBER,
        defaults={
            "due_date": due,
            "met_at": None,
            "cancelled_at": None,
            "extended": False,
            "extended_days": 0,
            "member_reminded_for": None,
        },
    )
    return ["paused_since", *deadlines_refresh_next(case)]


def awaiting_extend(case: Case, *, working_days: int, at: datetime) -> tuple[date, date]:
    """Wait longer for the member: their deadline moves `working_days` later (from today if it passed)."""
    deadline = Deadline.objects.open().get(case=case, kind=K.AWAITING_MEMBER)
    old = deadline.due_date
    deadline.due_date = add_working_days(max(old, timezone.localdate(at)), working_days, case_calendar(case))
    deadline.extended = True
    deadline.extended_days += working_days
    deadline.save(update_fields=["due_date", "extended", "extended_days"])
    return old, deadline.due_date


def deadlines_resume(case: Case, *, at: datetime, actor_user=None, actor_kind: str = "staff") -> list[str]:
    """Push every open deadline back by the time spent awaiting the member."""
    if case.paused_since is None:
        return []
    paused_from = timezone.localdate(case.paused_since)
    today = timezone.localdate(at)
    calendar = case_calendar(case)
    calendar_days = (today - paused_from).days
    working_days = working_days_between(paused_from, today, calendar)
    changes = []
    # The member's own deadline ran while the others waited: it is met or cancelled by the caller.
    for deadline in Deadline.objects.open().filter(case=case).exclude(kind=K.AWAITING_MEMBER):
        if deadline.kind in WORKING_DAY_KINDS:
            new_due = add_working_days(deadline.due_date, working_days, calendar) if working_days else deadline.due_date
        else:
            new_due = next_working_day(deadline.due_date + timedelta(days=calendar_days), calendar)
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
    """Extend a calendar-day delay by `days`, within `ACCORD_EXTENSION_MAX_DAYS` in total; the new date
    moves to the next working day like any calendar-day deadline."""
    deadline = Deadline.objects.open().get(case=case, kind=kind)
    most = settings.ACCORD_EXTENSION_MAX_DAYS
    left = most - deadline.extended_days
    if days > left:
        raise ValidationFailed(
            _("Extensions total at most %(most)d days; %(left)d days are left for this time limit.")
            % {"most": most, "left": max(left, 0)},
            code="extension_cap",
        )
    old = deadline.due_date
    deadline.due_date = next_working_day(old + timedelta(days=days), case_calendar(case))
    deadline.extended = True
    deadline.extended_days += days
    deadline.save(update_fields=["due_date", "extended", "extended_days"])
    return old, deadline.due_date


def deadlines_refresh_next(case: Case) -> list[str]:
    """Keep the queue's sort key: the earliest open deadline; while the case waits for the member, only
    the member's own deadline runs (when it passes, the mediator chooses: wait longer or discontinue)."""
    running = Deadline.objects.open().filter(case=case)
    if case.paused_since is not None:
        running = running.filter(kind=K.AWAITING_MEMBER)
    first = running.order_by("due_date", "kind").only("due_date", "kind").first()
    case.next_deadline = first.due_date if first else None
    case.next_deadline_kind = first.kind if first else ""
    return ["next_deadline", "next_deadline_kind"]


def deadlines_recalendar(case: Case, *, new_calendar: Calendar | str) -> list[dict]:
    """The case moves to another office: each open working-day deadline keeps its number of working
    days since the complaint was received, counted on the new calendar. Returns the changes."""
    received = timezone.localdate(case.received_at)
    old_calendar = case_calendar(case)
    changes = []
    for deadline in Deadline.objects.open().filter(case=case, kind__in=WORKING_DAY_KINDS):
        days = working_days_between(received, deadline.due_date, old_calendar)
        new_due = add_working_days(received, days, new_calendar)
        if new_due != deadline.due_date:
            changes.append({"kind": deadline.kind, "from": deadline.due_date.isoformat(), "to": new_due.isoformat()})
            deadline.due_date = new_due
            deadline.save(update_fields=["due_date"])
    return changes


def due_in_working_days(*, start: date, working_days: int, calendar: Calendar | str) -> date:
    """A due date `working_days` after `start` on a calendar: the one clock other apps' deadlines use
    (an information request counts on its department's office calendar)."""
    return add_working_days(start, working_days, calendar)
