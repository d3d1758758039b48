"""The mediator's queue: filters, search and order."""

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
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


def test_an_accented_search_finds_a_name_written_without_accents(maya, make_case):
    from accord.people.models import Person

    case = make_case(Person.objects.create(name="Luc Lefevre", email="luc.lefevre@example.org"))
    make_case(Person.objects.create(name="Anne Dupont", email="anne.dupont@example.org"))
    assert refs(maya, q="Lefèvre") == {case.reference}
    assert refs(maya, q="LEFÈVRE") == {case.reference}


@pytest.mark.parametrize("typed", ["+32 470 12 34 56", "0470123456", "0470 12 34 56", "+32470123456", "0470/12.34.56"])
def test_a_phone_in_any_common_written_form_finds_the_member(maya, marie, jan, make_case, typed):
    jan.phone = "+32470123456"
    jan.save(update_fields=["phone"])
    found = make_case(jan)
    make_case(marie)
    assert refs(maya, q=typed) == {found.reference}


# ---------------------------------------------------------------------------------------
# Sorting: ?sort=<key> ascending, ?sort=-<key> descending, only the keys of selectors.QUEUE_SORTS.


@pytest.fixture
def sortable(maya, pierre, make_case, billing):
    """Three cases that each column orders differently (in English unless said)."""
    from accord.cases.models import Category, Status
    from accord.people.models import Person

    contracts = Category.objects.create(
        code="contracts-t", name_fr="Contrats", name_nl="Contracten", name_en="Contracts"
    )
    one = make_case(
        Person.objects.create(name="Élise Laurent", email="elise@example.org"),
        subject="Zèbre au guichet",
        channel="phone",
        language="nl",
        category=billing,
    )
    two = make_case(
        Person.objects.create(name="Bart Maes", email="bart@example.org"),
        subject="avance refusée",
        channel="email",
        language="fr",
        category=contracts,
    )
    three = make_case(
        Person.objects.create(name="Zoé Martin", email="zoe@example.org"), subject="Bilan", channel="web", language="en"
    )
    today = timezone.localdate()
    for case, days, status, mediator in [
        (one, 1, Status.ACKNOWLEDGED, pierre),
        (two, 2, Status.RECEIVED, maya),
        (three, 3, Status.INVESTIGATING, None),
    ]:
        Case.objects.filter(pk=case.pk).update(
            next_deadline=today + timedelta(days=days), status=status, assigned_to=mediator
        )
    return {"1": one, "2": two, "3": three}


def ordered(maya, sort, language="en"):
    from django.utils import translation

    with translation.override(language):
        return [c.pk for c in case_queue(user=maya, filters=QueueFilters(sort=sort))]


# key: (ascending, descending); a case without a value (no mediator, no category) is last both ways.
SORTS = {
    "reference": ("123", "321"),
    "complainant": ("213", "312"),  # Bart, Élise, Zoé: accents ignored
    "subject": ("231", "132"),  # avance, Bilan, Zèbre: case ignored
    "status": ("213", "312"),  # in the procedure's order: received, acknowledged, investigating
    "deadline": ("123", "321"),
    "mediator": ("213", "123"),  # Maya Mertens, Pierre Dubois, nobody last
    "category": ("123", "213"),  # Billing, Contracts, none last
    "channel": ("213", "312"),  # E-mail, Phone, Web form: by the label read
    "language": ("321", "123"),  # en, fr, nl
}


@pytest.mark.parametrize("key", SORTS)
def test_every_column_sorts_both_ways(maya, sortable, key):
    ascending, descending = SORTS[key]
    assert ordered(maya, key) == [sortable[n].pk for n in ascending]
    assert ordered(maya, f"-{key}") == [sortable[n].pk for n in descending]


def test_the_category_and_channel_orders_follow_the_language_read(maya, sortable):
    # French: Contrats before Facturation; Courriel (e-mail) before Formulaire web before Téléphone.
    assert ordered(maya, "category", "fr") == [sortable[n].pk for n in "213"]
    assert ordered(maya, "channel", "fr") == [sortable[n].pk for n in "231"]


