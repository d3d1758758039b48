"""Issue 8 in Chromium: a mediator asks billing a question sharing one document; the liaison logs in, sees
only that request and that document (the case and the other documents refused), answers with a PDF; the
answer is on the case; the Dutch member's page says what was asked and that billing answered."""

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.cases.links import member_token
from accord.cases.models import Document
from accord.cases.permissions import Actor
from accord.cases.services import note_add, staff_message_send
from accord.cases.workflow import case_transition
from accord.conftest import PASSWORD, PDF_BYTES, _staff, pdf_upload
from accord.departments.models import InformationRequest, Liaison, RequestState
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def test_a_liaison_answers_the_one_request_shared_with_them(new_page, make_case, jan, maya, finance):
    bart = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=bart, department=finance)
    case = make_case(jan, language="nl")
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    staff_message_send(case=case, user=maya, body="Kunt u de factuur sturen?", attachments=[pdf_upload("factuur.pdf")])
    note_add(case=case, user=maya, body="Vertrouwelijk.", attachments=[pdf_upload("intern.pdf")])

    # The mediator asks billing, sharing the invoice only.
    mediator = new_page()
    staff_log_in(mediator, "en", "maya", PASSWORD)
    mediator.goto(f"/en/staff/cases/{case.reference}/")
    panel = mediator.get_by_test_id("requests-panel")
    panel.get_by_text("Ask a department").click()
    panel.locator("#request-department").select_option(label="Finance department")
    panel.get_by_label("Question to the department").fill("Waarom werd de factuur van maart tweemaal aangerekend?")
    panel.get_by_label("factuur.pdf").check()
    panel.get_by_role("button", name="Ask the department").click()
    expect(mediator.get_by_test_id("request")).to_contain_text("Waiting for the answer")
    request = InformationRequest.objects.get(case=case)
    assert [d.original_name for d in request.shared_documents.all()] == ["factuur.pdf"]

    # The liaison sees that request and its one document, and nothing else of the case.
    liaison = new_page()
    staff_log_in(liaison, "nl", "bart", PASSWORD)
    expect(liaison).to_have_url(f"{liaison.url.split('/nl/')[0]}/nl/staff/departments/")
    liaison.get_by_role("link", name=case.reference).click()
    expect(liaison.get_by_test_id("question")).to_have_text("Waarom werd de factuur van maart tweemaal aangerekend?")
    expect(liaison.get_by_test_id("shared-documents")).to_have_text("factuur.pdf (125 bytes)")
    expect(liaison.locator("main")).not_to_contain_text("intern.pdf")
    expect(liaison.locator("main")).not_to_contain_text(case.description)
    internal = Document.objects.get(case=case, original_name="intern.pdf")
    for url in (
        f"/nl/staff/cases/{case.reference}/",
        f"/nl/staff/cases/{case.reference}/documents/{internal.pk}/",
        f"/nl/staff/departments/requests/{request.pk}/documents/{internal.pk}/",
    ):
        assert liaison.request.get(url).status == 404, url

    # The liaison answers with a PDF.
    liaison.get_by_label(tr("nl", "Your answer")).fill("Een technische fout; de tweede aanrekening is teruggestort.")
    liaison.get_by_label(tr("nl", "Documents (optional)")).set_input_files(
        [{"name": "creditnota.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    liaison.get_by_role("button", name=tr("nl", "Send the answer")).click()
    expect(liaison.get_by_test_id("answer")).to_contain_text("creditnota.pdf")
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED

    # The answer is on the case, for the mediator.
    mediator.reload()
    expect(mediator.get_by_test_id("request")).to_contain_text("Een technische fout")
    expect(mediator.get_by_test_id("request")).to_contain_text("creditnota.pdf")

    # The member reads in Dutch that billing was asked and answered.
    member = new_page()
    member.goto(f"/nl/my-case/{member_token(case)}/")
    expect(member.get_by_test_id("member-requests")).to_contain_text(
        "We hebben de Financiële directie om informatie gevraagd"
    )
    expect(member.get_by_test_id("member-requests")).to_contain_text("Uw bemiddelaar bekijkt hun antwoord.")
