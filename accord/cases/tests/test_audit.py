"""The audit trail (timeline and access log) is append-only in the database and tamper-evident.

Append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), whatever the path: the
ORM's querysets or raw SQL. Tamper-evident: each entry's hash chains to the previous entry of its
case, `audit_verify` recomputes every chain and compares it with the heads the housekeeping recorded
outside the database. An attacker with the database's admin rights can drop the triggers: the tests
below do that on purpose (`audit_triggers_suspended`) and the chain catches what they change.
"""

import json
import logging
import shutil
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accord.cases import audit, services
from accord.cases.models import AccessLog, AppendOnlyError, CaseEvent, EventKind
from accord.testing.audit import audit_triggers_suspended
from accord.testing.concurrency import in_threads

TABLES = {CaseEvent: "cases_caseevent", AccessLog: "cases_accesslog"}


def entry_for(model, case):
    if model is CaseEvent:
        return CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor_kind="system", data={"n": 1})
    return AccessLog.objects.create(case=case, action="case_view", detail="test")


def refused():
    """The database refuses the change (a savepoint keeps the test's transaction usable on PostgreSQL)."""
    return pytest.raises(IntegrityError, match="append-only")


def verify(**options) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=out, **options)
    except CommandError as exc:
        out.write(str(exc))
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# Append-only in the database ------------------------------------------------------------------------


@pytest.mark.parametrize("model", [CaseEvent, AccessLog])
@pytest.mark.django_db
def test_the_database_refuses_a_queryset_update_of_the_trail(model, make_case, marie):
    entry = entry_for(model, make_case(marie))
    field = "kind" if model is CaseEvent else "action"
    with refused(), transaction.atomic():
        model.objects.filter(pk=entry.pk).update(**{field: "forged"})
    assert getattr(model.objects.get(pk=entry.pk), field) != "forged"


@pytest.mark.parametrize("model", [CaseEvent, AccessLog])
@pytest.mark.django_db
def test_the_database_refuses_a_queryset_delete_of_the_trail(model, make_case, marie):
    entry = entry_for(model, make_case(marie))
    with refused(), transaction.atomic():
        model.objects.filter(pk=entry.pk).delete()
    with refused(), transaction.atomic():
        model.objects.all()._raw_delete(model.objects.db)
    assert model.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("model", [CaseEvent, AccessLog])
