"""The folded name for the queue's accent-insensitive search ("lefevre" finds Lefèvre): a column kept in step
by Person.save(), filled here for existing people, with PostgreSQL's trigram index (as 0002 for the name)."""

import unicodedata

from django.db import migrations, models, transaction


def _folded(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()[:200]


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("pk", "name").iterator(chunk_size=2000):
        person.name_folded = _folded(person.name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["name_folded"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["name_folded"])


def index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create extensions: search by scan (see 0002)
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_name_folded_trgm ON people_person USING gin (name_folded gin_trgm_ops)"
    )


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_strip_bidi_controls_from_names")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_folded",
            field=models.CharField(blank=True, db_default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, unindex),
    ]
