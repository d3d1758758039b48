"""A member is one person, however many complaints they file and however fast."""

import pytest
from django.db import connection

from accord.cases.services import complaint_receive
from accord.people.models import Person
from accord.people.services import person_recognise
from accord.testing.concurrency import in_threads

THREADS = 6


def test_a_returning_member_is_recognised_by_email_whatever_its_case(db):
    first = person_recognise(name="Marie Lambert", email="Marie.Lambert@Example.org").person
    again = person_recognise(name="M. Lambert", email="marie.lambert@example.org", phone="+32470123456")
    assert again.person == first and not again.created and not again.claims
    # Nothing given with a complaint changes a record: the new phone is kept as given, not written.
    first.refresh_from_db()
    assert (first.name, first.phone) == ("Marie Lambert", "")
    assert again.given["phone"] == "+32470123456"


def test_a_member_number_proves_nothing_it_is_a_claim_on_its_record(db):
    first = person_recognise(name="Jan Peeters", member_number="M-2001").person
    other = person_recognise(name="J. P.", email="jan@example.org", member_number="M-2001")
    assert other.created and other.person != first and other.person.member_number == ""
    assert [(c.field, c.value, c.person) for c in other.claims] == [("member_number", "M-2001", first)]


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
