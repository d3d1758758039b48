"""Names recorded before names were cleaned lose their bidirectional controls (issue 6)."""

from django.db import migrations

from accord.lib.text import BIDI_CONTROLS, name_clean


def strip_bidi_controls(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    for control in BIDI_CONTROLS:
        for person in Person.objects.filter(name__contains=control).only("id", "name"):
            person.name = name_clean(person.name).strip()
            person.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_phone_index")]
    operations = [migrations.RunPython(strip_bidi_controls, migrations.RunPython.noop)]
