"""Staff notices: a reminder before a deadline, a notice when it passes, each mediator's daily digest.

Each is sent once whatever the number of workers: a `StaffNotice` row is inserted in the same
transaction as the e-mail and its delivery task, under a unique constraint (per case, deadline,
kind and due date; per mediator and day for the digest). The worker that commits the row sends
the e-mail; any other gets an IntegrityError and sends nothing.

Notices go out on each mediator's working days (their office's calendar, else `ACCORD_STAFF_CALENDAR`,
see cases/offices.staff_calendar); "N working days before" a deadline (`ACCORD_REMINDER_WORKING_DAYS`)
counts in the case's office calendar, like the deadline itself. While the case awaits the member its clock
is stopped: the only deadline then is the member's own, of which the mediator is told when it passed (to
wait longer or discontinue).

The member is reminded of their own deadline `ACCORD_AWAITING_MEMBER_REMINDER_WORKING_DAYS` before
it, once per due date: a conditional UPDATE of the deadline claims the reminder in the transaction
that queues its e-mail, so one worker sends it whatever the number of workers.
"""

import logging
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accord.accounts.models import Role, User
from accord.cases.deadlines import case_calendar
from accord.cases.models import OPEN_STATUSES, Case, Deadline, DeadlineKind, Status
from accord.cases.offices import office_calendar, offices_active, staff_calendar
from accord.lib.workingdays import add_working_days, is_working_day, working_days_between
from accord.notifications.models import NoticeKind, StaffNotice
from accord.notifications.services import member_email_queue, staff_email_queue

logger = logging.getLogger(__name__)

# A notice whose moment passed while no worker ran is still sent within this many days, not later
# (the first run on an old database does not flood mediators; the digest lists what is overdue).
CATCH_UP_DAYS = 7


def _is_staff_working_day(day: date, user: User | None = None) -> bool:
    return is_working_day(day, staff_calendar(user))


def _horizon(day: date, ahead: int) -> date:
    """The furthest due date N working days can reach in any office's calendar (or a staff default)."""
    calendars = [office_calendar(office) for office in offices_active()]
    calendars += ["BE", "FR", settings.ACCORD_STAFF_CALENDAR]
    return max(add_working_days(day, ahead, calendar) for calendar in calendars)


def case_staff_url(case: Case, language: str) -> str:
    with override(language):
        return settings.ACCORD_BASE_URL + reverse("cases:detail", kwargs={"reference": case.reference})


def _open_deadlines():
    """Open deadlines of open, assigned cases whose clock runs (while a case awaits the member, the member's)."""
    return (
        Deadline.objects.open()
        .filter(Q(case__paused_since__isnull=True) | Q(kind=DeadlineKind.AWAITING_MEMBER))
        .filter(
            case__status__in=OPEN_STATUSES,
            case__assigned_to__isnull=False,
            case__assigned_to__is_active=True,
        )
        .select_related("case", "case__assigned_to", "case__assigned_to__office", "case__office")
        .prefetch_related("case__office__closures", "case__assigned_to__office__closures")
    )


def _notice_once(
    *,
    kind: str,
    user: User,
    due_date: date,
    template: str,
    context: dict,
    case: Case | None = None,
    deadline_kind: str = "",
) -> StaffNotice | None:
    key = {"kind": kind, "due_date": due_date}
    key.update({"case": case, "deadline_kind": deadline_kind} if case else {"user": user})
    if StaffNotice.objects.filter(**key).exists():
        return None
    try:
        with transaction.atomic():
            notice = StaffNotice.objects.create(
                user=user, case=case, deadline_kind=deadline_kind, kind=kind, due_date=due_date
            )
            notice.email = staff_email_queue(user=user, template=template, context=context, case=case)
            notice.save(update_fields=["email"])
    except IntegrityError:
        return None  # another worker sent it
    return notice


def deadline_notices_send(*, today: date | None = None) -> list[StaffNotice]:
    """Remind the assigned mediator of each deadline coming within N working days, tell them of each one passed."""
    today = today or timezone.localdate()
    ahead = settings.ACCORD_REMINDER_WORKING_DAYS
    deadlines = _open_deadlines().filter(
        due_date__gte=today - timedelta(days=CATCH_UP_DAYS), due_date__lte=_horizon(today, ahead)
    )
    sent = []
    for deadline in deadlines.order_by("due_date", "case_id"):
        case, mediator = deadline.case, deadline.case.assigned_to
        if not _is_staff_working_day(today, mediator):
            continue
        if deadline.due_date < today:
            kind, template = NoticeKind.OVERDUE, "overdue"
        elif deadline.kind == DeadlineKind.AWAITING_MEMBER:
            continue  # the member's to meet: the member is reminded (member_reminders_send), not the mediator
        elif working_days_between(today, deadline.due_date, case_calendar(case)) <= ahead:
            kind, template = NoticeKind.REMINDER, "reminder"
        else:
            continue
        context = {"deadline": deadline, "case_url": case_staff_url(case, mediator.language)}
        notice = _notice_once(
            kind=kind,
            user=mediator,
            case=case,
            deadline_kind=deadline.kind,
            due_date=deadline.due_date,
            template=template,
            context=context,
        )
        if notice is not None:
            sent.append(notice)
    return sent


