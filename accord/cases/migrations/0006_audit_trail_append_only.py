"""The timeline and the access log are append-only in the database: triggers refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL), whatever the path (ORM, raw SQL, a cascade).

On SQLite, a later migration that rebuilds one of these tables (most AlterField/RemoveField do) drops
its triggers with the old table: re-create them in that migration (the tests of the triggers fail
otherwise). Tests flush these tables through accord/testing/audit.py, which suspends the triggers."""

from django.db import migrations

TABLES = ("cases_caseevent", "cases_accesslog")

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION accord_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accord: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION, params=None)  # its % are plpgsql's, not placeholders
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION accord_audit_append_only()"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION accord_audit_append_only()"
            )
        elif vendor == "sqlite":
            for operation in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'accord: {table} is append-only ({operation} refused)'); END"
                )
        else:
            raise NotImplementedError(f"no append-only triggers for {vendor}")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS accord_audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_audit_chain_hashes")]
    operations = [migrations.RunPython(create, drop)]
