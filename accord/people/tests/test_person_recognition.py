"""A member is one person, however many complaints they file and however fast."""

import pytest
from django.db import connection

from accord.cases.services import complaint_receive
from accord.people.models import Person
from accord.people.services import person_find_or_create
from accord.testing.concurrency import in_threads

THREADS = 6


def test_a_returning_member_is_recognised_by_email_whatever_its_case(db):
    first = person_find_or_create(name="Marie Lambert", email="Marie.Lambert@Example.org")
    again = person_find_or_create(name="M. Lambert", email="marie.lambert@example.org", phone="+32470123456")
    assert again == first and again.phone == "+32470123456" and again.name == "Marie Lambert"


def test_a_returning_member_is_recognised_by_member_number(db):
    first = person_find_or_create(name="Jan Peeters", member_number="M-2001")
    assert person_find_or_create(name="Jan Peeters", email="jan@example.org", member_number="M-2001") == first


@pytest.mark.django_db(transaction=True)
def test_the_same_new_member_filing_twice_at_the_same_instant_is_one_person():
    """Two web processes, or two mailbox pollers, receive the first two complaints of a new member at once."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database fails its locks at once instead of waiting")
    in_threads(
        THREADS,
        lambda index: complaint_receive(
            complainant={"name": "Nouvelle Sociétaire", "email": "nouvelle@example.org", "language": "fr"},
            channel="web",
            subject="Première réclamation",
            description="…",
            language="fr",
        ),
        timeout=60,
    )
    assert Person.objects.filter(email="nouvelle@example.org").count() == 1
    assert Person.objects.get(email="nouvelle@example.org").cases.count() == THREADS
