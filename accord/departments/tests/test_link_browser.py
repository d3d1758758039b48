"""The department's link in Chromium (issue 8): a department without accounts opens the link its shared address
got by e-mail, downloads what was shared, answers with a PDF; the link is then refused, and so is a link past
its expiry. In each language, at a desk's and a phone's width, axe-clean, without a CSP refusal."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.cases.models import Document
from accord.cases.permissions import Actor
from accord.cases.services import staff_message_send
from accord.cases.workflow import case_transition
from accord.conftest import PDF_BYTES, pdf_upload
from accord.core.tests.test_accessibility import assert_accessible, axe_violations
from accord.departments.models import AnswerChannel, DepartmentContact, RequestState
from accord.departments.services import request_ask
from accord.notifications.models import OutboundEmail

pytestmark = pytest.mark.browser

WIDTHS = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
QUESTIONS = {
    "fr": "Pourquoi la facture de mars a-t-elle été prélevée deux fois ?",
    "nl": "Waarom werd de factuur van maart tweemaal aangerekend?",
    "en": "Why was the March invoice charged twice?",
}


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def _shot(page, name: str) -> None:
    if shots := os.environ.get("ACCORD_SCREENSHOTS"):
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.screenshot(path=str(Path(shots) / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(WIDTHS["desk"])


def _link_in_email(email: OutboundEmail) -> str:
    """The link as the department reads it in the e-mail its shared address got: the path on the live server."""
    return re.search(r"https?://[^/\s]+(/\S+/department-link/\S+/)", email.body_text).group(1)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_department_without_accounts_answers_through_its_link_then_the_link_is_refused(
    new_page, accord_live_server, make_case, marie, maya, finance, tmp_path, language
):
    DepartmentContact.objects.create(department=finance, shared_email="facturation@coop.test", language=language)
    case = make_case(marie)
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    staff_message_send(case=case, user=maya, body="Voici le relevé.", attachments=[pdf_upload("releve.pdf")])
    shared = Document.objects.get(case=case, original_name="releve.pdf")
    request = request_ask(case=case, user=maya, department=finance, question=QUESTIONS[language], documents=[shared])
    email = OutboundEmail.objects.get(template="department_request_link")
    assert email.to == "facturation@coop.test" and email.language == language
    path = _link_in_email(email)
    assert path.startswith(f"/{language}/department-link/")

    page = new_page(viewport=WIDTHS["desk"])
    results: list[str] = []
    response = page.goto(path)
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"] and response.headers["referrer-policy"] == "same-origin"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("question")).to_have_text(QUESTIONS[language])
    results += axe_violations(page, f"department link {language}")
    _shot(page, f"department-link-{language}")

    with page.expect_download() as download:
        page.get_by_role("link", name="releve.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF_BYTES

    answer_pdf = tmp_path / "creditnote.pdf"
    answer_pdf.write_bytes(PDF_BYTES)
    page.locator("#id_body").fill("The second charge was a technical error; it has been refunded.")
    page.locator("#id_attachments").set_input_files(str(answer_pdf))
    page.get_by_role("button", name=tr(language, "Send the answer")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Your answer has been sent"))
    results += axe_violations(page, f"department link, answer sent {language}")

    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    answer = request.answers.get()
    assert answer.channel == AnswerChannel.LINK and answer.author_email == "facturation@coop.test"
    assert [d.original_name for d in answer.documents.all()] == ["creditnote.pdf"]

    # Used: the link is refused, in its language, with nothing of the request on the page.
    response = page.goto(path)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "This link has been used"))
    expect(page.get_by_text(QUESTIONS[language])).to_have_count(0)
    expect(page.get_by_text("releve.pdf")).to_have_count(0)
    results += axe_violations(page, f"department link used {language}")
    _shot(page, f"department-link-used-{language}")

    # A link sent 15 days ago (ACCORD_SHARE_LINK_DAYS is 14) is refused too, unanswered.
    with time_machine.travel(timezone.now() - timedelta(days=15), tick=False):
        late = request_ask(case=case, user=maya, department=finance, question=QUESTIONS[language])
    old_email = OutboundEmail.objects.filter(template="department_request_link").exclude(pk=email.pk).get()
    response = page.goto(_link_in_email(old_email))
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "This link has expired"))
    expect(page.get_by_text(QUESTIONS[language])).to_have_count(0)
    results += axe_violations(page, f"department link expired {language}")
    _shot(page, f"department-link-expired-{language}")
    assert not late.answers.exists()
    uses = list(late.links.get().uses.values_list("action", flat=True))
    assert uses == ["refused_expired"]
    assert_accessible(results)
