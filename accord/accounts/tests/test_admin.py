"""Administrators configure: they see no person and no case, their powers come from their role, and
every change of role they make is recorded."""

import re
from datetime import date, datetime
from html import unescape

import pytest
from django.contrib import admin
from django.utils import timezone, translation

from accord.accounts.models import AccountChange, AccountChangeKind, Role, User
from accord.testing.auth import totp_device_for

ADMIN = "/fr/admin/"

# Everything the admin shows. A new registration fails this test: a model holding a person's details, a
# case's content or a secret never belongs here.
REGISTERED = {
    "accounts.User",
    "accounts.AccountChange",
    "accounts.MediatorAbsence",
    "cases.Category",
    "cases.Department",
    "cases.Office",
    "departments.DepartmentContact",
    "departments.Liaison",
    # Accredited mediators' professional details, as their bodies publish them (no member, no case).
    "mediation.Mediator",
    "mediation.Region",
    "django_tasks_database.DBTaskResult",  # superusers only: tracebacks can hold addresses (worker/admin.py's)
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
}


def change_form_data(client, user, **changes):
    """The admin's change form for `user` as the browser would post it, with `changes` applied."""
    response = client.get(f"{ADMIN}accounts/user/{user.pk}/change/")
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled or name == "password":
            continue
        value = form.initial.get(name, field.initial)
        if isinstance(value, datetime):  # a split date and time widget, in the page's (French) format
            value = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%d/%m/%Y"), value.strftime("%H:%M:%S")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_only_configuration_is_registered_in_the_admin():
    from django_tasks_db.models import DBTaskResult

    from accord.worker.admin import TaskResultAdmin

    assert {model._meta.label for model in admin.site._registry} == REGISTERED
    # The task results under Accord's admin class (translated columns), not django-tasks-db's own.
    assert type(admin.site._registry[DBTaskResult]) is TaskResultAdmin


def _visible_text(html: str) -> str:
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


# The task backend's labels as its code writes them (admin_messages.py lists them for our catalogues), and the
# app names the third-party apps give themselves.
THIRD_PARTY_ENGLISH = [
    "Tasks Database Backend",
    "Task Results",
    "Task Result",
    "enqueued at",
    "started at",
    "finished at",
    "args kwargs",
    "task path",
    "worker id",
    "queue name",
    "backend name",
    "run after",
    "return value",
    "exception class path",
    "traceback",
    "Successful",
    "Running",
    "Ready",
    "Failed",
    "Task name",
]


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_task_results_in_the_admin_are_in_the_page_language(client, db, language):
    """Superusers read the task results (administrators may not): index, list, filters and a result, no English
    label from django-tasks-db left; in Dutch no French fallback either (nor for the login attempts)."""
    from accord.worker.tasks import housekeeping

    result = housekeeping.enqueue()
    root = User.objects.create_superuser("root", "root@accord.test", "x" * 20)
    client.force_login(root)
    pages = {
        "index": f"/{language}/admin/",
        "list": f"/{language}/admin/django_tasks_database/dbtaskresult/",
        "result": f"/{language}/admin/django_tasks_database/dbtaskresult/{result.id}/change/",
    }
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        texts[name] = _visible_text(response.content.decode())
    everything = " ".join(texts.values())
    for english in THIRD_PARTY_ENGLISH:
        assert not re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", everything), f"{language}: “{english}” shown"
    with translation.override(language):
        expected = {
            "index": [translation.gettext("Background tasks"), translation.gettext("Task Results")],
            "list": [
                translation.pgettext("Task", "Ready"),
                translation.gettext("task"),
                translation.gettext("queue name"),
            ],
            "result": [
                translation.gettext("traceback"),
                translation.gettext("run after"),
                translation.gettext("enqueued at"),
            ],
        }
    for name, words in expected.items():
        for word in words:
            assert word.lower() in texts[name].lower(), f"{language} {name}: “{word}” missing"
    if language == "nl":
        for french in ("Nom du modèle", "Lien pour", "Tentatives de connexion", "Échecs de connexion", "Connexions"):
            assert french not in everything, f"nl: French “{french}” shown"
        assert "Aanmeldpogingen" in texts["index"]
    else:
        assert "Tâches en arrière-plan" in texts["index"] and "Résultats des tâches" in texts["index"]


def test_administrator_sees_no_person_in_the_admin(client, anna, marie):
    client.force_login(anna)
    assert client.get(f"{ADMIN}people/person/").status_code == 404
    assert client.get(f"{ADMIN}people/person/{marie.pk}/change/").status_code == 404
    index = client.get(ADMIN).content.decode()
    assert marie.email not in index and "people/" not in index


def test_administrator_is_no_superuser_and_configures_categories_departments_and_users(client, anna):
    assert not anna.is_superuser
    client.force_login(anna)
    for page in ("cases/category/", "cases/department/", "accounts/user/", "accounts/accountchange/"):
        assert client.get(f"{ADMIN}{page}").status_code == 200, page
    assert client.get(f"{ADMIN}cases/category/add/").status_code == 200


