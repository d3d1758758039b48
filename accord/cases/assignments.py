"""Who holds a case: the lead mediator (`Case.assigned_to`, the queue's column), co-mediators, and the
history of both (`Assignment`: who, from when to when, why it moved).

Every change of holder goes through here: taking a case on (the `acknowledge` step), a mediator's
assignment (`case_assign`), co-mediators added and ended, the replacement after a conflict of interest
(`conflict_declare`, art. 6) and after the member's request for another mediator
(`mediator_change_request`). Each is an `assignment` event on the timeline.

**The replacement rule** (`mediator_replacement`): among the active mediators who declared no conflict on
the case, are not away today (`accounts.MediatorAbsence`, configured in the admin) and are not excluded
(the mediator who leaves; at the member's request, every mediator they asked to replace), the one holding
the fewest open cases as lead; on a tie, the lowest id (the longest-serving account). The new mediator is
told by a staff e-mail in their language; the member by an e-mail in the case's language. With nobody
free the case is flagged (`Case.no_mediator_since`, shown in the queue and on the case page) and the
member is told that they may turn to another body (`ACCORD_ALTERNATIVE_BODY`); the flag goes when a
mediator takes the case, and the member is then told who.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import MediatorAbsence, Role, User
from accord.cases.models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentReason,
    AssignmentRole,
    Case,
    CaseEvent,
    ConflictDeclaration,
    EventKind,
)
from accord.cases.permissions import require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed


def mediators_absent_on(day: date) -> QuerySet:
    return MediatorAbsence.objects.filter(start__lte=day, end__gte=day).values("mediator_id")


def mediators_free(*, case: Case, today: date | None = None, exclude=()) -> QuerySet[User]:
    """The replacement rule's candidates, the one it chooses first: active mediators without a conflict on
    the case, not away today, not excluded, by fewest open cases held as lead, then lowest id."""
    today = today or timezone.localdate()
    return (
        User.objects.filter(role=Role.MEDIATOR, is_active=True)
        .exclude(pk__in=[user.pk if isinstance(user, User) else user for user in exclude])
        .exclude(pk__in=ConflictDeclaration.objects.filter(case=case).values("mediator_id"))
        .exclude(pk__in=mediators_absent_on(today))
        .annotate(open_cases=Count("assigned_cases", filter=Q(assigned_cases__status__in=OPEN_STATUSES)))
        .order_by("open_cases", "pk")
    )


def mediator_replacement(*, case: Case, exclude=(), today: date | None = None) -> User | None:
    return mediators_free(case=case, today=today, exclude=exclude).first()


def _lead_row(case: Case) -> Assignment | None:
    return case.assignments.filter(role=AssignmentRole.LEAD, ended_at__isnull=True).first()


def _lead_set(case: Case, mediator: User | None, *, reason: str, by: User | None, at: datetime) -> list[str]:
    """End the current lead's row and start the new lead's (a co-mediator who becomes lead leaves that role).
    The case is locked by the caller; returns the case fields changed."""
    current = _lead_row(case)
    if current is not None:
        current.ended_at = at
        current.save(update_fields=["ended_at"])
    if mediator is not None:
        case.assignments.filter(mediator=mediator, ended_at__isnull=True).update(ended_at=at)
        Assignment.objects.create(
            case=case, mediator=mediator, role=AssignmentRole.LEAD, reason=reason, by=by, started_at=at
        )
        case.no_mediator_since = None
    case.assigned_to = mediator
    return ["assigned_to", "no_mediator_since"]


def _assignment_event(case: Case, *, actor: User | None, actor_kind: str = "staff", at: datetime, **data) -> None:
    CaseEvent.objects.create(
        case=case, kind=EventKind.ASSIGNMENT, actor=actor, actor_kind=actor_kind, created_at=at, data=data
    )


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _tell_mediator(case: Case, mediator: User, *, why: str, by: User | None, previous: User | None = None) -> None:
    from accord.notifications.reminders import case_staff_url
    from accord.notifications.services import staff_email_queue

    staff_email_queue(
        user=mediator,
        template="assigned",
        case=case,
        context={
            "why": why,
            "by_name": _name(by),
            "previous_name": _name(previous),
            "lead_name": _name(case.assigned_to),
            "case_url": case_staff_url(case, mediator.language),
        },
    )


def _tell_member(case: Case, *, template: str, why: str) -> None:
    from accord.notifications.services import member_email_queue

    context = {"why": why, "alternative": alternative_body(case.language), "mediator": _name(case.assigned_to)}
    member_email_queue(case=case, template=template, context=context)


def alternative_body(language: str) -> dict:
    """The body outside the cooperative a member may turn to when no mediator is free, in their language."""
    body = settings.ACCORD_ALTERNATIVE_BODY
    return {"name": body["name"].get(language) or body["name"]["fr"], "url": body["url"]}


def _mediator_check(case: Case, mediator: User) -> None:
    if mediator.role != Role.MEDIATOR or not mediator.is_active:
        raise ValidationFailed(_("Only an active mediator can be assigned a case."), code="not_a_mediator")
    if ConflictDeclaration.objects.filter(case=case, mediator=mediator).exists():
        raise ValidationFailed(
            _("This mediator declared a conflict of interest on this case."), code="mediator_in_conflict"
        )


def assignment_taken(*, case: Case, mediator: User, at: datetime) -> list[str]:
    """A mediator takes an unassigned case on (the `acknowledge` step): in the step's transaction."""
    return _lead_set(case, mediator, reason=AssignmentReason.TAKEN, by=mediator, at=at)


