"""Headers every page carries: a Content-Security-Policy without inline script, and no-store where data is private."""

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from accord.cases.documents import documents_attach
from accord.cases.links import member_token
from accord.cases.permissions import Actor
from accord.conftest import pdf_upload

ROOT = Path(__file__).resolve().parents[3]
PRIVATE_PREFIXES = (
    "/fr/staff/",
    "/fr/admin/",
    "/fr/accounts/",
    "/fr/my-case/",
    "/fr/department-link/",
    "/fr/complaint/sent/",
    "/api/",
)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fr/", "/nl/complaint/", "/en/accounts/login/"])
def test_pages_carry_a_policy_that_allows_only_our_own_files(client, url):
    policy = _policy(client.get(url))
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]


@pytest.mark.django_db
def test_swagger_ui_gets_its_own_relaxed_styles_but_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"] and "data:" in policy["img-src"]
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "an inline script on the docs page"
    script = re.search(r'<script src="([^"]*script=[^"]*)"', page).group(1).replace("&amp;", "&")
    assert client.get(script)["Content-Type"].startswith("application/javascript")
    # Everywhere else the strict policy holds.
    assert "'unsafe-inline'" not in _policy(client.get("/api/v1/schema/"))["style-src"]


def _templates():
    for pattern in ("accord/*/templates/**/*.html", "accord/templates/**/*.html"):
        for path in ROOT.glob(pattern):
            # E-mails are read in mail programs, where the page's CSP does not apply (and inline styles are the norm).
            if "notifications/email" not in str(path):
                yield path


INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style", re.I),
}


def test_no_template_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in _templates()
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert list(_templates()) and not found, found


def _routes(resolver: URLResolver, prefix: str = ""):
    """Every address of the URLconf, its converters filled with a sample value (regex routes are skipped)."""
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part = "fr/"
        elif isinstance(pattern, RoutePattern):
            part = re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) == "int" else "x", str(pattern))
        else:
            continue
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + part)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + part


def test_every_private_address_of_the_urlconf_answers_no_store(client, db):
    private = [url for url in _routes(get_resolver()) if url.startswith(PRIVATE_PREFIXES)]
    assert len(private) > 20 and "/fr/staff/cases/x/documents/1/" in private
    missing = [url for url in private if "no-store" not in client.get(url).get("Cache-Control", "")]
    assert not missing, missing


@pytest.mark.django_db
def test_staff_pages_downloads_and_the_api_are_never_stored(client, maya, anna, sarah, make_case):
    case = make_case(sarah)
    document = documents_attach(case=case, files=[pdf_upload()], actor=Actor.for_user(maya), shared_with_member=True)[0]
    client.force_login(maya)
    urls = [
        reverse("cases:queue"),
        reverse("cases:detail", kwargs={"reference": case.reference}),
        reverse("cases:document", kwargs={"reference": case.reference, "document_id": document.pk}),
        reverse("notifications:outbox"),
        reverse("mailbox:list"),
        reverse("cases:intake"),
        "/api/v1/cases/",
        f"/api/v1/cases/{case.reference}/",
        "/fr/",  # a public page, but seen logged in: the header names the staff member
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    client.force_login(anna)
    assert "no-store" in client.get("/fr/admin/")["Cache-Control"]


@pytest.mark.django_db
def test_the_members_pages_and_downloads_are_never_stored(client, maya, sarah, make_case):
    case = make_case(sarah)
    document = documents_attach(case=case, files=[pdf_upload()], actor=Actor.for_user(maya), shared_with_member=True)[0]
    token = member_token(case)
    for url in [
        reverse("public:member_case", kwargs={"token": token}),
        reverse("public:member_document", kwargs={"token": token, "document_id": document.pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_the_public_pages_of_an_anonymous_visitor_may_be_cached(client):
    assert "no-store" not in client.get("/fr/").get("Cache-Control", "")
