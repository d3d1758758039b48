"""The directory in Chromium: a mediator narrows the list with the filters, htmx re-rendering it in place; the page
passes axe and has no horizontal scroll on a phone. With ACCORD_SCREENSHOTS=<dir>, it is saved at 1280 and 390 px."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.conftest import PASSWORD
from accord.core.tests.test_accessibility import axe_violations
from accord.demo.directory import directory_load
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser


def tr(language, text):
    with override(language):
        return gettext(text)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_mediator_filters_the_directory_in_place(new_page, maya, language):
    directory_load(today=date(2026, 6, 1))
    page = new_page(viewport={"width": 1280, "height": 900})
    staff_log_in(page, language, "maya", PASSWORD)
    page.goto(f"/{language}/staff/mediation/directory/")
    names = page.get_by_test_id("directory-name")
    expect(names).to_have_count(19)  # the demo's twenty, less the inactive one
    assert axe_violations(page, "directory") == []
    shots = os.environ.get("ACCORD_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/directory-{language}-1280.png")
    filters = page.get_by_role("search", name=tr(language, "Filter the directory"))
    filters.get_by_label(tr(language, "Language"), exact=True).select_option("nl")
    filters.get_by_label(tr(language, "Office"), exact=True).select_option("metz")
    expect(names).to_have_count(1)
    expect(names).to_have_text("Marie-Claire Weber")
    assert "office=metz" in page.url  # pushed, so the filtered list can be linked
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if shots:
        page.screenshot(path=f"{shots}/directory-{language}-390.png", full_page=True)