def case_assign(*, case: Case, user: User, mediator: User | None) -> Case:
    """A mediator gives the case to a mediator (or to nobody). Moving it from a mediator away today reads as
    a replacement for the absence. The new lead is told unless they did it themselves; a case that was
    waiting for a free mediator tells the member who now handles it."""
    require_work(user, case)
    if mediator is not None:
        _mediator_check(case, mediator)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("person", "assigned_to").get(pk=case.pk)
        previous = case.assigned_to
        if (previous.pk if previous else None) == (mediator.pk if mediator else None):
            return case
        now = timezone.now()
        away = (
            previous is not None
            and mediators_absent_on(timezone.localdate(now)).filter(mediator_id=previous.pk).exists()
        )
        reason = AssignmentReason.ABSENCE if mediator is not None and away else AssignmentReason.ASSIGNED
        waiting = case.no_mediator_since is not None
        _assignment_event(
            case,
            actor=user,
            at=now,
            **{"from": previous.pk if previous else None, "to": mediator.pk if mediator else None},
            role=AssignmentRole.LEAD,
            why=reason,
        )
        fields = _lead_set(case, mediator, reason=reason, by=user, at=now)
        case.save(update_fields=[*fields, "updated_at"])
        if mediator is not None and mediator.pk != user.pk:
            _tell_mediator(case, mediator, why=reason, by=user, previous=previous)
        if mediator is not None and waiting and case.is_open:
            _tell_member(case, template="mediator_changed", why="found")
    return case


def comediator_add(*, case: Case, user: User, mediator: User) -> Assignment:
    """Another mediator works the case with its lead (co-mediation); told unless they added themselves."""
    require_work(user, case)
    _mediator_check(case, mediator)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=case.pk)
        if case.assigned_to_id == mediator.pk:
            raise ValidationFailed(_("This mediator already leads the case."), code="comediator_is_lead")
        if case.assignments.filter(mediator=mediator, ended_at__isnull=True).exists():
            raise ValidationFailed(_("This mediator is already a co-mediator on the case."), code="comediator_already")
        now = timezone.now()
        row = Assignment.objects.create(
            case=case,
            mediator=mediator,
            role=AssignmentRole.CO,
            reason=AssignmentReason.ASSIGNED,
            by=user,
            started_at=now,
        )
        _assignment_event(case, actor=user, at=now, **{"from": None, "to": mediator.pk}, role=AssignmentRole.CO)
        case.save(update_fields=["updated_at"])
        if mediator.pk != user.pk:
            _tell_mediator(case, mediator, why="co", by=user)
    return row


def comediator_end(*, case: Case, user: User, mediator_id: int) -> Assignment:
    require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        row = case.assignments.filter(mediator_id=mediator_id, role=AssignmentRole.CO, ended_at__isnull=True).first()
        if row is None:
            raise TransitionNotAllowed(
                _("This mediator is no longer a co-mediator on the case."), code="comediator_ended"
            )
        now = timezone.now()
        row.ended_at = now
        row.save(update_fields=["ended_at"])
        _assignment_event(case, actor=user, at=now, **{"from": mediator_id, "to": None}, role=AssignmentRole.CO)
        case.save(update_fields=["updated_at"])
    return row


