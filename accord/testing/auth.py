"""Logging staff in during tests, second factor included.

`client.force_login(user)` (the `client` fixture is `Client` below, and `APIClient` for the API) means
what Django's own means: "this user has logged in; how is not what this test is about". For a user who
owes a second factor it therefore also completes it, the way django-otp's own tests do: the session
names a confirmed device of the user (created if they have none), exactly what the verification step
writes. The production code path is untouched; tests of the login itself go through its pages
(`accord/accounts/tests/`) and the browser helper `staff_log_in` below.
"""

import django.test
import rest_framework.test
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.two_factor import must_verify


def totp_device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator (one is set up if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """What the authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def second_factor_complete(client, user) -> None:
    if not must_verify(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()


def log_in_through_the_pages(client, username: str, password: str, *, language: str = "fr") -> bool:
    """Log in as a person does: the password page, then the code of the authenticator app (set up on the
    way if the role requires it and there is none yet). True if logged in."""
    from accord.accounts.models import User

    response = client.post(f"/{language}/accounts/login/", {"username": username, "password": password})
    if response.status_code != 302:
        return False
    step = response["Location"]
    user = User.objects.get(username=username)
    if step.endswith("/two-factor/enrol/"):
        client.get(step)
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        client.post(step, {"code": totp_code(device)})
    elif step.endswith("/login/verify/"):
        client.post(step, {"code": totp_code(totp_device_for(user))})
    return "_auth_user_id" in client.session


class SecondFactorMixin:
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        second_factor_complete(self, user)

    def login(self, *, username, password):
        """Django's `login()` authenticates without a request, which login throttling refuses: go
        through the login pages instead (password and second factor). The pages' language does not
        leak into the test's own thread (as Django's `login()`, it leaves the active language alone)."""
        with translation.override(translation.get_language()):
            return log_in_through_the_pages(self, username, password)


class Client(SecondFactorMixin, django.test.Client):
    pass


class APIClient(SecondFactorMixin, rest_framework.test.APIClient):
    pass
