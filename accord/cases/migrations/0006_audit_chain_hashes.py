"""Each entry of the timeline and of the access log carries a hash chained to the previous entry of its
case (accord/cases/audit.py); the entries already there get theirs here, in the order they were written."""

from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from accord.cases import audit

    # Migrating back and forth: the triggers (0006, or re-created after a migrate) would refuse the update.
    audit.append_only_triggers_drop(schema_editor.connection)
    for name, chain, fields, ips in (
        ("CaseEvent", "timeline", audit.TIMELINE_FIELDS, ()),
        ("AccessLog", "access", audit.ACCESS_FIELDS, ("ip_address",)),
    ):
        model = apps.get_model("cases", name)
        manager = model._base_manager.using(schema_editor.connection.alias)
        case_id, previous, batch = None, "", []
        for row in manager.order_by("case_id", "id").values("id", *fields).iterator(chunk_size=5000):
            if row["case_id"] != case_id:
                case_id, previous = row["case_id"], audit.genesis(chain, row["case_id"])
            previous = audit.entry_hash(previous, audit.payload_of(chain, fields, ips, row))
            batch.append(model(id=row["id"], hash=previous))
            if len(batch) >= 1000:
                manager.bulk_update(batch, ["hash"])
                batch = []
        manager.bulk_update(batch, ["hash"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_identity_claims")]

    operations = [
        migrations.AlterModelOptions(name="accesslog", options={"base_manager_name": "objects"}),
        migrations.AlterModelOptions(
            name="caseevent", options={"base_manager_name": "objects", "ordering": ["created_at", "id"]}
        ),
        migrations.AddField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="caseevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="accesslog", index=models.Index(fields=["case", "id"], name="access_case_chain")
        ),
        migrations.AddIndex(
            model_name="caseevent", index=models.Index(fields=["case", "id"], name="event_case_chain")
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
