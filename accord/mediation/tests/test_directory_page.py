"""The directory's staff page: mediators and administrators look professional mediators up (read-only), filtered
by language, region, office, type and availability, a page at a time, in a constant number of queries; inactive
entries are not listed. Everyone else is refused (the permission matrix has the full table)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accord.mediation.models import AccreditationBody
from accord.mediation.tests.directory_data import mediator_make


def url(page_language="en", **query):
    with translation.override(page_language):
        base = reverse("mediation:directory")
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def names(html: str) -> list[str]:
    return re.findall(r'data-testid="directory-name">([^<]+)<', html)


@pytest.fixture
def directory(db):
    return {
        "annelies": mediator_make(regions=["be-vov"], offices=["gent"], cooperative_member=True),
        "luc": mediator_make(
            first_name="Luc",
            last_name="Dumont",
            accreditation_number="CFM-T-0202",
            type_civil_commercial=False,
            type_family=False,
            type_social=True,
            speaks_nl=False,
            language="fr",
            regions=["be-wlg", "be-bru"],
            offices=["liege", "brussels"],
            accepting_new_cases=False,
        ),
        "claire": mediator_make(
            first_name="Claire",
            last_name="Fabre",
            accreditation_body=AccreditationBody.FR_COURT,
            court_of_appeal="paris",
            accreditation_number="CA-PARIS-2025-007",
            speaks_nl=False,
            speaks_en=True,
            language="fr",
            phone="01 45 55 01 01",
            regions=["fr-idf"],
            offices=["paris"],
            hourly_rate="120.00",
            vat_rate="20",
            fees_include_vat=True,
        ),
        "gone": mediator_make(first_name="Paul", last_name="Ancien", accreditation_number="CFM-T-0303", active=False),
    }


def test_a_mediator_reads_the_directory_with_everything_needed_to_call_on_someone(client, maya, directory):
    client.force_login(maya)
    html = client.get(url()).content.decode()
    assert names(html) == ["Luc Dumont", "Claire Fabre", "Annelies Verhoeven"], "active entries, by last name"
    assert "CA-PARIS-2025-007" in html and "Court of appeal of Paris" in html
    assert "Federal Mediation Commission (Belgium)" in html and "No. CFM-T-0101" in html
    assert "Civil and commercial, family" in html and "French, Dutch" in html, "in words, in the page's language"
    assert "100.00 EUR excluding VAT" in html and "121.00 EUR including VAT" in html
    assert "100.00 EUR excluding VAT · 120.00 EUR including VAT" in html, "quoted with VAT: both amounts still"
    assert 'href="mailto:a.verhoeven@mediation.example.org"' in html and 'href="tel:+3292550101"' in html
    assert "+32 9 255 01 01" in html, "the phone as people write it"
    assert "Member of the cooperative" in html and "Not accepting new cases" in html
    assert "East Flanders" in html and "Ghent" in html
    main = html.split('<main id="main"', 1)[1]
    assert "<form" in main and 'method="post"' not in main, "read-only: nothing to post"


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"language": "nl"}, ["Annelies Verhoeven"]),
        ({"language": "en"}, ["Claire Fabre"]),
        ({"region": "be-bru"}, ["Luc Dumont"]),
        ({"office": "paris"}, ["Claire Fabre"]),
        ({"type": "social"}, ["Luc Dumont"]),
        ({"type": "family"}, ["Claire Fabre", "Annelies Verhoeven"]),
        ({"accepting": "1"}, ["Claire Fabre", "Annelies Verhoeven"]),
        ({"language": "fr", "office": "liege", "accepting": "1"}, []),
        ({"region": "nowhere"}, []),
        ({"language": "de"}, ["Luc Dumont", "Claire Fabre", "Annelies Verhoeven"]),
    ],
)
def test_the_filters_narrow_the_list(client, maya, directory, query, expected):
    client.force_login(maya)
    assert names(client.get(url(**query)).content.decode()) == expected


def test_htmx_gets_the_list_alone(client, maya, directory):
    client.force_login(maya)
    html = client.get(url(type="social"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and names(html) == ["Luc Dumont"]


def test_the_page_is_in_the_readers_language(client, maya, directory):
    client.force_login(maya)
    html = client.get(url("nl")).content.decode()
    assert "Federale Bemiddelingscommissie" in html and "Oost-Vlaanderen" in html and "Hof van beroep" in html
    assert "100,00 EUR" in html and "Frans, Nederlands" in html


def test_pages_of_the_directory_take_the_same_few_queries_however_long_it_is(client, anna, settings, db):
    client.force_login(anna)
    settings.ACCORD_DIRECTORY_PAGE_SIZE = 10

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url()).status_code == 200
        return len(captured)

    mediator_make(regions=["be-vov"], offices=["gent"])
    client.get(url())  # the session's first request writes it (last activity): not the page's work
    few = queries()
    assert few <= 9
    for i in range(24):
        mediator_make(accreditation_number=f"CFM-T-1{i:03d}", regions=["be-vov", "be-bru"], offices=["gent", "liege"])
    assert queries() == few
    second = client.get(url(page=3)).content.decode()
    assert len(names(second)) == 5 and "Page 3 of 3" in second


@pytest.mark.parametrize("persona", ["ilse", "bruno"])
def test_intake_staff_are_refused(client, request, db, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url()).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    page = client.get(url())
    assert page.status_code == 302 and page["Location"].startswith("/en/accounts/login/")
