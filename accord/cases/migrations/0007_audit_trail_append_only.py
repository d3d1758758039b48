"""The timeline and the access log are append-only in the database: triggers refuse UPDATE and DELETE
(and TRUNCATE on PostgreSQL), whatever the path (ORM, raw SQL, a cascade). Their SQL is in
accord/cases/audit.py, which also re-creates missing ones after every `migrate` (apps.py): on SQLite a
later migration that rebuilds one of these tables drops its triggers with the old table. Tests flush
these tables through accord/testing/audit.py, which suspends the triggers."""

from django.db import migrations


def create(apps, schema_editor):
    from accord.cases.audit import append_only_triggers_ensure

    append_only_triggers_ensure(schema_editor.connection)


def drop(apps, schema_editor):
    from accord.cases.audit import append_only_triggers_drop

    append_only_triggers_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_audit_chain_hashes")]
    operations = [migrations.RunPython(create, drop)]
