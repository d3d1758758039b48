"""Benchmark: the mediator's queue with N cases (default 100,000).

Seeds N cases straight into the database (bulk inserts, not the services: this measures
reads), then times full page requests through Django (middleware, session, template) for
the queue's common views. Prints medians and 95th percentiles in milliseconds.

    .venv/bin/python bench/queue_page.py                      # SQLite under /tmp/accord-bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_bench .venv/bin/python bench/queue_page.py
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ACCORD_VAR_DIR", "/tmp/accord-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production's configuration (DEBUG off: cached templates, no query log), on plain HTTP.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789abcdefghij")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accord.accounts.models import Role, User  # noqa: E402
from accord.cases.models import (  # noqa: E402
    OPEN_STATUSES,
    Case,
    Category,
    Channel,
    DeadlineKind,
    OfficeCountry,
    Status,
)
from accord.people.models import Person  # noqa: E402
from accord.testing.auth import Client  # noqa: E402 (its force_login completes the second factor mediators owe)
from accord.worker.tasks import database_analyze  # noqa: E402


def seed(n: int) -> None:
    have = Case.objects.count()
    if have >= n:
        return
    rng = random.Random(42)
    categories = list(Category.objects.all()) or [
        Category.objects.create(code="billing", name_fr="Facturation", name_nl="Facturatie", name_en="Billing")
    ]
    mediators = [
        User.objects.get_or_create(username=f"bench{i}", defaults={"role": Role.MEDIATOR, "first_name": f"Med{i}"})[0]
        for i in range(5)
    ]
    statuses = [s for s in Status.values]
    today = timezone.localdate()
    batch = 5000
    print(f"seeding {n - have} cases...", flush=True)
    for start in range(have, n, batch):
        with transaction.atomic():
            people = Person.objects.bulk_create(
                [
                    Person(
                        name=f"Member {i}",
                        name_folded=f"member {i}",
                        email=f"member{i}@example.org",
                        language=rng.choice(["fr", "fr", "nl", "nl", "en"]),
                    )
                    for i in range(start, min(n, start + batch))
                ]
            )
            cases = []
            for offset, person in enumerate(people):
                i = start + offset
                status = rng.choice(statuses)
                received = timezone.now() - timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 1440))
                open_case = status in OPEN_STATUSES
                cases.append(
                    Case(
                        reference=f"ACC-{received.year}-{i + 1:06d}B",
                        person=person,
                        channel=rng.choice(Channel.values),
                        received_at=received,
                        subject=f"Complaint {i}",
                        description="…",
                        category=rng.choice(categories),
                        language=person.language,
                        office_country=rng.choice(OfficeCountry.values),
                        status=status,
                        assigned_to=rng.choice(mediators + [None]),
                        next_deadline=(today + timedelta(days=rng.randint(-30, 90))) if open_case else None,
                        next_deadline_kind=rng.choice(DeadlineKind.values) if open_case else "",
                    )
                )
            Case.objects.bulk_create(cases)
        print(f"  {min(n, start + batch)}", flush=True)


def measure(client: Client, url: str, runs: int) -> tuple[float, float]:
    client.get(url)  # warm the caches once
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    seed(args.cases)
    # A steady state, not the minute after a bulk load: statistics as the worker's nightly housekeeping
    # keeps them on SQLite, and on PostgreSQL what autovacuum does after a large insert (visibility map
    # for index-only counts, statistics).
    database_analyze()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    mediator = User.objects.filter(role=Role.MEDIATOR).first()
    client = Client()
    client.force_login(mediator)
    category = Category.objects.first()
    views = {
        "queue, open cases, page 1": "/en/staff/",
        "overdue only": "/en/staff/?overdue=1",
        "my cases": "/en/staff/?assignee=me",
        "language nl + category + office BE": f"/en/staff/?language=nl&category={category.pk}&office=BE",
        "all statuses, page 1000": "/en/staff/?status=all&page=1000",
        "search by reference": "/en/staff/?status=all&q=ACC-2026-000123",
        "search by name": "/en/staff/?status=all&q=Member%2099999",
        "sorted by complainant": "/en/staff/?sort=complainant",
        "sorted by mediator, descending": "/en/staff/?sort=-mediator",
        "all statuses by subject, page 100": "/en/staff/?status=all&sort=subject&page=100",
    }
    print(f"\n{connection.vendor}, {Case.objects.count()} cases, {args.runs} runs each (ms)")
    print(f"{'view':40} {'median':>8} {'p95':>8}")
    for name, url in views.items():
        median, p95 = measure(client, url, args.runs)
        print(f"{name:40} {median:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
