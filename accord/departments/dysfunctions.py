"""Dysfunctions: what went wrong in the cooperative's process, addressed to a department, which responds.

The only writer of a dysfunction's state. The steps, each a `DysfunctionStep` kept for good and a line on
the case's timeline (`EventKind.DYSFUNCTION`):

    recorded ──acknowledge──▶ acknowledged ──plan──▶ action_planned ──done──▶ done ──close──▶ closed
        │  └──dispute──▶ disputed ──plan / done──▶ …             (plan again: a new date)
        └──plan / done──▶ …
    any state but closed ──close──▶ closed;  closed, done or disputed ──reopen──▶ recorded (a new due date)

The department's liaisons respond (acknowledge, dispute with reasons, plan an action with a date, done with
what was done); the mediators who may work the case record, close and reopen. The response is due
`working_days` working days of the department's office after recording (or reopening), counted by
`cases.deadlines.due_in_working_days`: one clock. Any response meets it; a planned action is then followed
on its own date (dysfunction_notices.py).

Who sees what is decided in the "Who may see" part below: mediators see the dysfunctions of the cases they
may work; a liaison those addressed to their departments, and of each only its title, description,
department and history (never the case's page, messages, notes or documents); anyone else gets 404.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.accounts.models import Role, User
from accord.cases.deadlines import due_in_working_days
from accord.cases.models import Case, CaseEvent, Category, Department, EventKind
from accord.cases.offices import office_calendar, office_default
from accord.cases.permissions import can_work_case, cases_visible_to, require_work
from accord.core.errors import AccordError, NotFound, PermissionDenied
from accord.departments.models import (
    DepartmentContact,
    Dysfunction,
    DysfunctionState,
    DysfunctionStep,
    DysfunctionStepKind,
)
from accord.lib.workingdays import Calendar

S = DysfunctionState
K = DysfunctionStepKind
OPEN_STATES = (S.RECORDED, S.ACKNOWLEDGED, S.DISPUTED, S.ACTION_PLANNED, S.DONE)


class DysfunctionStepNotAllowed(AccordError):
    code = "dysfunction_step_not_allowed"
    message = gettext_lazy("This is not possible in the dysfunction's current state; reload the page.")
    status = 409


class DysfunctionInputMissing(AccordError):
    code = "dysfunction_input_missing"
    message = gettext_lazy("Say what this is about: the text is required.")


class PlannedDateInPast(AccordError):
    code = "dysfunction_planned_date_past"
    message = gettext_lazy("The planned date cannot be in the past.")


# --- Who may see and do what ---------------------------------------------------------------


def is_liaison(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.LIAISON)


def liaison_departments(user: User) -> list[int]:
    """The departments a liaison answers for (none for anyone else)."""
    if not is_liaison(user):
        return []
    return list(user.liaisons.values_list("department_id", flat=True))


def dysfunctions_visible_to(user: User) -> QuerySet[Dysfunction]:
    if is_liaison(user):
        return Dysfunction.objects.filter(department_id__in=liaison_departments(user))
    if user.is_authenticated and user.is_active and user.role == Role.MEDIATOR:
        return Dysfunction.objects.filter(case__in=cases_visible_to(user))
    return Dysfunction.objects.none()


def can_see_dysfunction(user: User, dysfunction: Dysfunction) -> bool:
    if is_liaison(user):
        return dysfunction.department_id in liaison_departments(user)
    return can_work_case(user, dysfunction.case)


def can_respond(user: User, dysfunction: Dysfunction) -> bool:
    """Only the department responds: a liaison of the department it is addressed to."""
    return is_liaison(user) and dysfunction.department_id in liaison_departments(user)


def require_dysfunction(user: User, dysfunction: Dysfunction | None) -> Dysfunction:
    """404 for a dysfunction one may not see, the same answer as for one that does not exist."""
    if dysfunction is None or not can_see_dysfunction(user, dysfunction):
        raise NotFound()
    return dysfunction


# --- The clock -------------------------------------------------------------------------------


def department_calendar(department: Department) -> Calendar | str:
    """The department's office calendar, else the default office's, else the staff calendar (no office at all)."""
    contact = DepartmentContact.objects.filter(department=department).select_related("office").first()
    office = contact.office if contact and contact.office_id else office_default()
    return office_calendar(office) if office else settings.ACCORD_STAFF_CALENDAR


def _due(department: Department, working_days: int, start: date | None = None) -> date:
    return due_in_working_days(
        start=start or timezone.localdate(), working_days=working_days, calendar=department_calendar(department)
    )


# --- The steps -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    kind: str
    by: str  # "department" (its liaisons) or "mediator"
    sources: tuple
    target: str
    needs_text: bool = False
    needs_date: bool = False


STEPS = {
    K.ACKNOWLEDGE: Step(K.ACKNOWLEDGE, "department", (S.RECORDED,), S.ACKNOWLEDGED),
    K.DISPUTE: Step(K.DISPUTE, "department", (S.RECORDED, S.ACKNOWLEDGED), S.DISPUTED, needs_text=True),
    K.PLAN: Step(
        K.PLAN,
        "department",
        (S.RECORDED, S.ACKNOWLEDGED, S.DISPUTED, S.ACTION_PLANNED),
        S.ACTION_PLANNED,
        needs_text=True,
        needs_date=True,
    ),
    K.DONE: Step(K.DONE, "department", (S.RECORDED, S.ACKNOWLEDGED, S.DISPUTED, S.ACTION_PLANNED), S.DONE, True),
    K.CLOSE: Step(K.CLOSE, "mediator", OPEN_STATES, S.CLOSED),
    K.REOPEN: Step(K.REOPEN, "mediator", (S.CLOSED, S.DONE, S.DISPUTED), S.RECORDED, needs_text=True),
}


def steps_available(dysfunction: Dysfunction, user: User) -> list[str]:
    """The steps this user may take now: what the pages offer (the service decides again)."""
    if can_respond(user, dysfunction):
        by = "department"
    elif can_work_case(user, dysfunction.case):
        by = "mediator"
    else:
        return []
    return [s.kind for s in STEPS.values() if s.by == by and dysfunction.state in s.sources]


def _department_names(department: Department) -> dict:
    # The timeline keeps the department's name as it was, in each language, without a query per line.
    return {"fr": department.name_fr, "nl": department.name_nl, "en": department.name_en}


def dysfunction_event(*, dysfunction: Dysfunction, user: User | None, action: str, **extra) -> None:
    """The dysfunction's line on the case's timeline (a step, or a notice Accord sent: `user` None)."""
    CaseEvent.objects.create(
        case_id=dysfunction.case_id,
        kind=EventKind.DYSFUNCTION,
        actor=user,
        actor_kind="staff" if user is not None else "system",
        data={
            "dysfunction_id": dysfunction.pk,
            "action": action,
            "title": dysfunction.title,
            "department": _department_names(dysfunction.department),
            **extra,
        },
    )


def dysfunction_record(
    *,
    case: Case,
    user: User,
    department: Department,
    title: str,
    description: str,
    category: Category | None = None,
    working_days: int | None = None,
) -> Dysfunction:
    """The mediator records a dysfunction on the case, addressed to a department, with its response's due date."""
    title, description = title.strip(), description.strip()
    if not title or not description:
        raise DysfunctionInputMissing()
    working_days = working_days or settings.ACCORD_REQUEST_WORKING_DAYS
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        require_work(user, case)
        dysfunction = Dysfunction.objects.create(
            case=case,
            department=department,
            category=category,
            title=title,
            description=description,
            recorded_by=user,
            working_days=working_days,
            due_date=_due(department, working_days),
        )
        dysfunction_event(
            dysfunction=dysfunction, user=user, action="recorded", due_date=dysfunction.due_date.isoformat()
        )
    return dysfunction