@pytest.mark.django_db
def test_the_database_refuses_raw_sql_changing_the_trail(model, make_case, marie):
    entry = entry_for(model, make_case(marie))
    table = TABLES[model]
    with refused(), transaction.atomic():
        sql(f"UPDATE {table} SET case_id = case_id WHERE id = %s", [entry.pk])
    with refused(), transaction.atomic():
        sql(f"DELETE FROM {table}")
    if connection.vendor == "postgresql":
        sql("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts' checks, which TRUNCATE would wait for
        with refused(), transaction.atomic():
            sql(f"TRUNCATE {table} CASCADE")
        with refused(), transaction.atomic():
            sql("TRUNCATE cases_case CASCADE")
    assert model.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_migrate_puts_back_triggers_a_table_rebuild_dropped(make_case, marie):
    """On SQLite a migration that rebuilds a table drops its triggers; every migrate ends by re-creating them."""
    entry = entry_for(CaseEvent, make_case(marie))
    audit.append_only_triggers_drop(connection)
    CaseEvent.objects.filter(pk=entry.pk).update(actor_kind="member")  # nothing refuses it now
    call_command("migrate", verbosity=0)
    with refused(), transaction.atomic():
        CaseEvent.objects.filter(pk=entry.pk).update(actor_kind="staff")


@pytest.mark.django_db
def test_model_instances_of_the_trail_are_never_saved_twice_nor_deleted(make_case, marie):
    case = make_case(marie)
    for model in (CaseEvent, AccessLog):
        entry = entry_for(model, case)
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()


@pytest.mark.django_db
def test_deleting_a_case_or_its_complainant_cannot_take_the_trail_with_it(make_case, marie, maya):
    case = make_case(marie)
    services.access_record(case=case, action="case_view", user=maya)
    with pytest.raises(ProtectedError):
        case.delete()
    with pytest.raises(ProtectedError):
        marie.delete()
    assert CaseEvent.objects.filter(case=case).exists() and AccessLog.objects.filter(case=case).exists()


# The chain -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_entry_chains_to_the_previous_entry_of_its_case(make_case, marie, jan, maya):
    first, other = make_case(marie), make_case(jan)
    services.note_add(case=first, user=maya, body="Appeler la facturation.")
    services.access_record(case=first, action="case_view", user=maya)
    services.access_record(case=first, action="case_view", user=maya, ip="2001:0db8::0001")

    for model, chain in ((CaseEvent, "timeline"), (AccessLog, "access")):
        for case in (first, other):
            previous = audit.genesis(chain, case.pk)
            entries = list(model.objects.filter(case=case).order_by("id"))
            for entry in entries:
                assert len(entry.hash) == 64
                assert entry.hash == audit.entry_hash(previous, audit.entry_payload(model, entry))
                previous = entry.hash
    # The genesis names the case: the same first entry on another case has another hash.
    assert audit.genesis("timeline", first.pk) != audit.genesis("timeline", other.pk)
    assert CaseEvent.objects.filter(case=first).order_by("id")[0].hash != (
        CaseEvent.objects.filter(case=other).order_by("id")[0].hash
    )


@pytest.mark.django_db
def test_the_hash_is_over_the_entry_as_stored(make_case, marie):
    """What the model hashed before the insert is what the database gives back (times, JSON, IPs)."""
    case = make_case(marie)
    brussels = timezone.now().astimezone(timezone.get_default_timezone())
    event = CaseEvent.objects.create(
        case=case,
        kind=EventKind.DEADLINE,
        actor_kind="system",
        created_at=brussels - timedelta(days=3),
        data={"z": [1, 2.5, "é"], "a": {"nested": True}, "none": None},
    )
    log = AccessLog.objects.create(case=case, action="download", ip_address="::ffff:10.0.0.1", detail="ü")
    for model, entry in ((CaseEvent, event), (AccessLog, log)):
        stored = model.objects.get(pk=entry.pk)
        assert audit.entry_payload(model, stored) == audit.entry_payload(model, entry)
    assert verify()[0] == 0


@pytest.mark.django_db
def test_bulk_create_chains_like_create(make_case, marie, jan):
    first, other = make_case(marie), make_case(jan)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=case, kind=EventKind.NOTE, actor_kind="system", data={"n": n})
            for n, case in enumerate([first, other, first, first, other])
        ]
    )
    AccessLog.objects.bulk_create([AccessLog(case=case, action="case_view") for case in (other, first, other)])
    code, output = verify()
    assert code == 0, output


@pytest.mark.django_db
def test_bulk_create_may_not_skip_or_overwrite_entries(make_case, marie):
    case = make_case(marie)
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.bulk_create([AccessLog(case=case, action="x")], ignore_conflicts=True)


@pytest.mark.django_db(transaction=True)
def test_entries_appended_to_one_case_at_the_same_time_never_share_a_predecessor(make_case, marie):
    """Many writers on one case at once (threads with their own connections, as processes would be)."""
    case = make_case(marie)

    def append(index):
        for n in range(8):
            CaseEvent.objects.create(case_id=case.pk, kind=EventKind.NOTE, actor_kind="system", data={"i": index})
            AccessLog.objects.create(case_id=case.pk, action="case_view", detail=f"{index}-{n}")

    in_threads(4, append)
    assert CaseEvent.objects.filter(case=case).count() >= 32 and AccessLog.objects.filter(case=case).count() == 32
    code, output = verify()
    assert code == 0, output


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_is_flushed_after_writing_the_trail(make_case, marie):
    """The flush after a transactional test empties the trail (accord/testing/audit.py suspends the
    triggers for it, in the tests only): were it refused, this test's teardown would fail."""
    entry_for(AccessLog, make_case(marie))
    assert CaseEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_transactional_test_starts_with_an_empty_trail():
    assert not CaseEvent.objects.exists() and not AccessLog.objects.exists()


