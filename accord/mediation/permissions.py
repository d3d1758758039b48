"""Who may use the mediation pages and read its material (the one place mediation decides it).

- **The case's mediators** (its lead and its current co-mediators, cases.Assignment) propose a mediation,
  record answers, end it, and alone read and write the confidential tier. A mediator who may work the
  case but does not hold it sees that a mediation exists and its state, never its notes.
- **A liaison** sees the proposals made to a department they answer for (the purpose and who takes part),
  and answers for it; nothing else of the case.
- **The member** answers on their private page (public views, the member's link).
Anyone else: 404, the answer for what does not exist.
"""

from django.db.models import QuerySet

from accord.accounts.models import Role, User
from accord.cases.models import Assignment, Case, PartyKind
from accord.cases.permissions import can_work_case
from accord.core.errors import NotFound
from accord.departments.permissions import is_liaison, liaison_department_ids


def can_use_framing_aid(user: User) -> bool:
    """The framing aid is a mediator's tool: it reads no case, so a conflict on a case changes nothing."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.MEDIATOR)


def case_mediator_ids(case: Case) -> set[int]:
    """The case's mediators now: its lead and its co-mediators whose assignment has not ended."""
    ids = set(Assignment.objects.filter(case=case, ended_at__isnull=True).values_list("mediator_id", flat=True))
    if case.assigned_to_id:
        ids.add(case.assigned_to_id)
    return ids


def is_case_mediator(user: User, case: Case) -> bool:
    return can_work_case(user, case) and user.pk in case_mediator_ids(case)


def can_see_confidential(user: User, case: Case) -> bool:
    """The confidential tier (session and private-session notes): the case's mediators alone."""
    return is_case_mediator(user, case)


def can_lead_mediation(user: User, case: Case) -> bool:
    """Propose, record answers, end: the case's mediators."""
    return is_case_mediator(user, case)


def participants_for_liaison(user: User) -> QuerySet:
    from accord.mediation.models import Participant

    departments = liaison_department_ids(user) if is_liaison(user) else []
    if not departments:
        return Participant.objects.none()
    return Participant.objects.filter(party__kind=PartyKind.DEPARTMENT, party__department_id__in=departments)


def require_liaison_participant(user: User, participant_id: int):
    participant = (
        participants_for_liaison(user)
        .select_related("mediation", "mediation__case", "party", "party__department")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        raise NotFound()
    return participant


def can_read_directory(user: User) -> bool:
    """The directory of professional mediators: the mediators call on them, the administrators keep it. Intake
    staff and liaisons neither refer nor mediate; members will choose from it through their own page, later."""
    return bool(user.is_authenticated and (user.is_mediator or user.is_administrator))
