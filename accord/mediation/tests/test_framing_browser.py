"""The framing aid in Chromium: a mediator types a purpose, htmx shows the findings beside it without a page
load, a reworded purpose clears them; the page passes axe and has no horizontal scroll on a phone.
With ACCORD_SCREENSHOTS=<dir>, the page is saved at 1280 and 390 px wide in fr, nl and en."""

import os
from pathlib import Path

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.conftest import PASSWORD
from accord.core.tests.test_accessibility import axe_violations
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser

TEXTS = {
    "fr": "Le service aurait dû rembourser : sinon, le sociétaire ira au tribunal et l’agence va perdre.",
    "nl": "De dienst had moeten terugbetalen, anders stapt de vennoot naar de rechtbank en verliest het kantoor.",
    "en": "The department should have refunded; otherwise the member goes to court and the office will lose.",
}
GOOD = {
    "fr": "S’assurer que le sociétaire et l’agence puissent continuer à travailler ensemble.",
    "nl": "Ervoor zorgen dat de vennoot en het kantoor goed kunnen blijven samenwerken.",
    "en": "Make sure the member and the office can keep working well together.",
}


def tr(language, text):
    with override(language):
        return gettext(text)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_mediator_sees_findings_appear_beside_the_text_as_they_type(new_page, maya, language):
    page = new_page(viewport={"width": 1280, "height": 900})
    staff_log_in(page, language, "maya", PASSWORD)
    page.goto(f"/{language}/staff/mediation/framing/")
    findings = page.get_by_test_id("framing-findings")
    expect(findings).to_contain_text(
        tr(language, "Nothing to review yet: write the text and the aid reviews it as you type.")
    )
    url = page.url
    page.get_by_label(tr(language, "Purpose of the mediation")).fill(TEXTS[language])
    expect(findings.locator("[data-code=past_focus]")).to_be_visible()
    for code in ("cost_of_conflict", "winners_losers", "no_future_goal"):
        expect(findings.locator(f"[data-code={code}]").first).to_be_visible()
    assert page.url == url  # htmx re-rendered the findings alone
    # Beside the text on a wide screen: the findings start to the right of the textarea.
    text_box = page.get_by_label(tr(language, "Purpose of the mediation")).bounding_box()
    assert findings.bounding_box()["x"] >= text_box["x"] + text_box["width"]
    assert axe_violations(page, "framing aid") == []
    shots = os.environ.get("ACCORD_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/framing-{language}-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{shots}/framing-{language}-390.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_label(tr(language, "Purpose of the mediation")).fill(GOOD[language])
    expect(findings).to_contain_text(
        tr(language, "Nothing to point out: no winners or losers, no culprit, turned to the future.")
    )
    expect(findings.locator("[data-code]")).to_have_count(0)