# audit_verify --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_audit_verify_passes_on_the_demo_and_names_the_case_an_sql_change_broke():
    call_command("load_demo", stdout=StringIO())
    code, output = verify()
    assert code == 0, output
    assert "intact" in output and len(output.strip().splitlines()) == 1

    victim = CaseEvent.objects.filter(kind=EventKind.TRANSITION).order_by("id")[3]
    later = CaseEvent.objects.filter(case=victim.case, id__gt=victim.pk).order_by("id").first()
    with audit_triggers_suspended():
        sql(
            "UPDATE cases_caseevent SET data = %s WHERE id = %s",
            [json.dumps({**victim.data, "reason": "forged"}), victim.pk],
        )
    code, output = verify()
    assert code == 1
    assert victim.case.reference in output and f"entry {victim.pk}" in output and "transition" in output
    if later is not None:
        assert f"entry {later.pk}" not in output  # the first bad entry only
    assert "1 case" in output


@pytest.mark.django_db
def test_audit_verify_names_the_case_whose_entry_was_deleted_or_whose_access_log_was_changed(
    make_case, marie, jan, sarah, maya
):
    intact, deleted, read = make_case(marie), make_case(jan), make_case(sarah)
    for case in (intact, deleted, read):
        services.note_add(case=case, user=maya, body="Vu.")
        services.access_record(case=case, action="case_view", user=maya)
        services.access_record(case=case, action="case_view", user=maya)
    gone = CaseEvent.objects.filter(case=deleted).order_by("id")[1]
    successor = CaseEvent.objects.filter(case=deleted, id__gt=gone.pk).order_by("id").first()
    changed = AccessLog.objects.filter(case=read).order_by("id").first()
    with audit_triggers_suspended():
        sql("DELETE FROM cases_caseevent WHERE id = %s", [gone.pk])
        sql("UPDATE cases_accesslog SET user_id = NULL WHERE id = %s", [changed.pk])
    code, output = verify()
    assert code == 1
    assert intact.reference not in output
    assert deleted.reference in output and f"entry {successor.pk}" in output
    assert read.reference in output and f"entry {changed.pk}" in output and "case_view" in output
    assert "2 cases" in output


# The heads, kept outside the database ---------------------------------------------------------------


@pytest.fixture
def audit_dir(settings):
    """Each test's own (accord/conftest.py); the default is VAR_DIR/audit."""
    return settings.ACCORD_AUDIT_DIR


@pytest.mark.django_db
def test_housekeeping_writes_the_heads_digest_to_the_log_and_to_the_heads_file(
    audit_dir, make_case, marie, jan, maya, caplog
):
    from accord.worker.tasks import housekeeping

    for person in (marie, jan):
        case = make_case(person)
        services.access_record(case=case, action="case_view", user=maya)
    with caplog.at_level(logging.INFO, logger="accord.cases.audit"):
        result = housekeeping.call()
    lines = (audit_dir / "heads.log").read_text().splitlines()
    assert len(lines) == 1
    day, count, digest = lines[0].split()
    assert day == timezone.localdate().isoformat() and count == "4" and len(digest) == 64
    assert result["audit_heads"] == {"count": 4, "digest": digest}
    assert any(digest in record.getMessage() and "4" in record.getMessage() for record in caplog.records)

    # One line a day: the next day's run appends.
    audit.audit_heads_record(today=timezone.localdate() + timedelta(days=1))
    assert len((audit_dir / "heads.log").read_text().splitlines()) == 2
    code, output = verify()
    assert code == 0, output
    assert "4 recorded heads" in output