def dysfunction_step(
    *,
    dysfunction: Dysfunction,
    user: User,
    kind: str,
    text: str = "",
    planned_for: date | None = None,
    working_days: int | None = None,
) -> Dysfunction:
    """A response of the department (acknowledge, dispute, plan, done) or the mediator closing or reopening."""
    step = STEPS.get(kind)
    if step is None:
        raise DysfunctionStepNotAllowed()
    text = (text or "").strip()
    if step.needs_text and not text:
        raise DysfunctionInputMissing()
    today = timezone.localdate()
    if step.needs_date and (planned_for is None or planned_for < today):
        raise PlannedDateInPast()
    with transaction.atomic():
        dysfunction = (
            Dysfunction.objects.select_for_update().select_related("case", "department").get(pk=dysfunction.pk)
        )
        require_dysfunction(user, dysfunction)
        allowed = can_respond(user, dysfunction) if step.by == "department" else can_work_case(user, dysfunction.case)
        if not allowed:
            raise PermissionDenied()
        if dysfunction.state not in step.sources:
            raise DysfunctionStepNotAllowed()
        DysfunctionStep.objects.create(
            dysfunction=dysfunction,
            kind=kind,
            text=text,
            planned_for=planned_for if step.needs_date else None,
            author=user,
            from_state=dysfunction.state,
            to_state=step.target,
        )
        changed = ["state"]
        extra = {}
        dysfunction.state = step.target
        if kind == K.PLAN:
            dysfunction.planned_for = planned_for
            changed.append("planned_for")
            extra["planned_for"] = planned_for.isoformat()
        elif kind == K.CLOSE:
            dysfunction.closed_at = timezone.now()
            changed.append("closed_at")
        elif kind == K.REOPEN:
            # The department must respond again: a new due date, and a new round of notices for it.
            dysfunction.working_days = working_days or dysfunction.working_days
            dysfunction.due_date = _due(dysfunction.department, dysfunction.working_days, today)
            dysfunction.planned_for = None
            dysfunction.closed_at = None
            changed += ["working_days", "due_date", "planned_for", "closed_at"]
            extra["due_date"] = dysfunction.due_date.isoformat()
        dysfunction.save(update_fields=changed)
        dysfunction_event(dysfunction=dysfunction, user=user, action=kind, **extra)
    return dysfunction


