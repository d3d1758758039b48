"""Who may see and do what on a case: the one place these rules live.

- mediator: every case except those they declared a conflict of interest on;
- intake staff: the cases they recorded, as a summary (status, delays), never the
  messages, notes or documents;
- administrator: configuration only, through Django's admin; no case;
- member: their own case, through its private link (links.py), never a staff page; the link is the
  member's alone: a signed-in member of staff who opens one is refused (`can_use_member_link`).

A case someone may not see at all answers 404, exactly like a case that does not exist
(references are sequential: a 403 would confirm that one exists); a case whose summary they
see (the intake counsellor who recorded it) answers 403 to what they may not do on it.

E-mails follow their case: Accord's e-mails to the member are read by those who may work on the
case (`emails_visible_to`, `can_read_email`); an e-mail to a member of staff (reminder, overdue
notice, digest) is its addressee's alone. Incoming mail (`inbound_visible_to`, `can_read_inbound`)
is read by mediators, except mail filed on a case they declared a conflict on; a message filed on
no case (it failed, or waits for a mediator) is seen by every mediator, since any of them may be
the one to file it.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accord.accounts.models import Role, User
from accord.cases.models import Case, ConflictDeclaration
from accord.core.errors import NotFound, PermissionDenied


@dataclass(frozen=True)
class Actor:
    """Who does something to a case: a staff user, the member (through the link), or Accord itself."""

    kind: str  # "mediator", "intake", "administrator", "member" or "system"
    user: User | None = None

    @classmethod
    def for_user(cls, user: User) -> "Actor":
        if not user.is_authenticated or not user.is_active:
            raise PermissionDenied()
        return cls(kind=str(user.role), user=user)

    @property
    def event_kind(self) -> str:
        return self.kind if self.kind in {"member", "system"} else "staff"


MEMBER = Actor(kind="member")
SYSTEM = Actor(kind="system")


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _is_mediator(user: User) -> bool:
    return _active(user) and user.role == Role.MEDIATOR


def _conflicted_case_ids(user: User) -> list[int]:
    # A mediator's conflicts are few: excluding their ids is far cheaper on 100,000 cases (or
    # e-mails) than a correlated subquery per row.
    return list(ConflictDeclaration.objects.filter(mediator=user).values_list("case_id", flat=True))


def cases_visible_to(user: User) -> QuerySet[Case]:
    if not _active(user):
        return Case.objects.none()
    if user.role == Role.MEDIATOR:
        conflicted = _conflicted_case_ids(user)
        return Case.objects.exclude(pk__in=conflicted) if conflicted else Case.objects.all()
    if user.role == Role.INTAKE:
        return Case.objects.filter(recorded_by=user)
    return Case.objects.none()


def can_work_case(user: User, case: Case) -> bool:
    """Full access: the timeline, messages, notes, documents and the procedure's actions."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.MEDIATOR
        and not case.conflicts.filter(mediator=user).exists()
    )


def can_see_summary(user: User, case: Case) -> bool:
    return can_work_case(user, case) or (
        user.is_authenticated and user.is_active and user.role == Role.INTAKE and case.recorded_by_id == user.pk
    )


def require_work(user: User, case: Case) -> None:
    """Refuse anyone who may not work on the case: 404 to those who may not even see it."""
    if not can_work_case(user, case):
        require_summary(user, case)
        raise PermissionDenied()


def require_summary(user: User, case: Case) -> None:
    if not can_see_summary(user, case):
        raise NotFound()


def can_use_member_link(user: User) -> bool:
    """The member's link is the member's alone: a signed-in member of staff uses the staff pages,
    where what they do is recorded as themselves, never as the member."""
    return not user.is_authenticated


# --- E-mails (notifications.OutboundEmail) -------------------------------------------------


def can_read_outbox(user: User) -> bool:
    return _is_mediator(user)


def emails_visible_to(user: User):
    """Accord's e-mails this user may read: the member's e-mails of the cases they may work on,
    and the staff e-mails addressed to them (about no case, or a case they may still see)."""
    from accord.notifications.models import Audience, OutboundEmail

    if not _active(user):
        return OutboundEmail.objects.none()
    visible = Q(case__in=cases_visible_to(user))
    if user.role == Role.MEDIATOR:
        conflicted = _conflicted_case_ids(user)
        visible = Q(case__isnull=False) & ~Q(case_id__in=conflicted) if conflicted else Q(case__isnull=False)
    addressed = Q(audience=Audience.STAFF, recipient=user) & (Q(case__isnull=True) | visible)
    if user.role == Role.MEDIATOR:
        # The member's e-mails and those to a department's address (accord/departments) follow the case.
        return OutboundEmail.objects.filter(
            addressed | (Q(audience__in=[Audience.MEMBER, Audience.DEPARTMENT]) & visible)
        )
    return OutboundEmail.objects.filter(addressed)


def can_read_email(user: User, email) -> bool:
    from accord.notifications.models import Audience

    if not _active(user):
        return False
    if email.audience == Audience.STAFF:
        return email.recipient_id == user.pk and (email.case is None or can_see_summary(user, email.case))
    return email.case is not None and can_work_case(user, email.case)


# --- Incoming mail (mailbox.InboundEmail) --------------------------------------------------


def can_read_mailbox(user: User) -> bool:
    return _is_mediator(user)


def inbound_visible_to(user: User):
    from accord.mailbox.models import InboundEmail

    if not _is_mediator(user):
        return InboundEmail.objects.none()
    conflicted = _conflicted_case_ids(user)
    return InboundEmail.objects.exclude(case_id__in=conflicted) if conflicted else InboundEmail.objects.all()


def can_read_inbound(user: User, inbound) -> bool:
    return _is_mediator(user) and (inbound.case is None or can_work_case(user, inbound.case))