def conflict_declare(*, case: Case, user: User, reason: str) -> Case:
    """A mediator steps aside (art. 6): they no longer see the case. If they held it, or nobody did, it goes
    to the replacement rule's choice, who is told, and the member is told who now handles it; with nobody
    free the case is flagged and the member told they may turn to another body. A co-mediator who steps
    aside leaves the lead where it is."""
    require_work(user, case)
    if not reason.strip():
        raise ValidationFailed(_("Say briefly why (it stays on the case's record)."), code="reason_required")
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("person", "assigned_to").get(pk=case.pk)
        now = timezone.now()
        ConflictDeclaration.objects.create(case=case, mediator=user, reason=reason.strip(), created_at=now)
        held = case.assigned_to_id == user.pk
        replace = held or case.assigned_to_id is None
        replacement = (
            mediator_replacement(case=case, exclude=[user], today=timezone.localdate(now)) if replace else None
        )
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.CONFLICT,
            actor=user,
            created_at=now,
            data={
                "reason": reason.strip(),
                "handed_to": replacement.pk if replacement else None,
                **({"no_mediator": True} if replace and replacement is None else {}),
            },
        )
        co = case.assignments.filter(mediator=user, role=AssignmentRole.CO, ended_at__isnull=True)
        if co.update(ended_at=now):
            _assignment_event(
                case, actor=user, at=now, **{"from": user.pk, "to": None}, role=AssignmentRole.CO, why="conflict"
            )
        fields = ["updated_at"]
        if replace:
            _assignment_event(
                case,
                actor=user,
                at=now,
                **{"from": case.assigned_to_id, "to": replacement.pk if replacement else None},
                role=AssignmentRole.LEAD,
                why=AssignmentReason.CONFLICT,
            )
            fields += _lead_set(case, replacement, reason=AssignmentReason.CONFLICT, by=user, at=now)
            if replacement is None and case.is_open:
                case.no_mediator_since = now
        case.save(update_fields=fields)
        if replacement is not None:
            _tell_mediator(case, replacement, why=AssignmentReason.CONFLICT, by=None)
        if replace and case.is_open:
            if replacement is None:
                _tell_member(case, template="no_mediator", why=AssignmentReason.CONFLICT)
            elif held:
                _tell_member(case, template="mediator_changed", why=AssignmentReason.CONFLICT)
    return case


def mediator_change_possible(case: Case) -> bool:
    """The member may ask for another mediator: the case is open, a mediator holds it, and no earlier request
    is still waiting for a free mediator (public.views.member_page_offers reads it)."""
    return case.is_open and case.assigned_to_id is not None and case.no_mediator_since is None


def mediator_change_request(*, case: Case, reason: str) -> Case:
    """The member asks for another mediator (their private page), with their reason: on the timeline, and the
    case goes to the replacement rule's choice (never a mediator they already asked to replace), who is
    told, as is the member. With nobody free the mediator keeps the case, which is flagged, and the member
    is told they may turn to another body."""
    if not reason.strip():
        raise ValidationFailed(_("Tell us briefly why you would like another mediator."), code="reason_required")
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("person", "assigned_to").get(pk=case.pk)
        if not mediator_change_possible(case):
            raise TransitionNotAllowed(
                _("Another mediator cannot be asked for now: your request is already being dealt with."),
                code="mediator_change_not_possible",
            )
        now = timezone.now()
        previous = case.assigned_to
        asked_away = set(case.events.filter(kind=EventKind.MEDIATOR_REQUEST).values_list("data__from", flat=True)) | {
            previous.pk
        }
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.MEDIATOR_REQUEST,
            actor_kind="member",
            created_at=now,
            data={"reason": reason.strip(), "from": previous.pk},
        )
        replacement = mediator_replacement(case=case, exclude=asked_away, today=timezone.localdate(now))
        if replacement is None:
            case.no_mediator_since = now
            case.save(update_fields=["no_mediator_since", "updated_at"])
            _tell_member(case, template="no_mediator", why=AssignmentReason.MEMBER_REQUEST)
            return case
        _assignment_event(
            case,
            actor=None,
            actor_kind="system",
            at=now,
            **{"from": previous.pk, "to": replacement.pk},
            role=AssignmentRole.LEAD,
            why=AssignmentReason.MEMBER_REQUEST,
        )
        fields = _lead_set(case, replacement, reason=AssignmentReason.MEMBER_REQUEST, by=None, at=now)
        case.save(update_fields=[*fields, "updated_at"])
        _tell_mediator(case, replacement, why=AssignmentReason.MEMBER_REQUEST, by=None, previous=previous)
        _tell_member(case, template="mediator_changed", why=AssignmentReason.MEMBER_REQUEST)
    return case
