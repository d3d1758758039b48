"""Who may use the mediation pages (the one place mediation decides it)."""

from accord.accounts.models import Role, User


def can_use_framing_aid(user: User) -> bool:
    """The framing aid is a mediator's tool: it reads no case, so a conflict on a case changes nothing."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.MEDIATOR)


def can_read_directory(user: User) -> bool:
    """The directory of professional mediators: the mediators call on them, the administrators keep it. Intake
    staff and liaisons neither refer nor mediate; members will choose from it through their own page, later."""
    return bool(user.is_authenticated and (user.is_mediator or user.is_administrator))