def test_the_default_order_is_the_most_urgent_deadline_first(maya, sortable):
    assert ordered(maya, "") == ordered(maya, "deadline") == [sortable[n].pk for n in "123"]


@pytest.mark.parametrize("bad", ["password", "-", "--reference", "person__email", "reference;drop", "Reference", " "])
def test_an_unknown_sort_key_gives_the_default_order_without_an_error(client, maya, sortable, bad):
    assert ordered(maya, bad) == ordered(maya, "")
    client.force_login(maya)
    response = client.get(reverse("cases:queue"), {"sort": bad})
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"]] == ordered(maya, "")


def _headers(page: str) -> dict[str, tuple[str | None, str]]:
    """Each column header of the queue: its aria-sort and its link's query."""
    found = {}
    for attrs, href, label in re.findall(r'<th scope="col"([^>]*)><a class="sort" href="\?([^"]*)">([^<]+)', page):
        sort = re.search(r'aria-sort="(\w+)"', attrs)
        found[label.strip()] = (sort[1] if sort else None, html.unescape(href))
    return found


def test_the_sorted_column_says_so_and_its_header_turns_the_order_round(client, maya, sortable):
    client.force_login(maya)
    page = client.get("/en/staff/").content.decode()
    headers = _headers(page)
    assert headers["Next deadline"][0] == "ascending"
    assert [h for h, (sort, _) in headers.items() if sort] == ["Next deadline"]
    assert "sort=-deadline" in headers["Next deadline"][1]
    assert "sort=complainant" in headers["Complainant"][1]

    page = client.get("/en/staff/", {"sort": "-complainant"}).content.decode()
    headers = _headers(page)
    assert headers["Complainant"][0] == "descending" and "▼" in page
    assert [h for h, (sort, _) in headers.items() if sort] == ["Complainant"]
    assert "sort=complainant" in headers["Complainant"][1]
    assert "Cases, sorted by Complainant, descending" in page


def test_the_sort_is_kept_with_the_filters_and_the_pages(client, maya, sortable, settings):
    settings.ACCORD_QUEUE_PAGE_SIZE = 1
    client.force_login(maya)
    page = client.get("/en/staff/", {"sort": "-subject", "status": "all", "language": "", "page": "2"}).content.decode()
    # The header links keep the filters and start again from the first page.
    for _, href in _headers(page).values():
        query = parse_qs(href, keep_blank_values=True)
        assert query["status"] == ["all"] and "page" not in query
    # The pages keep the order and the filters.
    pagination = re.search(r'<nav class="pagination".*?</nav>', page, re.S)[0]
    hrefs = re.findall(r'href="\?([^"]+)"', pagination)
    assert len(hrefs) == 2  # previous and next
    for href in hrefs:
        query = parse_qs(html.unescape(href))
        assert query["sort"] == ["-subject"] and query["status"] == ["all"]
    # The filter form sends the order with the filters.
    assert '<input type="hidden" name="sort" value="-subject">' in page
    # The second page of "-subject" is the second case in that order.
    response = client.get("/en/staff/", {"sort": "-subject", "status": "all", "page": "2"})
    assert [c.pk for c in response.context["page"]] == [sortable["3"].pk]


def test_the_queue_page_makes_the_same_number_of_queries_for_twenty_cases_as_for_two(client, maya, marie, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(maya)
    keys = ["", *SORTS, *(f"-{k}" for k in SORTS)]

    def counts():
        # Once first: the session's first request does its own bookkeeping, and each case listed for the first
        # time starts its access log's chain (one query fewer than extending it).
        client.get("/en/staff/", {"status": "all"})
        found = {}
        for key in keys:
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/en/staff/", {"sort": key, "status": "all"}).status_code == 200
            found[key] = len(queries)
        return found

    for _ in range(2):
        make_case(marie)
    few = counts()
    for _ in range(18):
        make_case(marie)
    Case.objects.filter(pk__in=Case.objects.values("pk")[:6]).update(assigned_to=maya)
    assert counts() == few