# What other apps add to the digest (accord/departments: the departments' answers a mediator waits for), each
# a function (day) -> {mediator id: [{"reference", "text", "url"}, ...]}, registered in their AppConfig.ready().
_DIGEST_SECTIONS: list = []


def digest_section_register(section) -> None:
    if section not in _DIGEST_SECTIONS:
        _DIGEST_SECTIONS.append(section)


def daily_digest_send(*, day: date | None = None) -> list[StaffNotice]:
    """One e-mail per mediator: the deadlines of their cases that are overdue, due today or within N working days,
    and what they wait for from others (the registered sections)."""
    day = day or timezone.localdate()
    ahead = settings.ACCORD_REMINDER_WORKING_DAYS
    by_mediator = defaultdict(list)
    for deadline in (
        _open_deadlines().filter(due_date__lte=_horizon(day, ahead)).order_by("due_date", "case__reference")
    ):
        by_mediator[deadline.case.assigned_to_id].append(deadline)
    waiting = defaultdict(list)
    for section in _DIGEST_SECTIONS:
        for mediator_id, lines in section(day).items():
            waiting[mediator_id].extend(lines)
    sent = []
    mediators = User.objects.filter(pk__in={*by_mediator, *waiting}, role=Role.MEDIATOR, is_active=True).select_related(
        "office"
    )
    for mediator in mediators.order_by("pk"):
        calendar = staff_calendar(mediator)
        if not is_working_day(day, calendar):
            continue
        horizon = add_working_days(day, ahead, calendar)
        items = [
            {
                "deadline": d,
                "case": d.case,
                "overdue": d.due_date < day,
                "url": case_staff_url(d.case, mediator.language),
            }
            for d in by_mediator[mediator.pk]
            if d.due_date <= horizon
        ]
        others = waiting.get(mediator.pk, [])
        if not items and not others:
            continue
        context = {
            "day": day,
            "others": others,
            "overdue": [item for item in items if item["overdue"]],
            "due": [item for item in items if not item["overdue"]],
            "queue_url": settings.ACCORD_BASE_URL + _queue_path(mediator.language),
        }
        notice = _notice_once(kind=NoticeKind.DIGEST, user=mediator, due_date=day, template="digest", context=context)
        if notice is not None:
            sent.append(notice)
    return sent


def _queue_path(language: str) -> str:
    with override(language):
        return reverse("cases:queue")


def member_reminders_send(*, today: date | None = None) -> list[Case]:
    """Remind each member whose time to answer ends within N working days (of their case's calendar),
    once per due date, in the case's language. The cases whose member was reminded now."""
    today = today or timezone.localdate()
    ahead = settings.ACCORD_AWAITING_MEMBER_REMINDER_WORKING_DAYS
    horizon = _horizon(today, ahead)
    waiting = (
        Deadline.objects.open()
        .filter(
            kind=DeadlineKind.AWAITING_MEMBER,
            case__status=Status.AWAITING_MEMBER,
            due_date__gte=today,
            due_date__lte=horizon,
        )
        .filter(Q(member_reminded_for__isnull=True) | ~Q(member_reminded_for=F("due_date")))
        .select_related("case", "case__person")
    )
    sent = []
    for deadline in waiting.order_by("due_date", "case_id"):
        case = deadline.case
        calendar = case_calendar(case)
        if not is_working_day(today, calendar) or working_days_between(today, deadline.due_date, calendar) > ahead:
            continue
        with transaction.atomic():
            claimed = (
                Deadline.objects.open()
                .filter(pk=deadline.pk, due_date=deadline.due_date)
                .filter(Q(member_reminded_for__isnull=True) | ~Q(member_reminded_for=F("due_date")))
                .update(member_reminded_for=F("due_date"))
            )
            if not claimed:
                continue  # another worker reminded them, or the member answered meanwhile
            member_email_queue(
                case=case, template="awaiting_reminder", context={"due_date": deadline.due_date}, automatic=True
            )
        sent.append(case)
    return sent
