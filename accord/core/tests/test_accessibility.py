"""Accessibility and phone use, in a real browser (Debian's Chromium) against the live server.

- axe-core (shipped inside the `axe-playwright-python` wheel, injected into the page: nothing is
  fetched at run time) checks every page against the WCAG 2.1 A and AA rules and the structural
  best practices (one h1, headings in order, unique landmarks), in French, Dutch
  and English for the member-facing pages, with every <details> opened so the step forms are
  checked too.
- A member fills and sends the complaint form with the keyboard alone, and sees where the focus is.
- On a 375 px wide phone the public form, the member's page, the queue and the case page have no
  horizontal scroll and their main actions are on screen.
"""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from accord.cases import services
from accord.cases.links import member_token
from accord.cases.models import Status
from accord.cases.permissions import Actor
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import PASSWORD, pdf_upload
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "nl", "en")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beyond WCAG's own rules, axe's structural best practices: one h1, headings in order, one main/banner/contentinfo,
# every landmark named apart, all content inside a landmark, a working skip link.
STRUCTURE = [
    "page-has-heading-one",
    "heading-order",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-unique",
    "region",
    "skip-link",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "rules": {rule: {"enabled": True} for rule in STRUCTURE},
    "resultTypes": ["violations", "incomplete"],
}
# "Needs review" for axe, but never right here: ARIA pointing at missing ids (help texts, errors), the same id
# on two fields, two labels for one field, aria-label on an element that may not have one.
REVIEW_AS_VIOLATION = {
    "aria-valid-attr-value",
    "duplicate-id-aria",
    "form-field-multiple-labels",
    "aria-prohibited-attr",
}
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

