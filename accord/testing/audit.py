"""The tests' one way past the audit trail's append-only triggers (migration cases/0006).

- `audit_triggers_suspended()`: what an attacker with the database's admin rights can do (drop or
  disable the triggers), for the tests that prove the hash chain still catches the change.
- `flush_with_audit_triggers_suspended`: pytest-django's transactional and live-server tests end with
  Django's `flush` (SQLite: `DELETE FROM`, which the triggers refuse; PostgreSQL: `TRUNCATE`, refused by
  a statement trigger). accord/conftest.py wraps Django's flush with it for the test session only, so the
  triggers stay whole in production, where `manage.py flush` is refused like any other deletion.
"""

from contextlib import contextmanager

from django.db import connections, transaction

TABLES = ("cases_caseevent", "cases_accesslog")


@contextmanager
def audit_triggers_suspended(using: str = "default"):
    """Within one transaction: the triggers are gone (SQLite) or disabled (PostgreSQL), then restored."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses to run while the transaction's deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            yield
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's constraints are all initially deferred
        else:
            placeholders = ", ".join(["%s"] * len(TABLES))
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({placeholders})", TABLES
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            yield
            for _name, sql in triggers:
                cursor.execute(sql)


def flush_with_audit_triggers_suspended(original):
    def execute_sql_flush(self, sql_list):
        with audit_triggers_suspended(self.connection.alias):
            original(self, sql_list)

    return execute_sql_flush
