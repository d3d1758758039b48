"""Writes on staff accounts that must leave a trace: role, activity, password, second factor."""

from django.db import transaction

from accord.accounts.models import AccountChange, AccountChangeKind, User


def account_change_record(*, changed_by: User | None, user: User, kind: str, before: str = "", after: str = "") -> None:
    AccountChange.objects.create(changed_by=changed_by, user=user, kind=kind, before=before, after=after)


def user_changes_record(*, changed_by: User | None, user: User, before: dict, changed: set[str]) -> None:
    """Record what an administrator changed on `user` (`before`: the values before the change)."""
    if "role" in changed and before.get("role") != user.role:
        account_change_record(
            changed_by=changed_by,
            user=user,
            kind=AccountChangeKind.ROLE,
            before=before.get("role", ""),
            after=user.role,
        )
    for field, kind in (("is_active", AccountChangeKind.ACTIVE), ("is_superuser", AccountChangeKind.SUPERUSER)):
        if field in changed and before.get(field) != getattr(user, field):
            account_change_record(
                changed_by=changed_by,
                user=user,
                kind=kind,
                before=str(before.get(field)),
                after=str(getattr(user, field)),
            )


@transaction.atomic
def user_two_factor_reset(*, changed_by: User | None, user: User) -> int:
    """Forget every second-factor device of `user` (a lost phone): they enrol again at their next login.

    A session verified with a deleted device is no longer verified: the staff middleware ends it.
    """
    from django_otp import devices_for_user

    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    account_change_record(changed_by=changed_by, user=user, kind=AccountChangeKind.TWO_FACTOR_RESET)
    return len(devices)
