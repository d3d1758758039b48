"""The parties of a case: who takes part in it (art. 9(1)(a) of the ADR Directive: each side can state its
views and see the other's).

Every case has its complainant's party, made with the case (`case_create`, whatever the channel) and by
migration `cases/0015` for older cases; it holds no copy of the member's details (they are the case's,
which the identity rule may move). A department concerned becomes a party when the case is recorded or
classified with it and when the case is redirected to it; a mediator adds a department or another party (a
counsellor, a third party: role, name, e-mail, language) and ends one. Parties are ended, never deleted:
the timeline keeps who added and ended whom, and when.

The department loop itself (requests to a department, its answers) is the next issue's: a department's
party already names the department and the language it is written to in.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.cases.models import Case, CaseEvent, Department, EventKind, Party, PartyKind
from accord.cases.permissions import require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.people.models import Language


def party_complainant(case: Case) -> Party:
    """The complainant's party of a case (made with it; an older case without one gets it now)."""
    party = case.parties.filter(kind=PartyKind.COMPLAINANT).first()
    if party is None:
        party = Party.objects.create(
            case=case, kind=PartyKind.COMPLAINANT, language=case.language, added_at=case.created_at
        )
    return party


def parties_create_initial(*, case: Case, user: User | None, at: datetime) -> None:
    """The parties a case starts with: its complainant, and the department concerned if one was given.
    In case_create's transaction; the "received" event records the case itself."""
    Party.objects.create(case=case, kind=PartyKind.COMPLAINANT, language=case.language, added_by=user, added_at=at)
    if case.department_id:
        Party.objects.create(
            case=case,
            kind=PartyKind.DEPARTMENT,
            department=case.department,
            language=case.language,
            added_by=user,
            added_at=at,
        )


def _party_event(case: Case, party: Party, *, action: str, user: User | None, at: datetime, why: str = "") -> None:
    data = {"action": action, "party": party.pk, "kind": party.kind}
    if why:
        data["why"] = why
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.PARTY,
        actor=user,
        actor_kind="staff" if user is not None else "system",
        created_at=at,
        data=data,
    )


def party_department_ensure(
    *, case: Case, department: Department, user: User | None, at: datetime, why: str
) -> Party | None:
    """The department is a party of the case: added (with a `party` event saying `why`: "redirect",
    "classification") unless it already is. In the caller's transaction, the case locked."""
    if case.parties.filter(kind=PartyKind.DEPARTMENT, department=department, ended_at__isnull=True).exists():
        return None
    party = Party.objects.create(
        case=case, kind=PartyKind.DEPARTMENT, department=department, language=case.language, added_by=user, added_at=at
    )
    _party_event(case, party, action="added", user=user, at=at, why=why)
    return party


def party_add(
    *,
    case: Case,
    user: User,
    kind: str,
    department: Department | None = None,
    role: str = "",
    name: str = "",
    email: str = "",
    language: str = "",
) -> Party:
    """A mediator adds a party: a department concerned, or another party (a counsellor, a third party) with
    its role, name, e-mail and language."""
    require_work(user, case)
    role, name, email = role.strip(), name.strip(), email.strip().lower()
    if language not in Language.values:
        language = case.language
    if kind == PartyKind.DEPARTMENT:
        if department is None:
            raise ValidationFailed(_("Choose the department."), code="department_required")
        role = name = email = ""
    elif kind == PartyKind.OTHER:
        department = None
        if not name:
            raise ValidationFailed(_("Give the party's name."), code="party_name_required")
        if not role:
            raise ValidationFailed(
                _("Say what the party is to the case (a counsellor, a third party…)."), code="party_role_required"
            )
    else:
        # The complainant's party is made with the case; there is one.
        raise ValidationFailed(_("Choose a department or another party."), code="party_kind")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        now = timezone.now()
        if department is not None:
            party = party_department_ensure(case=case, department=department, user=user, at=now, why="")
            if party is None:
                raise ValidationFailed(_("This department is already a party to the case."), code="party_already")
            return party
        party = Party.objects.create(
            case=case,
            kind=kind,
            role=role[:120],
            name=name[:200],
            email=email,
            language=language,
            added_by=user,
            added_at=now,
        )
        _party_event(case, party, action="added", user=user, at=now)
        case.save(update_fields=["updated_at"])
    return party


def party_end(*, case: Case, user: User, party_id: int) -> Party:
    """A party no longer takes part in the case (its row stays, ended, with who ended it and when). The
    complainant's party is never ended: the member withdraws the complaint instead."""
    require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        party = case.parties.select_for_update().filter(pk=party_id).first()
        if party is None or party.ended_at is not None:
            raise TransitionNotAllowed(_("This party has already been ended."), code="party_ended")
        if party.kind == PartyKind.COMPLAINANT:
            raise TransitionNotAllowed(
                _("The complainant stays a party: the member may withdraw the complaint instead."),
                code="party_complainant",
            )
        now = timezone.now()
        party.ended_at, party.ended_by = now, user
        party.save(update_fields=["ended_at", "ended_by"])
        _party_event(case, party, action="ended", user=user, at=now)
        case.save(update_fields=["updated_at"])
    return party
