"""API tokens are stored hashed, shown once when created, replaced by --rotate; DRF's plain tokens migrate."""

import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from accord.accounts.models import Role, User
from accord.api.models import ApiToken

CASES = "/api/v1/cases/"


def create_api_token(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def reads_cases(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(CASES).status_code == 200


def test_a_token_is_stored_as_its_sha256_only(db):
    key, _ = create_api_token("member-platform")

    token = ApiToken.objects.get(user__username="member-platform")
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = " ".join(str(v) for v in ApiToken.objects.values_list().get())
    assert key not in stored
    assert len(key) >= 43, "256 random bits"
    assert reads_cases(key)


def test_a_token_is_shown_once_and_cannot_be_printed_again(db):
    key, _ = create_api_token("member-platform")

    with pytest.raises(CommandError, match="--rotate") as refused:
        create_api_token("member-platform")
    assert "cannot be shown again" in str(refused.value)
    assert reads_cases(key), "refusing to print it does not change it"


def test_rotate_replaces_the_token_and_the_old_one_stops_at_once(db):
    old, _ = create_api_token("member-platform")

    new, err = create_api_token("member-platform", "--rotate")

    assert new and new != old
    assert "no longer works" in err
    assert not reads_cases(old)
    assert reads_cases(new)
    assert ApiToken.objects.count() == 1


def test_a_token_of_a_deactivated_account_is_refused(db):
    key, _ = create_api_token("member-platform")
    User.objects.filter(username="member-platform").update(is_active=False)
    assert not reads_cases(key)


def test_tokens_are_not_in_the_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert "api.ApiToken" not in registered
    assert not apps.is_installed("rest_framework.authtoken")


@pytest.mark.django_db(transaction=True)
def test_plain_tokens_from_drf_authtoken_are_hashed_and_the_plain_table_dropped():
    """What a database upgraded from DRF's authtoken holds; partners keep their token."""
    partner = User.objects.create(username="billing-tool", role=Role.INTAKE)
    plain = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp NOT NULL, user_id bigint)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [plain, "2026-03-01 10:00:00", partner.pk],
        )
    migration = importlib.import_module("accord.api.migrations.0002_hash_plain_tokens")

    with connection.schema_editor() as schema_editor:
        migration.hash_plain_tokens(apps, schema_editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    assert ApiToken.objects.get(user=partner).digest == hashlib.sha256(plain.encode()).hexdigest()
    assert reads_cases(plain)
