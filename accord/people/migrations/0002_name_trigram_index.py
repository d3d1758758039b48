"""PostgreSQL only: a trigram index so that searching people by part of their name does not scan
the whole table (the queue's search box). SQLite has no such index and needs none at this size.

Creating the pg_trgm extension needs the right to do so; where the database user lacks it, the
index is skipped (search still works, by a scan) rather than failing the deployment.
"""

from django.db import migrations, transaction


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create extensions: keep searching by scan
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin ((UPPER(name::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
