"""Who must give a second factor, and the devices that give it (django-otp: TOTP + recovery codes).

One place for the rule: mediators, liaisons, administrators and superusers must (`ACCORD_2FA_REQUIRED`, on
everywhere but `make run`'s demo); anyone who enrolled (intake staff may) must use it too. The login
views (views.py), the staff middleware (every request) and the admin site all ask `session_is_fully_verified`.
"""

import io
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.models import Role, User

RECOVERY_CODES = 10
# Liaisons read members' documents shared with their department: a password alone is not enough.
REQUIRED_ROLES = {Role.MEDIATOR, Role.ADMINISTRATOR, Role.LIAISON}


def two_factor_required(user: User) -> bool:
    """The role asks for a second factor (whether or not the user has enrolled yet)."""
    return settings.ACCORD_2FA_REQUIRED and (user.is_superuser or user.role in REQUIRED_ROLES)


def user_has_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def must_verify(user: User) -> bool:
    return two_factor_required(user) or user_has_device(user)


def session_is_fully_verified(request) -> bool:
    """The logged-in user gave every factor they owe (OTPMiddleware sets `is_verified`)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return True
    return not must_verify(user)


def device_verify(user: User, code: str):
    """The confirmed device (authenticator, else recovery codes) that accepts `code`, or None.

    Each device throttles its own failures (django-otp: doubling delays), so guessing stays slow."""
    code = "".join(code.split()).replace("-", "").lower()
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def totp_enrolment_device(user: User) -> TOTPDevice:
    """The authenticator being set up: the same unconfirmed secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def totp_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps type it in (base32, in groups of four)."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, drawn on the server (no script, no image request)."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=5, light="#fff", xmldecl=False, svgns=True)
    return out.getvalue().decode()


@transaction.atomic
def totp_enrolment_confirm(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns fresh recovery codes (shown once), or None."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user)


@transaction.atomic
def recovery_codes_renew(user: User) -> list[str]:
    """New single-use recovery codes; the old ones stop working. Only shown to the user, once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
