"""PostgreSQL only: a trigram index on case subjects for the queue's search box (see people/0002)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS case_subject_trgm ON cases_case USING gin ((UPPER(subject::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_subject_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_escalated_at"), ("people", "0002_name_trigram_index")]
    operations = [migrations.RunPython(create, drop)]
