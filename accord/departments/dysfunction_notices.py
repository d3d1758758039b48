"""Following a dysfunction like a request: a reminder to the department's liaisons before the date, an
overdue notice to the case's mediator and the liaisons once it passed, escalation to the department's head
address once it is late by more than ACCORD_REQUEST_ESCALATION_WORKING_DAYS working days.

Two dates are followed, each with its own notices: the response's due date while the dysfunction is
"recorded", and the planned action's date while it is "action planned". Days are counted on the department's
office calendar (dysfunctions.department_calendar), and notices go out on its working days only.

Each notice goes once per date whatever the number of workers: a conditional UPDATE of its claim column
(`reminded_for`, `overdue_for`, `escalated_for` and the `action_…` ones), in the transaction that queues
its e-mails, sets it to the date it is sent for; a worker whose UPDATE changed no row sends nothing. A new
due date (reopening) or a new planned date gets its own notices. Staff e-mails go through
`notifications.services.staff_email_queue` in each addressee's `User.language`; the head's through
`department_email_queue` in the department's language (`DepartmentContact.language`).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accord.accounts.models import Role, User
from accord.cases.permissions import can_work_case
from accord.departments.dysfunctions import department_calendar, dysfunction_event
from accord.departments.models import DepartmentContact, Dysfunction, DysfunctionState
from accord.lib.workingdays import is_working_day, working_days_between
from accord.notifications.services import department_email_queue, staff_email_queue


@dataclass(frozen=True)
class Stage:
    name: str  # "response" or "action": what the e-mails say
    state: str
    date: str  # the field holding the date followed
    claims: tuple[str, str, str]  # reminder, overdue, escalation


STAGES = (
    Stage("response", DysfunctionState.RECORDED, "due_date", ("reminded_for", "overdue_for", "escalated_for")),
    Stage(
        "action",
        DysfunctionState.ACTION_PLANNED,
        "planned_for",
        ("action_reminded_for", "action_overdue_for", "action_escalated_for"),
    ),
)


def _not_claimed(column: str, date_field: str) -> Q:
    return Q(**{f"{column}__isnull": True}) | ~Q(**{column: F(date_field)})


def _claim(dysfunction: Dysfunction, stage: Stage, column: str, day: date) -> bool:
    """Take this notice for this date (in the caller's transaction); False if another worker took it first,
    or the dysfunction moved on (responded, planned again) meanwhile."""
    return bool(
        Dysfunction.objects.filter(pk=dysfunction.pk, state=stage.state, **{stage.date: day})
        .filter(_not_claimed(column, stage.date))
        .update(**{column: F(stage.date)})
    )


def _url(dysfunction: Dysfunction, language: str) -> str:
    with override(language):
        return settings.ACCORD_BASE_URL + reverse("departments:dysfunction", kwargs={"dysfunction_id": dysfunction.pk})


def _liaisons(dysfunction: Dysfunction) -> list[User]:
    return list(
        User.objects.filter(
            liaisons__department_id=dysfunction.department_id, role=Role.LIAISON, is_active=True
        ).order_by("pk")
    )


def _mediator(dysfunction: Dysfunction) -> User | None:
    """The case's mediator, else whoever recorded the dysfunction, while they may still work the case."""
    for user in (dysfunction.case.assigned_to, dysfunction.recorded_by):
        if user is not None and user.is_active and user.role == Role.MEDIATOR and can_work_case(user, dysfunction.case):
            return user
    return None


def _tell(users, dysfunction: Dysfunction, template: str, context: dict, *, mediator: User | None = None) -> int:
    """Each addressee in their language. The mediator's e-mail is the case's (on its timeline, with its
    reference); a liaison's is not (no `case=`: it names the dysfunction only, like their page)."""
    for user in users:
        with override(user.language):
            department = dysfunction.department.name
        staff_email_queue(
            user=user,
            template=template,
            case=dysfunction.case if user == mediator else None,
            context={
                **context,
                "dysfunction": dysfunction,
                "department": department,
                "for_mediator": user == mediator,
                "reference": dysfunction.case.reference,
                "url": _url(dysfunction, user.language),
            },
        )
    return len(users)


def _escalate(dysfunction: Dysfunction, context: dict) -> int:
    contact = DepartmentContact.objects.filter(department_id=dysfunction.department_id).first()
    if contact is None or not contact.head_email:
        return 0
    with override(contact.language):
        department = dysfunction.department.name
    department_email_queue(
        to=contact.head_email,
        language=contact.language,
        template="dysfunction_escalation",
        case=dysfunction.case,
        context={
            **context,
            "dysfunction": dysfunction,
            "department": department,
            "language": contact.language,
            "url": _url(dysfunction, contact.language),
        },
    )
    return 1


def dysfunction_notices_send(*, today: date | None = None) -> list[tuple[int, str, str]]:
    """Send every reminder, overdue notice and escalation due today. The (dysfunction, stage, notice) sent now."""
    today = today or timezone.localdate()
    ahead = settings.ACCORD_REQUEST_REMINDER_WORKING_DAYS
    margin = settings.ACCORD_REQUEST_ESCALATION_WORKING_DAYS
    calendars = {}
    sent = []
    for stage in STAGES:
        reminder, overdue, escalation = stage.claims
        # Only what still has a notice to send for its current date: the rows whose claims are all taken stay out.
        candidates = (
            Dysfunction.objects.filter(state=stage.state, **{f"{stage.date}__isnull": False})
            .filter(
                _not_claimed(reminder, stage.date)
                | _not_claimed(overdue, stage.date)
                | _not_claimed(escalation, stage.date)
            )
            .select_related("case", "case__assigned_to", "department", "recorded_by")
            .order_by(stage.date, "pk")
        )
        for dysfunction in candidates:
            if dysfunction.department_id not in calendars:
                calendars[dysfunction.department_id] = department_calendar(dysfunction.department)
            calendar = calendars[dysfunction.department_id]
            if not is_working_day(today, calendar):
                continue
            day = getattr(dysfunction, stage.date)
            context = {"stage": stage.name, "day": day}
            todo = []
            if day < today:
                todo.append((overdue, "overdue"))
                if working_days_between(day, today, calendar) > margin:
                    todo.append((escalation, "escalation"))
            elif working_days_between(today, day, calendar) <= ahead:
                todo.append((reminder, "reminder"))
            for column, notice in todo:
                if getattr(dysfunction, column) == day:
                    continue
                with transaction.atomic():
                    if not _claim(dysfunction, stage, column, day):
                        continue
                    if notice == "reminder":
                        _tell(_liaisons(dysfunction), dysfunction, "dysfunction_reminder", context)
                    elif notice == "overdue":
                        mediator = _mediator(dysfunction)
                        users = ([mediator] if mediator else []) + _liaisons(dysfunction)
                        _tell(users, dysfunction, "dysfunction_overdue", context, mediator=mediator)
                    else:
                        _escalate(dysfunction, context)
                    dysfunction_event(
                        dysfunction=dysfunction,
                        user=None,
                        action=f"{notice}_{stage.name}",
                        **{"planned_for" if stage.name == "action" else "due_date": day.isoformat()},
                    )
                sent.append((dysfunction.pk, stage.name, notice))
    return sent
