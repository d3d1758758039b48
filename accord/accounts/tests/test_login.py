"""Staff login: throttled (django-axes), in two steps for those who owe a second factor (django-otp), and a
staff session ends after an idle time."""

import re
from datetime import timedelta

import django.test
import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.models import Role
from accord.accounts.two_factor import recovery_codes_renew
from accord.conftest import PASSWORD
from accord.testing.auth import totp_code, totp_device_for

LOGIN = "/fr/accounts/login/"
QUEUE = "/fr/staff/"


def post_password(client, username, password=PASSWORD, *, language="fr", address="198.51.100.7", next_url=""):
    return client.post(
        f"/{language}/accounts/login/",
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=address,
    )


def logged_in(client) -> bool:
    return client.get(QUEUE).status_code == 200


# Throttling


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, maya):
    totp_device_for(maya)
    for _ in range(4):
        assert post_password(client, "maya", "wrong").status_code == 200
    assert post_password(client, "maya", "wrong").status_code == 429, "the fifth locks"
    response = post_password(client, "maya", language="nl")
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldingen" in response.content.decode()
    assert "accord_login_pending" not in client.session and not logged_in(client)
    assert AccessAttempt.objects.get(username="maya").failures_since_start >= 5, "counted in the database"


def test_the_lock_holds_one_username_from_one_address_only(client, maya, pierre):
    """An attacker cannot lock a colleague out from everywhere: the pair (username, address) is locked."""
    for _ in range(5):
        post_password(client, "maya", "wrong", address="203.0.113.66")
    assert post_password(client, "maya", address="203.0.113.66").status_code == 429
    assert post_password(django.test.Client(), "maya", address="198.51.100.7").status_code == 302
    assert post_password(django.test.Client(), "pierre", address="203.0.113.66").status_code == 302