@pytest.mark.django_db
def test_audit_verify_catches_a_chain_rewritten_after_its_head_was_recorded(audit_dir, make_case, marie, jan, maya):
    """Recomputing every hash after a change makes the chain valid again, but not its recorded head."""
    kept, rewritten = make_case(marie), make_case(jan)
    audit.audit_heads_record(today=date(2026, 12, 1))

    rewrite_chain(rewritten, forged=True)
    code, output = verify()
    assert code == 1
    assert rewritten.reference in output and kept.reference not in output
    assert "recorded" in output and "2026-12-01" in output


@pytest.mark.django_db
def test_audit_verify_catches_an_edited_heads_file(audit_dir, make_case, marie):
    make_case(marie)
    audit.audit_heads_record(today=date(2026, 12, 1))
    snapshot = audit_dir / "heads" / "2026-12-01.txt"
    snapshot.write_text(snapshot.read_text().replace("timeline", "timeline ", 1))
    code, output = verify()
    assert code == 1
    assert "2026-12-01" in output and "digest" in output


def rewrite_chain(case, **changes) -> None:
    """What an attacker with the database's admin rights does: change an entry, recompute the chain."""
    previous = audit.genesis("timeline", case.pk)
    with audit_triggers_suspended():
        for index, entry in enumerate(CaseEvent.objects.filter(case=case).order_by("id")):
            if index == 0:
                entry.data = {**entry.data, **changes}
            entry.hash = audit.entry_hash(previous, audit.entry_payload(CaseEvent, entry))
            previous = entry.hash
            sql(
                "UPDATE cases_caseevent SET data = %s, hash = %s WHERE id = %s",
                [json.dumps(entry.data), entry.hash, entry.pk],
            )


@pytest.mark.django_db
def test_audit_verify_checks_against_a_copy_of_the_heads_log_kept_elsewhere(audit_dir, tmp_path, make_case, marie):
    case = make_case(marie)
    audit.audit_heads_record(today=date(2026, 12, 1))
    offsite = tmp_path / "offsite"
    offsite.mkdir()
    shutil.copy(audit_dir / "heads.log", offsite / "heads.log")  # only the log leaves the machine
    code, output = verify(heads=str(offsite))
    assert code == 0, output
    assert "1 recorded head" in output

    # The attacker rewrites the chain, then the heads here, consistently: only the copy tells.
    rewrite_chain(case, forged=True)
    audit.audit_heads_record(today=date(2026, 12, 1))
    assert verify()[0] == 0
    code, output = verify(heads=str(offsite))
    assert code == 1
    assert "2026-12-01" in output and "digest" in output
    code, output = verify(heads=str(tmp_path / "nowhere"))
    assert code == 1 and "no heads.log" in output


# Rows written before the chain existed ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_entries_already_there_in_the_order_they_were_written():
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0005_identity_claims")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, Case = apps.get_model("people", "Person"), apps.get_model("cases", "Case")
    Event, Log = apps.get_model("cases", "CaseEvent"), apps.get_model("cases", "AccessLog")
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    now = timezone.now()
    cases = [
        Case.objects.create(
            reference=f"ACC-2025-00000{n}",
            person=person,
            channel="web",
            received_at=now,
            subject="s",
            description="d",
            language="fr",
        )
        for n in (1, 2)
    ]
    for n in range(3):
        for case in cases:
            Event.objects.create(case=case, kind="note", actor_kind="system", created_at=now, data={"n": n})
            Log.objects.create(case=case, action="case_view", at=now, ip_address="10.0.0.1")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    code, output = verify()
    assert code == 0, output
    assert "2 case(s), 6 timeline and 6 access-log entries" in output
    first = CaseEvent.objects.filter(case_id=cases[1].pk).order_by("id").first()
    assert first.hash == audit.entry_hash(audit.genesis("timeline", cases[1].pk), audit.entry_payload(CaseEvent, first))
    with refused():
        CaseEvent.objects.filter(pk=first.pk).update(kind="x")
