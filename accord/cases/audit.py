"""The tamper-evident audit trail: the timeline (`CaseEvent`) and the access log (`AccessLog`).

Both are append-only in the database (triggers, migrations 0006) and hash-chained per case: each
entry's `hash` is SHA-256 over the previous entry's hash (of the same case and table, in id order)
and a canonical serialisation of the entry's own fields, as written. A case's first entry chains to a
genesis value that names the case and the chain. Changing, inserting or deleting an entry breaks the
chain from there on; `manage.py audit_verify` recomputes every chain. Someone with the database's admin
rights could rewrite a whole chain consistently: the daily housekeeping therefore writes every chain's
head to `ACCORD_AUDIT_DIR` (default `VAR_DIR/audit/`, outside the database, to be copied off the machine), and `audit_verify`
checks that each recorded head is still there with the same hash.

The hash covers each entry as written and nothing derived from later entries, so a future entry
(a retention tombstone, say) never requires rewriting an old one to keep the chain verifiable.
"""

import hashlib
import ipaddress
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import Max
from django.utils import timezone

logger = logging.getLogger(__name__)

# Part of the format: changing it breaks every chain.
GENESIS_PREFIX = "accord-audit-v1"
# pg_advisory_xact_lock's first key for the access log's per-case lock (reads do not lock the case row).
ACCESS_LOCK_KEY = 0x41434345  # "ACCE"
HEADS_LOG = "heads.log"
# The fields each chain's hash covers (attnames, as written), also part of the format: a field added
# to a model later is not in its chain's hash unless a new format version says so.
TIMELINE_FIELDS = ("case_id", "kind", "actor_id", "actor_kind", "created_at", "from_status", "to_status", "data")
ACCESS_FIELDS = ("case_id", "user_id", "by_member", "action", "detail", "at", "ip_address")


class AppendOnlyError(Exception):
    """An entry of the audit trail was about to be changed, deleted or skipped."""


def genesis(chain: str, case_id: int) -> str:
    return hashlib.sha256(f"{GENESIS_PREFIX}:{chain}:case:{case_id}".encode()).hexdigest()


_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(previous: str, payload: dict) -> str:
    canonical = _CANONICAL_JSON.encode(payload)
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def _canonical(value):
    """The same text for a value before it is written and after it is read back from either database."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):  # as Django stores it (with a warning): in the default time zone
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, str):
        return str(value)  # a TextChoices member is its value
    return value


def _canonical_ip(value):
    if value in (None, ""):
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:  # stored as given (SQLite keeps any text): hashed as given
        return str(value)


def payload_of(chain: str, fields: tuple[str, ...], ip_fields: tuple[str, ...], values: dict) -> dict:
    payload = {"chain": chain}
    for name in fields:
        value = values.get(name)
        payload[name] = _canonical_ip(value) if name in ip_fields else _canonical(value)
    return payload


def entry_payload(model, entry) -> dict:
    """The fields the hash covers, from an instance or from a `values()` row."""
    values = entry if isinstance(entry, dict) else entry.__dict__
    return payload_of(model.audit_chain, model.audit_fields, model.audit_ip_fields, values)


# Append-only in the database ------------------------------------------------------------------------

APPEND_ONLY_TABLES = ("cases_caseevent", "cases_accesslog")
POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION accord_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accord: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$
"""


def _trigger_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [POSTGRESQL_FUNCTION]
        for table in APPEND_ONLY_TABLES:
            statements += [
                f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION accord_audit_append_only()",
                f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION accord_audit_append_only()",
            ]
        return statements
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'accord: {table} is append-only ({operation} refused)'); END"
            for table in APPEND_ONLY_TABLES
            for operation in ("UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"no append-only triggers for {vendor}")


def append_only_triggers_ensure(connection) -> None:
    """Create the triggers where they are missing (migration 0006, and after every `migrate`: on SQLite a
    migration that rebuilds one of these tables drops its triggers with the old table)."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if not set(APPEND_ONLY_TABLES) <= tables:
            return
        for statement in _trigger_statements(connection.vendor):
            cursor.execute(statement, None)  # the function's % are plpgsql's, not placeholders


def append_only_triggers_drop(connection) -> None:
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS accord_audit_append_only()")


# Appending ----------------------------------------------------------------------------------------


def _lock_cases(model, case_ids: list[int], using: str) -> None:
    """Serialise appenders to each case's chain until the transaction ends.

    The timeline takes the case row's lock, which the services already hold (no new lock order);
    the access log is written by reads, which must not wait on the case's writers: a per-case advisory
    lock on PostgreSQL. SQLite's IMMEDIATE transactions (settings) already serialise every writer."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    if model.audit_lock == "case_row":
        case_model = model._meta.get_field("case").related_model
        list(
            case_model._base_manager.using(using)
            .select_for_update()
            .filter(pk__in=case_ids)
            .order_by("pk")
            .values_list("pk")
        )
    else:
        # Every case's lock in one statement (a list of 50 cases is one round trip, not 50), taken in the
        # order of the keys, so two lists of overlapping cases never wait on each other crosswise.
        keys = sorted({case_id % 2_147_483_647 for case_id in case_ids})
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, key) FROM unnest(%s::integer[]) WITH ORDINALITY AS t(key, n) "
                "ORDER BY n",
                [ACCESS_LOCK_KEY, keys],
            )