# --- Reads -----------------------------------------------------------------------------------


def dysfunctions_of_case(case: Case) -> QuerySet[Dysfunction]:
    return case.dysfunctions.select_related("department", "category", "recorded_by").prefetch_related("steps__author")


@dataclass
class ListFilters:
    department: str = ""
    state: str = ""  # a DysfunctionState, "open" (all but closed), "overdue" or "" (all)


def dysfunctions_filtered(queryset: QuerySet[Dysfunction], filters: ListFilters) -> QuerySet[Dysfunction]:
    if filters.department:
        queryset = queryset.filter(department__code=filters.department)
    if filters.state == "open":
        queryset = queryset.exclude(state=S.CLOSED)
    elif filters.state == "overdue":
        queryset = queryset.filter(_overdue_q())
    elif filters.state in S.values:
        queryset = queryset.filter(state=filters.state)
    return queryset


def _overdue_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(state=S.RECORDED, due_date__lt=today) | Q(state=S.ACTION_PLANNED, planned_for__lt=today)


def dysfunction_counts(queryset: QuerySet[Dysfunction]) -> list[dict]:
    """Per department: how many in each state, how many overdue, in all. One GROUP BY, in the database."""
    per_state = {f"n_{state}": Count("id", filter=Q(state=state)) for state in S.values}
    rows = (
        queryset.values("department_id")
        .annotate(**per_state, n_overdue=Count("id", filter=_overdue_q()), n_total=Count("id"))
        .order_by("department_id")
    )
    departments = Department.objects.in_bulk([row["department_id"] for row in rows])
    return [
        {
            "department": departments[row["department_id"]],
            "states": [row[f"n_{state}"] for state in S.values],
            "overdue": row["n_overdue"],
            "total": row["n_total"],
        }
        for row in rows
    ]


# --- Words for the timeline --------------------------------------------------------------------

SENTENCES = {
    "recorded": gettext_lazy(
        "%(actor)s recorded a dysfunction for %(department)s: “%(title)s”; its response is due on %(date)s"
    ),
    K.ACKNOWLEDGE: gettext_lazy("%(department)s acknowledged the dysfunction “%(title)s” (%(actor)s)"),
    K.DISPUTE: gettext_lazy("%(department)s disputed the dysfunction “%(title)s” (%(actor)s)"),
    K.PLAN: gettext_lazy("%(department)s planned an action on the dysfunction “%(title)s” for %(date)s (%(actor)s)"),
    K.DONE: gettext_lazy("%(department)s reported the action on the dysfunction “%(title)s” done (%(actor)s)"),
    K.CLOSE: gettext_lazy("%(actor)s closed the dysfunction “%(title)s”"),
    K.REOPEN: gettext_lazy("%(actor)s reopened the dysfunction “%(title)s”; its response is due on %(date)s"),
    # The notices Accord sent (dysfunction_notices.py): "<notice>_<stage>".
    "reminder_response": gettext_lazy(
        "Accord reminded %(department)s that its response to the dysfunction “%(title)s” is due on %(date)s"
    ),
    "reminder_action": gettext_lazy(
        "Accord reminded %(department)s of the action planned on the dysfunction “%(title)s” for %(date)s"
    ),
    "overdue_response": gettext_lazy(
        "The response of %(department)s to the dysfunction “%(title)s” is late (due on %(date)s): "
        "its liaisons and the mediator were told"
    ),
    "overdue_action": gettext_lazy(
        "The action %(department)s planned on the dysfunction “%(title)s” for %(date)s is not done: "
        "its liaisons and the mediator were told"
    ),
    "escalation_response": gettext_lazy(
        "The dysfunction “%(title)s”, still without response, was escalated to the head of %(department)s"
    ),
    "escalation_action": gettext_lazy(
        "The action planned on the dysfunction “%(title)s”, still not done, was escalated to the head of %(department)s"
    ),
}


def event_sentence(event) -> str:
    """A dysfunction's line on the case's timeline, in the reader's language."""
    from django.utils.translation import get_language

    from accord.core.templatetags.localised import date as date_filter

    data = event.data
    sentence = SENTENCES.get(data.get("action"))
    if sentence is None:
        return ""
    names = data.get("department") or {}
    language = (get_language() or "fr")[:2]
    day = data.get("planned_for") or data.get("due_date")
    actor = event.actor.get_full_name() or event.actor.get_username() if event.actor_id else _("Accord")
    return sentence % {
        "actor": actor,
        "department": names.get(language) or names.get("fr", ""),
        "title": data.get("title", ""),
        "date": date_filter(date.fromisoformat(day), "DATE_FORMAT") if day else "",
    }