def test_behind_the_proxy_the_lock_holds_the_client_not_the_proxy(client, maya, settings):
    """Every login comes from the proxy's address: the lock must count the client the proxy saw."""
    settings.ACCORD_TRUSTED_PROXIES = "1"
    proxy = "10.0.0.2"
    for _ in range(5):
        client.post(
            "/fr/accounts/login/",
            {"username": "maya", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    attacker = client.post(
        "/fr/accounts/login/",
        {"username": "maya", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert attacker.status_code == 429
    maya_herself = django.test.Client().post(
        "/fr/accounts/login/",
        {"username": "maya", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert maya_herself.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_axes_reset_unlocks_at_once(client, ilse):
    for _ in range(5):
        post_password(client, "ilse", "wrong")
    assert post_password(client, "ilse").status_code == 429
    call_command("axes_reset", verbosity=0)
    assert post_password(client, "ilse").status_code == 302 and logged_in(client)


def test_the_lock_ends_after_the_cool_off_time(client, ilse, settings):
    for _ in range(5):
        post_password(client, "ilse", "wrong")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert post_password(client, "ilse").status_code == 302


# Two-factor authentication


def test_a_mediators_password_alone_does_not_log_her_in(client, maya):
    response = post_password(client, "maya")

    assert response.status_code == 302 and response["Location"] == "/fr/accounts/two-factor/enrol/"
    assert not logged_in(client)
    assert client.get("/api/v1/cases/").status_code in (401, 403)
    assert client.get("/fr/admin/").status_code == 302


def test_a_mediator_enrols_with_a_qr_code_and_gets_recovery_codes_once(client, maya):
    post_password(client, "maya", next_url="/fr/staff/outbox/")
    page = client.get("/fr/accounts/two-factor/enrol/").content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=maya, confirmed=False)
    assert client.get("/fr/accounts/two-factor/enrol/").context["secret"].replace(" ", "") in page.replace(" ", "")

    wrong = client.post("/fr/accounts/two-factor/enrol/", {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    device.refresh_from_db()
    device.throttle_reset()  # a failure makes the next try wait (tested below)
    response = client.post("/fr/accounts/two-factor/enrol/", {"code": totp_code(device)})

    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert response.context["next_url"] == "/fr/staff/outbox/"
    assert logged_in(client)
    device.refresh_from_db()
    assert device.confirmed
    later = client.get("/fr/accounts/two-factor/").content.decode()
    assert not any(code in later for code in codes), "shown once"


def test_an_enrolled_mediator_gives_a_code_after_her_password(client, maya):
    device = totp_device_for(maya)
    response = post_password(client, "maya", next_url="/fr/staff/mailbox/")
    assert response["Location"] == "/fr/accounts/login/verify/"
    assert not logged_in(client)

    wrong = client.post("/fr/accounts/login/verify/", {"code": "123456"})
    assert wrong.status_code == 200 and wrong.context["form"].errors and not logged_in(client)
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/fr/accounts/login/verify/", {"code": totp_code(device)})

    assert response.status_code == 302 and response["Location"] == "/fr/staff/mailbox/"
    assert logged_in(client)


def test_a_recovery_code_logs_in_once(client, maya):
    totp_device_for(maya)
    code = recovery_codes_renew(maya)[0]

    post_password(client, "maya")
    assert client.post("/fr/accounts/login/verify/", {"code": code.upper()}).status_code == 302
    assert logged_in(client)
    assert not StaticToken.objects.filter(token=code).exists()

    other = django.test.Client()
    post_password(other, "maya")
    assert other.post("/fr/accounts/login/verify/", {"code": code}).status_code == 200
    assert not logged_in(other)


def test_wrong_codes_are_throttled_by_the_device(client, maya):
    device = totp_device_for(maya)
    post_password(client, "maya")
    for _ in range(3):
        client.post("/fr/accounts/login/verify/", {"code": "000000"})
    assert client.post("/fr/accounts/login/verify/", {"code": totp_code(device)}).status_code == 200
    assert not logged_in(client), "after failures, even the right code waits"


def test_the_half_way_login_expires(client, maya):
    device = totp_device_for(maya)
    post_password(client, "maya")
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.post("/fr/accounts/login/verify/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/fr/accounts/login/"


def test_intake_staff_log_in_with_their_password_and_may_enrol(client, ilse):
    assert post_password(client, "ilse").status_code == 302
    assert logged_in(client)
    page = client.get("/fr/accounts/two-factor/")
    assert page.context["enrolled"] is False
    client.get("/fr/accounts/two-factor/enrol/")
    device = TOTPDevice.objects.get(user=ilse)
    assert len(client.post("/fr/accounts/two-factor/enrol/", {"code": totp_code(device)}).context["codes"]) == 10

    again = django.test.Client()
    assert post_password(again, "ilse")["Location"] == "/fr/accounts/login/verify/", "enrolled: always asked"


def test_administrators_owe_the_second_factor_too(client, anna):
    assert post_password(client, "anna")["Location"] == "/fr/accounts/two-factor/enrol/"


@pytest.mark.parametrize("language,text", [("fr", "Double authentification"), ("nl", "Tweestapsverificatie")])
def test_the_second_step_speaks_the_users_language(client, maya, language, text):
    totp_device_for(maya)
    post_password(client, "maya", language=language)
    assert text in client.get(f"/{language}/accounts/login/verify/").content.decode()


def test_a_session_without_the_owed_second_factor_is_ended(maya, anna):
    """Django's own force_login (password only, as a role changed to mediator or a reset device leaves it)."""
    for user, page in ((maya, QUEUE), (anna, "/fr/admin/")):
        plain = django.test.Client()
        plain.force_login(user)
        response = plain.get(page)
        assert response.status_code == 302 and "login" in response["Location"], user
        assert "_auth_user_id" not in plain.session


def test_a_role_change_to_mediator_asks_for_the_second_factor(client, ilse):
    post_password(client, "ilse")
    assert logged_in(client)
    ilse.role = Role.MEDIATOR
    ilse.save(update_fields=["role"])
    assert not logged_in(client)


def test_the_requirement_can_be_turned_off_for_the_demo(client, maya, settings):
    settings.ACCORD_2FA_REQUIRED = False
    assert post_password(client, "maya").status_code == 302
    assert logged_in(client)


# Idle timeout


def test_a_staff_session_ends_after_the_idle_time(client, maya, settings):
    settings.ACCORD_STAFF_IDLE_MINUTES = 30
    client.force_login(maya)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert logged_in(client)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert logged_in(client), "activity within the idle time keeps it"
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert logged_in(client)
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get(QUEUE)
        assert response.status_code == 302
        login = client.get(response["Location"]).content.decode()
        assert re.search(r"30\s+minutes", login)