_axe = Axe()


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def axe_violations(page: Page, name: str) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now, as readable lines (empty: none).

    Some of axe's "needs review" results are certain on these pages and count as violations too
    (REVIEW_AS_VIOLATION); the rest (e.g. contrast axe cannot compute) are left to a person.
    """
    # What a person can open is checked too: the step forms, the withdrawal, the notes.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    response = _axe.run(page, options=AXE_OPTIONS).response
    found = response["violations"] + [r for r in response["incomplete"] if r["id"] in REVIEW_AS_VIOLATION]
    lines = []
    for violation in found:
        lines.append(f"[{name}] {page.url}\n  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            messages = [c["message"] for c in node.get("any", []) + node.get("all", []) + node.get("none", [])]
            lines.append(f"    - {', '.join(node['target'])}: {node['html'][:160]}")
            lines.extend(f"        {m}" for m in messages[:3])
    return lines


def assert_accessible(results: list[str]) -> None:
    assert not results, "axe found accessibility violations:\n" + "\n".join(results)


def log_in(page: Page, language: str, username: str, results: list[str] | None = None) -> None:
    """Password and second factor through the pages; with `results`, axe checks the second-factor pages."""

    def check(step):
        results.extend(axe_violations(page, f"{step} {language}"))

    staff_log_in(page, language, username, PASSWORD, on_step=check if results is not None else None)
    expect(page).to_have_url(re.compile(rf"/{language}/staff/$"))


def fill_complaint(page: Page, language: str, *, name: str) -> None:
    with override(language):
        page.get_by_label(gettext("Full name")).fill(name)
        page.get_by_label(gettext("E-mail")).fill("marie.lambert@example.org")
        page.get_by_label(gettext("In a few words")).fill("Facture payée en retard")
        page.get_by_label(gettext("Your complaint")).fill("Ma facture de mars a été payée avec six semaines de retard.")
        page.get_by_label(
            gettext("I agree that Accord processes this information to handle my complaint, confidentially.")
        ).check()


@pytest.fixture
def member_case(make_case, marie, maya, billing):
    """A case with the member's document, a question, the member's answer with a document, and a decision."""
    case = make_case(marie, category=billing, attachments=[pdf_upload("facture-mars.pdf")])
    mediator = Actor.for_user(maya)
    case_transition(case=case, name="acknowledge", actor=mediator)
    case_transition(case=case, name="accept", actor=mediator)
    case_transition(
        case=case, name="ask_member", actor=mediator, data=StepInput(message="Avez-vous la preuve du paiement ?")
    )
    case.refresh_from_db()
    services.member_message_add(case=case, body="La voici.", attachments=[pdf_upload("preuve.pdf")])
    case.refresh_from_db()
    services.outcome_deadline_extend(case=case, user=maya, days=15, reason="Le service financier doit vérifier.")
    services.note_add(
        case=case, user=maya, body="Appeler la direction financière.", attachments=[pdf_upload("note.pdf")]
    )
    case.refresh_from_db()
    return case


def test_member_facing_pages_pass_axe_in_every_language(page, member_case, billing):
    results: list[str] = []
    token = member_token(member_case)
    for language in LANGUAGES:
        page.goto(f"/{language}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        results += axe_violations(page, f"home {language}")

        page.goto(f"/{language}/complaint/")
        results += axe_violations(page, f"complaint form {language}")

        page.locator("main button[type=submit]").click()  # nothing filled: the errors are shown
        expect(page.locator(".has-error").first).to_be_visible()
        results += axe_violations(page, f"complaint form with errors {language}")

        fill_complaint(page, language, name=f"Marie Lambert {language}")
        page.locator("main button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/{language}/complaint/sent/[^/]+/$"))
        results += axe_violations(page, f"confirmation {language}")

        page.goto(f"/{language}/my-case/{token}/")
        results += axe_violations(page, f"member page {language}")

        page.goto(f"/{language}/my-case/0-0-forged/")
        results += axe_violations(page, f"invalid link {language}")

        page.goto(f"/{language}/accounts/login/")
        results += axe_violations(page, f"staff login {language}")

    # The member's page after a reply (flash message) and with a form error (withdrawal not confirmed).
    page.goto(f"/fr/my-case/{token}/")
    page.get_by_label(tr("fr", "Your message")).fill("Voici encore un document.")
    page.locator("form[action$='/reply/'] button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    results += axe_violations(page, "member page with a flash message fr")
    expect(page.locator("form[action$='/withdraw/']")).to_be_visible()  # its <details> was opened for axe
    withdraw = page.locator("form[action$='/withdraw/']")
    withdraw.evaluate("form => { form.noValidate = true }")  # let the server answer, as without JavaScript checks
    withdraw.locator("button[type=submit]").click()
    expect(page.locator(".has-error")).to_be_visible()
    results += axe_violations(page, "member page with a form error fr")

    assert_accessible(results)


def test_staff_pages_pass_axe(new_page, member_case, make_case, marie, jan, sarah, maya, ilse, anna, finance):
    long_ago = timezone.now() - timedelta(days=90)
    overdue = make_case(jan, subject="Conseiller injoignable depuis trois semaines", received_at=long_ago)
    answered = make_case(sarah, subject="Late refund")
    mediator = Actor.for_user(maya)
    for step, data in [
        ("acknowledge", StepInput()),
        ("accept", StepInput()),
        ("answer", StepInput(message="We have refunded you.")),
    ]:
        case_transition(case=answered, name=step, actor=mediator, data=data)
    recorded = make_case(marie, channel="phone", recorded_by=ilse, subject="Appel de Mme Lambert")
    assert member_case.status == Status.INVESTIGATING
    results: list[str] = []

    page = new_page()
    log_in(page, "fr", "maya", results)
    for language in ("fr", "nl"):
        page.goto(f"/{language}/staff/")
        expect(page.get_by_role("row").filter(has_text=overdue.reference)).to_be_visible()
        results += axe_violations(page, f"queue {language}")
    page.goto("/fr/staff/?status=all&overdue=1")
    results += axe_violations(page, "queue filtered, overdue only")

    # The case under investigation: timeline, messages, notes, deadlines (one extended) and its steps
    # (ask, redirect, answer, withdraw), every <details> opened.
    page.goto(f"/fr/staff/cases/{member_case.reference}/")
    results += axe_violations(page, "case page, investigating")
    page.goto(f"/fr/staff/cases/{answered.reference}/")  # close (outcome) and the written answer
    results += axe_violations(page, "case page, answered")
    page.goto(f"/nl/staff/cases/{overdue.reference}/")  # received: acknowledge, refuse (ground); overdue badges
    results += axe_violations(page, "case page, received and overdue nl")
    # A step sent without what it needs: the error is shown in its form.
    refuse = page.locator("details.action").filter(has=page.locator('summary[data-step="refuse"]'))
    refuse.locator("button[type=submit]").click()
    expect(page.locator(".errors, .has-error").first).to_be_visible()
    results += axe_violations(page, "case page, step error nl")

    page.goto("/fr/staff/outbox/")
    results += axe_violations(page, "outbox")
    page.locator("main table a").first.click()
    results += axe_violations(page, "outbox e-mail")

    intake = new_page()
    log_in(intake, "fr", "ilse")
    intake.goto("/fr/staff/record/")
    results += axe_violations(intake, "intake form")
    intake.locator("main button[type=submit]").click()
    expect(intake.locator(".has-error").first).to_be_visible()
    results += axe_violations(intake, "intake form with errors")
    intake.goto(f"/fr/staff/cases/{recorded.reference}/")
    expect(intake.get_by_test_id("case-status")).to_be_visible()
    results += axe_violations(intake, "intake summary")
    intake.goto("/fr/staff/")
    results += axe_violations(intake, "intake records")

    admin = new_page()
    log_in(admin, "en", "anna")
    results += axe_violations(admin, "administrator home")

    assert_accessible(results)


# The focused element, its outline, and the background the outline is drawn on (its parent's, as it is offset).
FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  let around = "rgb(255, 255, 255)";
  for (let p = e.parentElement; p; p = p.parentElement) {
    const bg = getComputedStyle(p).backgroundColor;
    if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0")) { around = bg; break; }
  }
  return {tag: e.tagName.toLowerCase(), type: e.type || "", name: e.name || "", id: e.id || "",
          text: (e.innerText || "").trim().slice(0, 60), outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
          color: s.outlineColor, around};
}"""


