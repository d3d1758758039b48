"""The intake form in Chromium: the same phone complaint recorded twice is caught, in each language, at a
phone's width (issue 7, "Mistakes seen while using it")."""

import os
from pathlib import Path

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.cases.models import Case
from accord.conftest import PASSWORD
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def _record(page, language):
    page.goto(f"/{language}/staff/record/")
    page.locator("#id_channel").select_option("phone")
    page.locator("#id_name").fill("Luc Lefèvre")
    page.locator("#id_phone").fill("0471 23 45 67")
    page.locator("#id_subject").fill("Conseiller injoignable")
    page.locator("#id_description").fill("M. Lefèvre n'arrive pas à joindre son conseiller depuis trois semaines.")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_same_phone_complaint_recorded_twice_is_caught_then_recorded_on_confirmation(new_page, ilse, language):
    page = new_page(viewport={"width": 390, "height": 844})
    staff_log_in(page, language, "ilse", PASSWORD)
    _record(page, language)
    first = Case.objects.get()
    expect(page.get_by_text(first.reference).first).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text=first.reference)).to_have_count(0)

    _record(page, language)
    warning = page.get_by_role("alert").filter(has_text=first.reference)
    expect(warning.first).to_be_visible()
    if shots := os.environ.get("ACCORD_SCREENSHOTS"):
        page.screenshot(path=str(Path(shots) / f"intake-duplicate-{language}.png"), full_page=True)
    assert Case.objects.count() == 1

    page.get_by_label(tr(language, "This is another complaint, not the same one again: record it.")).check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert Case.objects.count() == 2
