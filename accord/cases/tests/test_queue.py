"""The mediator's queue: filters, search and order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.cases.models import Case
from accord.cases.selectors import QueueFilters, case_queue


@pytest.fixture
def three_cases(marie, jan, sarah, make_case):
    return [
        make_case(marie, subject="Facture payée en retard"),
        make_case(jan, subject="Onkostennota geweigerd", language="nl", office_country="BE"),
        make_case(sarah, subject="Share refund", language="en", office_country="FR"),
    ]


def refs(maya, **filters):
    return {c.reference for c in case_queue(user=maya, filters=QueueFilters(**filters))}


@pytest.mark.parametrize(
    "query, who",
    [
        ("lambert", "marie"),  # part of a name, any case
        ("MARIE.LAMBERT@example.org", "marie"),  # e-mail, any case
        ("M-10001", "marie"),  # member number
        ("onkosten", "jan"),  # part of a subject
        ("refund", "sarah"),
    ],
)
def test_search_finds_a_member_by_name_email_member_number_or_subject(maya, three_cases, query, who):
    expected = {c.reference for c in three_cases if c.person.name.lower().startswith(who)}
    assert refs(maya, status="all", q=query) == expected


def test_search_by_reference_in_any_form(maya, three_cases):
    case = three_cases[1]
    year, number = case.reference.split("-")[1:]
    for query in (case.reference, case.reference.lower(), f"{year}-{int(number)}", str(int(number))):
        assert refs(maya, status="all", q=query) == {case.reference}, query


def test_queue_puts_the_nearest_deadline_first_and_cases_without_one_last(maya, marie, make_case):
    older = make_case(marie, received_at=timezone.now() - timedelta(days=10))
    newer = make_case(marie)
    waiting = make_case(marie)
    Case.objects.filter(pk=waiting.pk).update(next_deadline=None, paused_since=timezone.now())
    order = [c.pk for c in case_queue(user=maya, filters=QueueFilters())]
    assert order == [older.pk, newer.pk, waiting.pk]


def test_filters_by_language_office_and_channel(maya, three_cases):
    assert refs(maya, language="nl") == {three_cases[1].reference}
    assert refs(maya, office="FR") == {three_cases[2].reference}
    assert refs(maya, channel="phone") == set()


@pytest.mark.parametrize(
    "typed", ["0471 23 45 67", "+32 471 23 45 67", "0471/23.45.67", "+32471234567", "00 33 6 12 34 56 78"]
)
def test_the_queue_finds_a_member_by_phone_however_it_is_typed(maya, jan, sarah, make_case, typed):
    jan.phone = "+32471234567"
    jan.save(update_fields=["phone"])
    sarah.phone = "+33612345678"
    sarah.save(update_fields=["phone"])
    belgian = make_case(jan, subject="Onkostennota geweigerd", language="nl")
    french = make_case(sarah, subject="Share refund", language="en")
    expected = french if "33" in typed[:6] else belgian
    assert refs(maya, q=typed) == {expected.reference}


def test_a_phone_like_search_that_is_no_number_finds_nothing_and_does_not_fail(maya, three_cases):
    assert refs(maya, q="0000 00 00 00") == set()


@pytest.mark.parametrize("typed", ["lefevre", "LEFÈVRE", "Lefèvre", "lefèv", "efe"])
def test_the_queue_search_ignores_accents_and_case(maya, make_case, typed):
    from accord.people.models import Person

    luc = Person.objects.create(name="Luc Lefèvre", email="luc.lefevre@example.org")
    other = Person.objects.create(name="Anne Dupont", email="anne.dupont@example.org")
    case = make_case(luc)
    make_case(other)
    assert refs(maya, q=typed) == {case.reference}


def test_a_renamed_person_is_found_by_the_new_name(maya, make_case, marie):
    case = make_case(marie)
    marie.name = "Marie Müller"
    marie.save(update_fields=["name"])
    assert refs(maya, q="muller") == {case.reference}
    assert refs(maya, q="lambert") == set()
