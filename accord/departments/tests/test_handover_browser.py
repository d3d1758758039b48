"""Issue 8's hand-over in Chromium, followed to its end both ways: the mediator hands a complaint that was not
first raised with billing over to it, with the member's consent; billing's liaison accepts it and settles it
with their answer; the Dutch member reads it on their page; then the member comes back to Accord from that
page and the complaint resumes with the mediator in a new cycle."""

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.cases.links import member_token
from accord.cases.models import STATUS_MEMBER_TEXT, CycleStart, Status
from accord.cases.permissions import Actor
from accord.cases.workflow import case_transition
from accord.conftest import PASSWORD, _staff
from accord.departments.models import Handover, HandoverState, Liaison
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def status_words(status: str) -> str:
    with override("nl"):
        return str(STATUS_MEMBER_TEXT[status])


def test_a_handover_settled_by_the_department_then_the_member_comes_back(new_page, make_case, jan, maya, finance):
    bart = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=bart, department=finance)
    case = case_transition(case=make_case(jan, language="nl"), name="acknowledge", actor=Actor.for_user(maya))

    # The mediator hands it over with the member's consent (given by phone), from the case page.
    mediator = new_page()
    staff_log_in(mediator, "en", "maya", PASSWORD)
    mediator.goto(f"/en/staff/cases/{case.reference}/")
    panel = mediator.get_by_test_id("handover-panel")
    panel.get_by_text("Hand over to the department").first.click()
    panel.locator("#handover-department").select_option(label="Finance department")
    panel.get_by_label("How the member agreed to the hand-over").select_option(label="By phone")
    panel.get_by_label("When and what the member said").fill("Phoned on Monday: agrees that billing handles it.")
    panel.get_by_label("Why it goes to the department (told to the member)").fill(
        "De facturatie heeft uw vraag nog niet gezien en kan de factuur rechtstreeks corrigeren."
    )
    panel.get_by_role("button", name="Hand over to the department").click()
    expect(mediator.get_by_test_id("handover")).to_contain_text("Waiting for the department's acceptance")
    handover = Handover.objects.get(case=case)
    case.refresh_from_db()
    assert case.status == Status.WITH_DEPARTMENT

    # Billing's liaison finds it among their hand-overs, accepts it and settles it with their answer.
    liaison = new_page()
    staff_log_in(liaison, "nl", "bart", PASSWORD)
    liaison.get_by_role("link", name=tr("nl", "Hand-overs")).click()
    liaison.get_by_role("link", name=case.reference).click()
    expect(liaison.get_by_test_id("handover-description")).to_have_text(case.description)
    assert liaison.request.get(f"/nl/staff/cases/{case.reference}/").status == 404
    liaison.get_by_test_id("handover-accept").click()
    expect(liaison.get_by_test_id("handover-facts")).to_contain_text(
        tr("nl", "Accepted: the answer to the member is awaited")
    )
    liaison.get_by_text(tr("nl", "Answer the member and settle the complaint")).click()
    liaison.get_by_label(tr("nl", "Your answer to the member")).fill("De dubbele aanrekening is teruggestort.")
    liaison.get_by_label(tr("nl", "How the complaint is settled")).select_option(
        label=tr("nl", "We granted the member's request")
    )
    liaison.get_by_role("button", name=tr("nl", "Send the answer to the member")).click()
    expect(liaison.get_by_test_id("handover-answer")).to_contain_text("De dubbele aanrekening is teruggestort.")
    handover.refresh_from_db()
    assert handover.state == HandoverState.SETTLED

    # The member reads the department's answer and its outcome on their page, in Dutch, and may come back.
    member = new_page()
    member.goto(f"/nl/my-case/{member_token(case)}/")
    expect(member.get_by_test_id("member-status")).to_contain_text(status_words(Status.CLOSED))
    expect(member.get_by_test_id("member-outcome")).to_contain_text("De betrokken dienst heeft uw verzoek ingewilligd.")
    expect(member.get_by_test_id("member-handover")).to_contain_text("Financiële directie")
    expect(member.get_by_test_id("member-handover-answer")).to_have_text("De dubbele aanrekening is teruggestort.")

    # The answer does not satisfy them: they come back to Accord; the complaint resumes in a new cycle.
    member.get_by_text("Terugkomen bij Accord").click()
    member.get_by_label(tr("nl", "What does not satisfy you in the department's answer")).fill(
        "De aanmaningskosten zijn niet teruggestort."
    )
    member.get_by_role("button", name="Mijn klacht opnieuw aan Accord voorleggen").click()
    expect(member.get_by_test_id("member-status")).to_contain_text(status_words(Status.INVESTIGATING))
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING and case.cycles.get(number=2).started_by == CycleStart.CAME_BACK

    # The mediator finds it back with them, the member's words on the case and the hand-over on the timeline.
    mediator.reload()
    expect(mediator.locator("main")).to_contain_text("De aanmaningskosten zijn niet teruggestort.")
    expect(mediator.locator("main")).to_contain_text(
        "The member came back after the answer of Finance department; the complaint resumes in a new cycle"
    )
    expect(mediator.locator("main")).to_contain_text("Finance department settled the complaint with the member")