def _luminance(css_rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_rgb)[:3]]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _focus_visible(state: dict) -> bool:
    """An outline of at least 2 px that contrasts 3:1 with what is around it (WCAG 2.4.7 and 1.4.11)."""
    return (
        state["outline"] not in ("none", "") and state["width"] >= 2 and contrast(state["color"], state["around"]) >= 3
    )


def test_a_member_files_a_complaint_with_the_keyboard_only(page, billing):
    """Tab, typing, Space and Enter only: no click, no fill, and the focus is always visible."""
    page.goto("/en/complaint/")
    seen: list[dict] = []

    def tab_to(name: str, limit: int = 30) -> dict:
        for _ in range(limit):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUSED)
            seen.append(state)
            if state["name"] == name:
                return state
        raise AssertionError(f"Tab never reached the field {name!r}; focus went through {seen}")

    # The first Tab reaches the skip link, which is shown and outlined.
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["tag"] == "a" and first["text"] == "Skip to content", first
    assert _focus_visible(first), first
    expect(page.locator("a.skip")).to_be_in_viewport()

    tab_to("name")
    page.keyboard.type("Sarah Smith")
    tab_to("email")
    page.keyboard.type("sarah.smith@example.org")
    tab_to("category")
    page.keyboard.press("ArrowDown")  # "I don't know" -> the first category
    tab_to("subject")
    page.keyboard.type("Late refund")
    tab_to("description")
    page.keyboard.type("My March invoice was refunded six weeks late.")
    tab_to("consent")
    page.keyboard.press("Space")
    submit = None
    for _ in range(5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        seen.append(state)
        assert state["name"] != "website", "the honeypot field must stay out of the keyboard's path"
        if state["tag"] == "button":
            submit = state
            break
    assert submit and submit["text"] == "Send my complaint", seen[-5:]

    # Every link, button and field the focus went through showed where it was.
    invisible = [s for s in seen if not _focus_visible(s)]
    assert not invisible, f"focus not visible on: {invisible}"
    assert {"a", "input", "select", "textarea", "button"} <= {s["tag"] for s in seen}

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/complaint/sent/[^/]+/$"))
    expect(page.get_by_test_id("reference")).to_be_visible()
    from accord.cases.models import Case

    case = Case.objects.get()
    assert (case.person.name, case.subject, case.category, case.language) == (
        "Sarah Smith",
        "Late refund",
        billing,
        "en",
    )


def test_skip_link_moves_the_focus_to_the_content(page):
    page.goto("/nl/complaint/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


# A phone widens the layout viewport to fit content that overflows: compare with the device's 375 px too.
NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= Math.min(window.innerWidth, 375)"
# The innermost elements that stick out on the right (for the failure message).
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 376 && !e.closest('.table-scroll, .hp, .visually-hidden')
               && ![...e.children].some(c => c.getBoundingClientRect().right > 376))
  .slice(0, 6).map(e => e.outerHTML.slice(0, 160))"""


def assert_fits_the_phone(page: Page, name: str) -> None:
    fits = page.evaluate(NO_HORIZONTAL_SCROLL)
    assert fits, (
        f"{name}: horizontal scroll ({page.evaluate('document.documentElement.scrollWidth')} px > 375): "
        + str(page.evaluate(OVERFLOWING))
    )


def assert_on_screen(page: Page, locator) -> None:
    """Visible, and within the phone's width once scrolled to (not cut off on the right)."""
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_visible()
    expect(locator).to_be_in_viewport()
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, box


def test_pages_fit_a_phone(new_page, member_case, make_case, jan, maya):
    make_case(
        jan, subject="Conseiller injoignable depuis trois semaines", received_at=timezone.now() - timedelta(days=90)
    )
    member = new_page(**PHONE)
    member.goto("/fr/complaint/")
    assert_fits_the_phone(member, "complaint form")
    assert_on_screen(member, member.get_by_label(tr("fr", "Full name")))
    assert_on_screen(member, member.get_by_role("button", name=tr("fr", "Send my complaint")))
    member.get_by_role("button", name=tr("fr", "Send my complaint")).tap()
    expect(member.locator(".has-error").first).to_be_visible()
    assert_fits_the_phone(member, "complaint form with errors")

    member.goto(f"/fr/my-case/{member_token(member_case)}/")
    assert_fits_the_phone(member, "member page")
    assert_on_screen(member, member.get_by_test_id("member-status"))
    assert_on_screen(member, member.get_by_label(tr("fr", "Your message")))
    assert_on_screen(member, member.get_by_role("button", name=tr("fr", "Send"), exact=True))
    assert_on_screen(member, member.get_by_role("link", name="preuve.pdf"))

    mediator = new_page(**PHONE)
    log_in(mediator, "fr", "maya")
    assert_fits_the_phone(mediator, "queue")
    assert_on_screen(mediator, mediator.get_by_role("button", name=tr("fr", "Filter")))
    # The table is wider than the phone: it scrolls in its own region, named by its caption, reachable by keyboard.
    region = mediator.get_by_role("region", name=tr("fr", "Cases, the next deadline first"))
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth && getComputedStyle(r).overflowX === 'auto'")
    link = mediator.get_by_role("link", name=member_case.reference)
    assert_on_screen(mediator, link)
    link.tap()
    expect(mediator).to_have_url(re.compile(rf"/fr/staff/cases/{member_case.reference}/$"))
    assert_fits_the_phone(mediator, "case page")
    assert_on_screen(mediator, mediator.locator('summary[data-step="answer"]'))
    mediator.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_fits_the_phone(mediator, "case page, every step opened")