def _heads(model, case_ids: list[int], using: str) -> dict[int, str]:
    manager = model._base_manager.using(using)
    if len(case_ids) == 1:  # save()'s case: one query on the (case, id) index
        head = manager.filter(case_id=case_ids[0]).order_by("-id").values_list("hash", flat=True).first()
        return {case_ids[0]: head} if head else {}
    last = manager.filter(case_id__in=case_ids).values("case_id").annotate(last=Max("id"))
    return dict(manager.filter(pk__in=[row["last"] for row in last]).values_list("case_id", "hash"))


def chain_prepare(model, entries: list, *, using: str) -> None:
    """Give each new entry its hash, in list order; the caller inserts them in that order, in the same
    transaction (ids then follow the list, and the chain follows the ids)."""
    if not connections[using].in_atomic_block:
        raise AppendOnlyError("chaining needs a transaction: the lock must last until the insert commits")
    case_ids = sorted({entry.case_id for entry in entries})
    _lock_cases(model, case_ids, using)
    heads = _heads(model, case_ids, using)
    for entry in entries:
        if entry.pk is not None:
            raise AppendOnlyError(f"{model.__name__} entries are inserted once, without an id")
        previous = heads.get(entry.case_id) or genesis(model.audit_chain, entry.case_id)
        entry.hash = entry_hash(previous, entry_payload(model, entry))
        heads[entry.case_id] = entry.hash


class ChainedQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise AppendOnlyError("the audit trail is appended to, never skipped or overwritten")
        objs = list(objs)
        with transaction.atomic(using=self.db):
            chain_prepare(self.model, objs, using=self.db)
            return super().bulk_create(objs, *args, **kwargs)


