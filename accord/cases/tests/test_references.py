"""Case references: ACC-YYYY-NNNNNN, one sequence per year of the received date, never shared."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from accord.cases.models import Case
from accord.cases.services import case_create
from accord.people.models import Person
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_references_are_sequential_per_year_of_the_received_date(make_case, marie):
    cases = [
        make_case(marie, received_at=datetime(2024, 3, 1, 10, tzinfo=BRUSSELS)),
        make_case(marie, received_at=datetime(2025, 1, 2, 10, tzinfo=BRUSSELS)),
        make_case(marie, received_at=datetime(2024, 11, 30, 10, tzinfo=BRUSSELS)),  # recorded late, still 2024
        make_case(marie, received_at=datetime(2025, 2, 2, 10, tzinfo=BRUSSELS)),
        make_case(marie, received_at=datetime(2024, 6, 1, 10, tzinfo=BRUSSELS)),
    ]
    assert [c.reference for c in cases] == [
        "ACC-2024-000001",
        "ACC-2025-000001",
        "ACC-2024-000002",
        "ACC-2025-000002",
        "ACC-2024-000003",
    ]
    assert all(re.fullmatch(r"ACC-\d{4}-\d{6}", c.reference) for c in cases)


def test_the_year_is_the_year_in_brussels(make_case, marie):
    # 23:30 UTC on 31 December is already New Year's Day in Brussels.
    case = make_case(marie, received_at=datetime(2024, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert case.reference == "ACC-2025-000001"
    case = make_case(marie, received_at=datetime(2024, 12, 31, 22, 30, tzinfo=ZoneInfo("UTC")))
    assert case.reference == "ACC-2024-000001"


def test_a_failed_creation_does_not_burn_a_number(make_case, marie, settings):
    from accord.conftest import pdf_upload
    from accord.core.errors import ValidationFailed

    first = make_case(marie)
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationFailed):
        make_case(marie, attachments=[pdf_upload()])
    settings.ACCORD_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    second = make_case(marie)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1


THREADS = 8
PER_THREAD = 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_gives_unique_references_without_gaps():
    """Several web processes record complaints at the same moment, the first ones of a new year included."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's in-memory test database uses a shared cache, whose table locks fail at once "
            "(SQLITE_LOCKED) instead of waiting: run with a file database or PostgreSQL"
        )
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    received_at = datetime(2019, 5, 4, 10, tzinfo=BRUSSELS)  # the first cases of their year

    def work(index):
        for _ in range(PER_THREAD):
            case_create(
                person=person,
                channel="web",
                subject="Concurrent",
                description="Concurrent",
                language="fr",
                received_at=received_at,
            )

    in_threads(THREADS, work, timeout=60)
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == THREADS * PER_THREAD
    assert sorted(references) == [f"ACC-2019-{n:06d}" for n in range(1, THREADS * PER_THREAD + 1)]
