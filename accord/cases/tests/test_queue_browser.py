"""The mediator's queue in Chromium (issue 7, "Mistakes seen while using it"): dense enough that 15 cases show
on a 1280x720 screen, sortable by its headers, and on a phone its filters folded under the search.

`ACCORD_SCREENSHOTS=/some/dir` saves the pages as PNG (queue-<language>.png, queue-phone-<language>.png).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.cases.models import Case, Category, Channel
from accord.cases.permissions import Actor
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import PASSWORD
from accord.people.models import Person
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 720}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# Twenty cases as a mediator's queue holds them: names with accents, long and short subjects in three
# languages, long category and channel names, some overdue, one flagged, one without a mediator.
CASES = [
    ("Chloé Marchal", "fr", "Question sur mon contrat avec Théâtre de la Balsamine", "contracts", Channel.EMAIL, 120),
    ("Fatou Diallo", "fr", "Contrat encodé avec un mauvais taux horaire", "contracts", Channel.EMAIL, 100),
    ("Marthe Aerts", "nl", "Kan geen factuur maken op het platform", "platform", Channel.ETHICS, 95),
    ("Élise Laurent", "fr", "Erreur sur ma fiche de paie d'octobre", "salary", Channel.OFFICE, 30),
    (
        "Claire Fontaine",
        "fr",
        "Question sur mon contrat avec la Ville de Lille",
        "contracts",
        Channel.COMMUNICATION,
        28,
    ),
    ("Jan Peeters", "nl", "Onkostennota geweigerd zonder uitleg", "expenses", Channel.WEB, 25),
    ("Sarah Smith", "en", "Late refund of my membership shares", "shares", Channel.WEB, 20),
    ("Luc Lefèvre", "fr", "Conseiller injoignable depuis trois semaines", "counsellor", Channel.PHONE, 18),
    ("Hanne Wouters", "nl", "Verzekering dekt mijn materiaal niet", "insurance", Channel.LETTER, 15),
    (
        "Karim Benali",
        "fr",
        "Facture de mars payée deux fois et jamais remboursée malgré trois relances",
        "invoicing",
        Channel.BILLING,
        12,
    ),
    ("Sofie De Smet", "nl", "Loonfiche van september ontbreekt", "salary", Channel.EMAIL, 10),
    ("Oliver Brown", "en", "Cannot log in to the member platform", "platform", Channel.WEB, 9),
    ("Amélie Rousseau", "fr", "Note de frais refusée pour un déplacement à Namur", "expenses", Channel.COUNSELLOR, 8),
    ("Pieter Janssens", "nl", "Contract niet verlengd", "contracts", Channel.PHONE, 7),
    ("Nathalie Dubois", "fr", "Parts sociales non remboursées après mon départ", "shares", Channel.WEB, 6),
    ("Thomas Maes", "nl", "Factuur met verkeerd btw-tarief", "invoicing", Channel.SOCIAL, 5),
    ("Inès Garcia", "fr", "Assurance responsabilité civile refusée", "insurance", Channel.EMAIL, 4),
    ("Emma Wilson", "en", "My counsellor has left and nobody follows my file", "counsellor", Channel.WEB, 3),
    ("Bart Vermeulen", "nl", "Andere vraag over mijn dossier", "other", Channel.WEB, 2),
    ("Zoé Martin", "fr", "Réclamation", "other", Channel.WEB, 1),
]
CATEGORIES = {
    "invoicing": ("Facturation et paiement des factures", "Facturatie en betaling van facturen",
                  "Invoicing and payment of invoices"),
    "expenses": ("Frais et notes de frais refusées", "Onkosten en geweigerde onkostennota's",
                 "Expenses and refused expense claims"),
    "salary": ("Salaire et fiches de paie", "Loon en loonfiches", "Salary and payslips"),
    "contracts": ("Contrats", "Contracten", "Contracts"),
    "shares": ("Parts sociales", "Coöperatieve aandelen", "Membership shares"),
    "platform": ("Plateforme membres et outils en ligne", "Ledenplatform en online tools",
                 "Member platform and online tools"),
    "counsellor": ("Suivi par le conseiller ou la conseillère", "Opvolging door de adviseur", "Counsellor follow-up"),
    "insurance": ("Assurances", "Verzekeringen", "Insurance"),
    "other": ("Autre", "Andere", "Other"),
}  # fmt: skip


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def shot(page, name: str) -> None:
    if directory := os.environ.get("ACCORD_SCREENSHOTS"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"))


@pytest.fixture
def twenty_cases(make_case, maya, pierre):
    categories = {
        code: Category.objects.get_or_create(code=code, defaults={"name_fr": fr, "name_nl": nl, "name_en": en})[0]
        for code, (fr, nl, en) in CATEGORIES.items()
    }
    cases = []
    for i, (name, language, subject, category, channel, days) in enumerate(CASES):
        slug = name.lower().replace(" ", ".").encode("ascii", "ignore").decode()
        person = Person.objects.create(name=name, email=f"{slug}@example.org", language=language)
        case = make_case(
            person,
            channel=channel,
            subject=subject,
            category=categories[category],
            received_at=timezone.now() - timedelta(days=days),
        )
        # Statuses as a working queue has them: received, acknowledged, under investigation.
        for step in [[], ["acknowledge"], ["acknowledge", "accept"]][i % 3]:
            case_transition(case=case, name=step, actor=Actor.for_user(maya), data=StepInput())
        mediator = [maya, pierre, None][i % 3]
        Case.objects.filter(pk=case.pk).update(assigned_to=mediator, escalated_at=timezone.now() if i == 0 else None)
        cases.append(case)
    return cases


def rows_fully_visible(page) -> int:
    """The queue's rows wholly inside the viewport as it is (no scrolling)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#queue-table tbody tr')].filter(row => {
               const box = row.getBoundingClientRect();
               return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight
                      && box.left >= 0 && box.right <= window.innerWidth;
           }).length"""
    )


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_mediator_sees_fifteen_cases_on_a_1280_by_720_screen_without_scrolling(
    new_page, maya, twenty_cases, language
):
    page = new_page(**DESKTOP)
    staff_log_in(page, language, "maya", PASSWORD)
    expect(page).to_have_url(re.compile(rf"/{language}/staff/$"))
    expect(page.locator("#queue-table tbody tr")).to_have_count(20)
    # The filters are open on a wide screen.
    expect(page.get_by_role("combobox", name=tr(language, "Status"), exact=True)).to_be_visible()
    shot(page, f"queue-{language}")
    assert page.evaluate("() => window.scrollY") == 0
    assert rows_fully_visible(page) >= 15
    # Nothing wider than the screen: the rows fit without the table's own sideways scroll.
    region = page.get_by_role("region", name=tr(language, "Cases, the next deadline first"))
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")


def test_a_header_sorts_the_queue_and_says_so(new_page, maya, twenty_cases):
    page = new_page(**DESKTOP)
    staff_log_in(page, "en", "maya", PASSWORD)
    deadline = page.get_by_role("columnheader", name=re.compile("Next deadline"))
    expect(deadline).to_have_attribute("aria-sort", "ascending")
    page.get_by_role("link", name=re.compile("^Complainant")).click()
    expect(page).to_have_url(re.compile(r"sort=complainant"))
    header = page.get_by_role("columnheader", name=re.compile("Complainant"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(deadline).not_to_have_attribute("aria-sort", re.compile("."))
    first = page.locator("#queue-table tbody tr").first
    expect(first).to_contain_text("Amélie Rousseau")  # accents do not send Amélie and Élise after Zoé
    page.get_by_role("link", name=re.compile("^Complainant")).click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator("#queue-table tbody tr").first).to_contain_text("Zoé Martin")
    # A filter keeps the order.
    page.get_by_role("combobox", name="Language", exact=True).select_option("nl")
    expect(page.locator("#queue-table tbody tr").first).to_contain_text("Thomas Maes")
    expect(page).to_have_url(re.compile(r"sort=-complainant"))


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_on_a_phone_the_filters_are_folded_and_the_table_is_still_usable(new_page, maya, twenty_cases, language):
    page = new_page(**PHONE)
    staff_log_in(page, language, "maya", PASSWORD)
    expect(page).to_have_url(re.compile(rf"/{language}/staff/$"))
    status = page.get_by_role("combobox", name=tr(language, "Status"), exact=True)
    expect(status).to_be_hidden()
    expect(page.locator("details.filters-more")).not_to_have_attribute("open", re.compile(".*"))
    # What stays on screen: the search, the folded filters' summary, the table's first rows.
    expect(page.get_by_role("searchbox")).to_be_in_viewport()
    summary = page.locator("details.filters-more > summary")
    expect(summary).to_be_in_viewport()
    first = twenty_cases[0]
    link = page.get_by_role("link", name=first.reference)
    expect(link).to_be_in_viewport()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("() => window.innerWidth") == PHONE["viewport"]["width"]  # not zoomed out
    shot(page, f"queue-phone-{language}")

    summary.tap()
    expect(status).to_be_visible()
    # Open, the filters fit the phone's width too (a mobile browser would otherwise zoom the page out).
    rights = page.evaluate(
        "() => [...document.querySelectorAll('form.filters *')].map(e => e.getBoundingClientRect().right)"
    )
    assert max(rights) <= PHONE["viewport"]["width"], max(rights)
    with page.expect_response(re.compile(r"/staff/\?")):
        page.get_by_role("combobox", name=tr(language, "Language"), exact=True).select_option("en")
    expect(page.locator("#queue-table tbody tr")).to_have_count(3)
    shot(page, f"queue-phone-open-{language}")
    page.get_by_role("link", name=re.compile(tr(language, "Reference"))).tap()
    expect(page).to_have_url(re.compile(r"sort=reference"))
    expect(page.locator("#queue-table tbody tr")).to_have_count(3)  # the filter is kept with the order
    page.locator("#queue-table tbody tr").first.get_by_role("link").tap()
    expect(page).to_have_url(re.compile(rf"/{language}/staff/cases/ACC-"))