def test_administrator_configures_offices_and_their_closing_days(client, anna):
    from accord.cases.models import Office

    client.force_login(anna)
    assert "Metz" in client.get(f"{ADMIN}cases/office/").content.decode()
    metz = Office.objects.get(code="metz")
    form = client.get(f"{ADMIN}cases/office/{metz.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "closures-TOTAL_FORMS": "1",
            "closures-INITIAL_FORMS": "0",
            "closures-0-start": "2026-05-15",
            "closures-0-end": "2026-05-15",
            "closures-0-label": "Pont de l'Ascension",
        }
    )
    response = client.post(f"{ADMIN}cases/office/{metz.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert list(metz.closures.values_list("start", flat=True)) == [date(2026, 5, 15)]


def test_administrator_cannot_read_task_results_or_groups(client, anna):
    """Task results keep arguments, return values and tracebacks (an SMTP refusal names the address)."""
    client.force_login(anna)
    assert client.get(f"{ADMIN}django_tasks_database/dbtaskresult/").status_code == 403
    assert client.get(f"{ADMIN}auth/group/").status_code == 404


def test_mediators_and_intake_staff_cannot_open_the_admin(client, maya, ilse):
    for user in (maya, ilse):
        client.force_login(user)
        response = client.get(ADMIN, follow=True)
        assert response.redirect_chain[-1][0].startswith("/fr/accounts/login/?next="), user


def test_administrator_cannot_grant_herself_more(client, anna):
    client.force_login(anna)
    data = change_form_data(client, anna, is_superuser="on", is_staff="on", role=Role.MEDIATOR, first_name="Anne")

    response = client.post(f"{ADMIN}accounts/user/{anna.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    anna.refresh_from_db()
    assert anna.first_name == "Anne", "the form was saved"
    assert not anna.is_superuser and anna.role == Role.ADMINISTRATOR
    assert not anna.user_permissions.exists() and not anna.groups.exists()
    assert not AccountChange.objects.exists()


def test_administrator_cannot_change_a_superuser(client, anna):
    root = User.objects.create_superuser("root", "root@accord.test", "x" * 20)
    client.force_login(anna)
    assert client.post(f"{ADMIN}accounts/user/{root.pk}/password/", {}).status_code == 403
    response = client.post(f"{ADMIN}accounts/user/{root.pk}/change/", {"username": "root", "role": Role.INTAKE})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.role == Role.INTAKE and root.username == "root" and root.is_superuser


def test_a_role_change_in_the_admin_is_recorded_and_shown_to_administrators(client, anna, ilse):
    client.force_login(anna)

    response = client.post(f"{ADMIN}accounts/user/{ilse.pk}/change/", change_form_data(client, ilse, role="mediator"))

    assert response.status_code == 302
    change = AccountChange.objects.get()
    assert (change.changed_by, change.user, change.kind) == (anna, ilse, AccountChangeKind.ROLE)
    assert (change.before, change.after) == ("intake", "mediator")
    page = client.get(f"{ADMIN}accounts/accountchange/").content.decode()
    assert "Ilse Claes" in page and "Anna Admin" in page


def test_deactivation_and_password_changes_are_recorded(client, anna, ilse):
    client.force_login(anna)
    client.post(f"{ADMIN}accounts/user/{ilse.pk}/change/", change_form_data(client, ilse, is_active=False))
    client.post(
        f"{ADMIN}accounts/user/{ilse.pk}/password/",
        {"password1": "a new long passphrase 2026", "password2": "a new long passphrase 2026"},
    )
    kinds = list(AccountChange.objects.order_by("id").values_list("kind", "before", "after"))
    assert kinds == [("active", "True", "False"), ("password", "", "")]


def test_a_new_account_records_its_role(client, anna):
    client.force_login(anna)
    response = client.post(
        f"{ADMIN}accounts/user/add/",
        {
            "username": "noor",
            "usable_password": "true",
            "password1": "a new long passphrase 2026",
            "password2": "a new long passphrase 2026",
            "role": "mediator",
            "language": "nl",
            "email": "noor@accord.test",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = AccountChange.objects.get()
    assert (change.user.username, change.before, change.after) == ("noor", "", "mediator")


def test_administrator_resets_a_lost_second_factor_and_it_is_recorded(client, anna, maya):
    totp_device_for(maya)
    client.force_login(anna)

    client.post(f"{ADMIN}accounts/user/", {"action": "two_factor_reset", "_selected_action": [maya.pk], "index": 0})

    from django_otp import devices_for_user

    assert not list(devices_for_user(maya, confirmed=None))
    change = AccountChange.objects.get()
    assert (change.changed_by, change.user, change.kind) == (anna, maya, AccountChangeKind.TWO_FACTOR_RESET)


def test_the_admin_itself_asks_for_the_second_factor(rf, anna, settings):
    """Even were the middleware bypassed: the admin site checks the role and the verified session."""
    request = rf.get(ADMIN)
    request.user = anna
    anna.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    anna.is_verified = lambda: True
    assert admin.site.has_permission(request)
    settings.ACCORD_2FA_REQUIRED = False
    anna.is_verified = lambda: False
    assert admin.site.has_permission(request), "the demo: no device, not required"


def test_the_admins_password_only_login_is_never_served(client):
    response = client.get(f"{ADMIN}login/?next=/fr/admin/cases/category/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=/fr/admin/cases/category/")


def test_a_superuser_granting_superuser_status_is_recorded(client, ilse):
    root = User.objects.create_superuser("root", "root@accord.test", "x" * 20)
    client.force_login(root)
    client.post(f"{ADMIN}accounts/user/{ilse.pk}/change/", change_form_data(client, ilse, is_superuser="on"))
    change = AccountChange.objects.get()
    assert (change.changed_by, change.user, change.kind, change.after) == (root, ilse, "superuser", "True")
