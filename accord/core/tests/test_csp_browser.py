"""In a real browser (Debian's Chromium): Accord's pages, htmx and Swagger UI run under the CSP without a refusal.

Every browser test watches for violations (`csp_violations`, accord/testing/browser.py); these open the
pages with the most behaviour and prove that the watch sees a refusal when there is one.
"""

import re

import pytest
from playwright.sync_api import expect

from accord.conftest import PASSWORD
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser


def test_the_watch_sees_an_inline_script_the_policy_refuses(page, csp_violations):
    page.goto("/fr/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                             document.body.appendChild(s); }""")
    expect(page.locator("body")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in v for v in csp_violations), csp_violations
    csp_violations.clear()


def test_the_queue_filters_update_with_htmx_without_a_refusal(page, maya, csp_violations):
    staff_log_in(page, "fr", "maya", PASSWORD)
    expect(page).to_have_url(re.compile(r"/fr/staff/$"))
    with page.expect_response(re.compile(r"/fr/staff/\?")):
        page.locator("form[hx-get] select").first.select_option(index=1)
    # htmx ran (it replaced the table) and injected no style of its own.
    assert page.evaluate("() => document.head.querySelectorAll('style').length") == 0
    assert not csp_violations


def test_swagger_ui_runs_under_its_policy(page, csp_violations):
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert not csp_violations