class ChainedEntry(models.Model):
    """An entry of a per-case hash chain: inserted once (save/create/bulk_create chain it), never changed.

    Subclasses set `audit_chain` (its name in the genesis and the payload), `audit_fields` (the
    attnames the hash covers), `audit_ip_fields` and `audit_lock` ("case_row" or "advisory")."""

    audit_chain = ""
    audit_fields: tuple[str, ...] = ()
    audit_ip_fields: tuple[str, ...] = ()
    audit_lock = "case_row"

    hash = models.CharField(max_length=64, editable=False)

    objects = ChainedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            chain_prepare(type(self), [self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


def chained_models() -> list:
    from accord.cases.models import AccessLog, CaseEvent

    return [CaseEvent, AccessLog]


# Verifying ----------------------------------------------------------------------------------------


@dataclass
class Break:
    case_id: int
    chain: str
    entry_id: int | None
    at: datetime | None
    kind: str
    reason: str
    reference: str = ""


@dataclass
class Report:
    cases: set = field(default_factory=set)
    entries: dict = field(default_factory=dict)  # chain -> count
    breaks: list[Break] = field(default_factory=list)
    recorded: int = 0  # heads checked against the last heads file
    recorded_day: str = ""
    notes: list[str] = field(default_factory=list)  # problems with the heads files themselves
    info: list[str] = field(default_factory=list)  # said, but no failure

    @property
    def ok(self) -> bool:
        return not self.breaks and not self.notes


def _time_field(model) -> str:
    return "created_at" if "created_at" in model.audit_fields else "at"


def _kind_field(model) -> str:
    return "kind" if "kind" in model.audit_fields else "action"


def chains_verify(*, heads_dir: Path | None = None, using: str = "default") -> Report:
    """Recompute every chain (streamed, ordered by case then id: no query per case) and check the heads
    recorded in the last heads file of `heads_dir` (default ACCORD_AUDIT_DIR) are still there."""
    report = Report()
    recorded = heads_recorded(heads_dir or heads_directory(), report)
    broken_cases: dict[tuple[str, int], Break] = {}
    for model in chained_models():
        chain = model.audit_chain
        count = 0
        case_id, previous, bad = None, "", False
        rows = (
            model._base_manager.using(using)
            .order_by("case_id", "id")
            .values("id", "hash", *model.audit_fields)
            .iterator(chunk_size=5000)
        )
        for row in rows:
            count += 1
            if row["case_id"] != case_id:
                case_id, previous, bad = row["case_id"], genesis(chain, row["case_id"]), False
                report.cases.add(case_id)
            expected = entry_hash(previous, entry_payload(model, row))
            if not bad and row["hash"] != expected:
                bad = True
                broken_cases[chain, case_id] = Break(
                    case_id, chain, row["id"], row[_time_field(model)], row[_kind_field(model)], "hash does not match"
                )
            record = recorded.pop((chain, row["id"]), None)
            if record is not None and (chain, case_id) not in broken_cases and record != (case_id, row["hash"]):
                broken_cases[chain, case_id] = Break(
                    case_id,
                    chain,
                    row["id"],
                    row[_time_field(model)],
                    row[_kind_field(model)],
                    f"differs from the head recorded on {report.recorded_day}",
                )
            previous = row["hash"]
        report.entries[chain] = count
    for (chain, entry_id), (case_id, _hash) in recorded.items():
        broken_cases.setdefault(
            (chain, case_id),
            Break(case_id, chain, entry_id, None, "", f"head recorded on {report.recorded_day} is missing"),
        )
    report.breaks = sorted(broken_cases.values(), key=lambda b: (b.case_id, b.chain))
    if report.breaks:
        from accord.cases.models import Case

        references = dict(
            Case._base_manager.using(using)
            .filter(pk__in={b.case_id for b in report.breaks})
            .values_list("pk", "reference")
        )
        for b in report.breaks:
            b.reference = references.get(b.case_id, f"case #{b.case_id} (no longer in the database)")
    return report


# Heads, written outside the database --------------------------------------------------------------


def heads_directory() -> Path:
    return Path(settings.ACCORD_AUDIT_DIR)


def heads_current(using: str = "default") -> Iterator[str]:
    """One line per chain, `<chain> <case id> <entry id> <hash>`, sorted; two queries in all."""
    for model in chained_models():
        manager = model._base_manager.using(using)
        last = manager.values("case_id").annotate(last=Max("id")).values("last")
        rows = manager.filter(pk__in=last).order_by("case_id").values_list("case_id", "id", "hash")
        for case_id, entry_id, entry in rows.iterator(chunk_size=5000):
            yield f"{model.audit_chain} {case_id} {entry_id} {entry}"


def _digest(lines: Iterable[str]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for line in lines:
        digest.update(line.encode() + b"\n")
        count += 1
    return count, digest.hexdigest()


def audit_heads_record(*, today: date | None = None, directory: Path | None = None, keep: int = 7) -> dict:
    """Write every chain's head to `<directory>/heads/<day>.txt`, append `<day> <count> <digest>` to
    `<directory>/heads.log` and to the log; keep the last `keep` head lists (the digest lines stay)."""
    day = (today or timezone.localdate()).isoformat()
    directory = directory or heads_directory()
    snapshots = directory / "heads"
    snapshots.mkdir(parents=True, exist_ok=True)
    # One statement per table reads a consistent state; an entry not yet committed is simply not a head yet.
    with transaction.atomic():
        lines = list(heads_current())
    count, digest = _digest(lines)
    temporary = snapshots / f".{day}.txt.tmp"
    temporary.write_text("".join(f"{line}\n" for line in lines))
    temporary.replace(snapshots / f"{day}.txt")
    with open(directory / HEADS_LOG, "a", encoding="utf-8") as log:
        log.write(f"{day} {count} {digest}\n")
    logger.info("audit heads %s: %d chains, digest %s", day, count, digest)
    for old in sorted(snapshots.glob("*.txt"))[:-keep]:
        old.unlink()
    return {"count": count, "digest": digest}


def heads_recorded(directory: Path, report: Report) -> dict[tuple[str, int], tuple[int, str]]:
    """The heads of the last day in `directory/heads.log` whose list is there and matches its digest line.

    The lists are looked up in `directory/heads/`, then in ACCORD_AUDIT_DIR's: a copy of heads.log kept
    elsewhere (`audit_verify --heads`) is enough to vouch for the lists kept here."""
    log = directory / HEADS_LOG
    if not log.exists():
        if directory != heads_directory():
            report.notes.append(f"no {HEADS_LOG} in {directory}")
        return {}
    lines: dict[str, tuple[int, str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].isdigit():
            lines[parts[0]] = (int(parts[1]), parts[2])
    places = [directory / "heads", heads_directory() / "heads"]
    for day in sorted(lines, reverse=True):
        snapshot = next((p / f"{day}.txt" for p in places if (p / f"{day}.txt").exists()), None)
        if snapshot is None:
            report.info.append(f"no heads list for {day} (in {HEADS_LOG}), looking at the day before")
            continue
        text = snapshot.read_text(encoding="utf-8").splitlines()
        if _digest(text) != lines[day]:
            report.notes.append(f"the heads list of {day} does not match its digest line in {log}: it was altered")
            return {}
        report.recorded, report.recorded_day = len(text), day
        heads = {}
        for line in text:
            chain, case_id, entry_id, entry = line.split()
            heads[chain, int(entry_id)] = (int(case_id), entry)
        return heads
    return {}
