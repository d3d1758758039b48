"""A real browser for the tests: Debian's Chromium driven by Playwright's sync API, against `live_server`.

Playwright's own browser download is not used: the tests launch /usr/bin/chromium
(`apt-get install chromium`). Without it the browser tests are skipped with the reason shown,
unless ACCORD_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import override_settings

CHROMIUM = "/usr/bin/chromium"
# As root and without network, Chromium needs these or keeps trying to reach outside hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


def _browser_missing(reason: str):
    if os.environ.get("ACCORD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ACCORD_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_live_server():
    """The live server builds its handler (and SecurityMiddleware reads SECURE_SSL_REDIRECT) once, when
    it starts, before any function-scoped `settings` override: serve it over plain HTTP from the start.
    The same values as conftest's `_test_settings`, which every test already gets."""
    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        yield


@pytest.fixture
def accord_live_server(live_server, background_worker, settings):
    """pytest-django's live server (transactional database), with the links in e-mails pointing at it and a
    background worker beside it (as `make run` does) that sends the e-mails the pages queue."""
    settings.ACCORD_BASE_URL = live_server.url
    return live_server


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium, headless, for one test."""
    if not Path(CHROMIUM).exists():
        _browser_missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements-dev.txt
        _browser_missing("playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
            # The test's ORM calls ran while Playwright's loop was current: their database connections
            # belong to that context and would outlive it (PostgreSQL then refuses to drop the test database).
            connections.close_all()


@pytest.fixture
def csp_violations():
    """What Chromium refused under the Content-Security-Policy, on every page a test opens: must stay empty."""
    violations: list[str] = []
    yield violations
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def watch_csp(page, violations: list[str]) -> None:
    """Chromium reports each refusal as a console error naming the Content Security Policy."""

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)


@pytest.fixture
def new_page(browser, accord_live_server, csp_violations):
    """Open a page in a fresh browser context (its own cookies): one per person in a test.

    Every page is watched for Content-Security-Policy violations; any fails the test at its end."""

    def make(**context_options):
        context = browser.new_context(base_url=accord_live_server.url, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        watch_csp(page, csp_violations)
        return page

    return make


@pytest.fixture
def page(new_page):
    """A browser page on the live server; `page.goto("/nl/complaint/")` opens Accord's pages."""
    return new_page()


def staff_log_in(page, language: str, username: str, password: str, *, on_step=None) -> None:
    """Log in through the pages as a member of staff does: password, then the second factor.

    Someone who owes one and has none sets up the authenticator on the way, reading the key the page
    shows (as a person types it into their app) and keeping the recovery codes; someone enrolled gives
    the code of their authenticator. `on_step(name)` is called on each second-factor page (e.g. to run
    axe on it)."""
    from base64 import b32decode

    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto(f"/{language}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    path = page.url.split("?")[0]
    if path.endswith("/two-factor/enrol/"):
        if on_step:
            on_step("two-factor set-up")
        secret = page.locator("#totp-secret").inner_text().replace(" ", "")
        page.locator("#id_code").fill(f"{totp(b32decode(secret)):06d}")
        page.locator("main button[type=submit]").click()
        page.locator(".recovery-codes").wait_for()
        if on_step:
            on_step("recovery codes")
        page.locator("main a.button").click()
    elif path.endswith("/login/verify/"):
        if on_step:
            on_step("two-factor verification")
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
        page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
