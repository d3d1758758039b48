"""/healthz tells the truth: 200 only when the database can take a write now, on SQLite and PostgreSQL.

Transactional tests: the usual test transaction holds SQLite's write lock itself.
"""

import time

import pytest
from django.db import connections

from accord.testing.database import database_unreachable, default_database, write_lock_held

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthz_answers_200_when_the_database_can_take_a_write(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, tmp_path):
    with database_unreachable(tmp_path):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError", "reason": "unreachable"}
    assert client.get("/healthz").status_code == 200


def test_healthz_answers_503_quickly_when_another_connection_holds_the_write_lock(client):
    if connections["default"].vendor != "sqlite":
        pytest.skip("SQLite's single write lock; PostgreSQL takes concurrent writers")
    with write_lock_held():
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError", "reason": "locked"}
    assert elapsed < 5
    assert client.get("/healthz").status_code == 200


def test_healthz_answers_503_when_postgresql_refuses_writes(client):
    """A standby, or a database switched to read-only, answers SELECT 1 but saves nothing."""
    if connections["default"].vendor != "postgresql":
        pytest.skip("PostgreSQL's read-only sessions")
    options = {
        **connections["default"].settings_dict.get("OPTIONS", {}),
        "options": "-c default_transaction_read_only=on",
    }
    with default_database(OPTIONS=options):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError", "reason": "read-only"}
