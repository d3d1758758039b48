"""Benchmark: `audit_verify` and the housekeeping's heads record with N cases (default 100,000).

Seeds N cases (bench/queue_page.py's seed) and, for each, `--events` timeline entries and `--reads`
access-log entries through the models' chained bulk_create, then times one full verification and one
heads record. Prints seconds and entries per second.

    .venv/bin/python bench/audit_verify.py                      # SQLite under /tmp/accord-bench-audit
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_bench_audit .venv/bin/python bench/audit_verify.py
"""

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ACCORD_VAR_DIR", "/tmp/accord-bench-audit")

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from queue_page import seed  # noqa: E402 (sets Django up, production's configuration)

from accord.cases.audit import audit_heads_record  # noqa: E402
from accord.cases.models import AccessLog, Case, CaseEvent, EventKind  # noqa: E402
from accord.worker.tasks import database_analyze  # noqa: E402


def seed_trail(events: int, reads: int) -> None:
    done = set(CaseEvent.objects.values_list("case_id", flat=True).distinct())
    todo = list(Case.objects.exclude(pk__in=done).order_by("pk").values_list("pk", flat=True)) if not done else []
    if not todo:
        return
    print(f"seeding the trail of {len(todo)} cases...", flush=True)
    now = timezone.now()
    for start in range(0, len(todo), 2000):
        ids = todo[start : start + 2000]
        with transaction.atomic():
            CaseEvent.objects.bulk_create(
                CaseEvent(case_id=i, kind=EventKind.NOTE, actor_kind="system", created_at=now, data={"n": n})
                for i in ids
                for n in range(events)
            )
            AccessLog.objects.bulk_create(
                AccessLog(case_id=i, action="case_view", detail="bench", at=now) for i in ids for _ in range(reads)
            )
        print(f"  {start + len(ids)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--reads", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed(args.cases)
    seed_trail(args.events, args.reads)
    database_analyze()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    entries = CaseEvent.objects.count() + AccessLog.objects.count()
    t0 = time.perf_counter()
    heads = audit_heads_record()
    recorded = time.perf_counter() - t0
    out = StringIO()
    t0 = time.perf_counter()
    call_command("audit_verify", stdout=out)
    verified = time.perf_counter() - t0
    print(f"\n{connection.vendor}, {Case.objects.count()} cases, {entries} entries")
    print(f"heads record: {recorded:.1f} s ({heads['count']} heads)")
    print(f"audit_verify: {verified:.1f} s ({entries / verified:,.0f} entries/s): {out.getvalue().strip()}")


if __name__ == "__main__":
    main()
