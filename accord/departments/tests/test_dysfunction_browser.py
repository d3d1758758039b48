"""A dysfunction in Chromium (issue 8): the mediator records one on a case, addressed to billing; billing's
liaison logs in, sees only that dysfunction (not another department's, not the case), plans an action with a
date; the mediator reads the new state on the case page. The liaison's pages are axe-clean, without a CSP
refusal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.cases.models import Department, Office
from accord.cases.permissions import Actor
from accord.cases.workflow import case_transition
from accord.conftest import PASSWORD, _staff
from accord.core.tests.test_accessibility import assert_accessible, axe_violations
from accord.departments.dysfunctions import dysfunction_record
from accord.departments.models import DepartmentContact, Dysfunction, DysfunctionState, Liaison
from accord.testing.browser import staff_log_in

pytestmark = pytest.mark.browser

TITLE = "Relances automatiques malgré un plan de paiement"
ACTION = "Het facturatieprogramma schort de herinneringen op voor facturen met een afbetalingsplan."


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def test_the_liaison_plans_an_action_on_the_one_dysfunction_of_their_department(new_page, make_case, marie, maya):
    billing, _ = Department.objects.get_or_create(
        code="billing-service",
        defaults={"name_fr": "Service facturation", "name_nl": "Facturatiedienst", "name_en": "Billing service"},
    )
    DepartmentContact.objects.create(
        department=billing, shared_email="facturation@coop.test", office=Office.objects.get(code="brussels")
    )
    hr = Department.objects.create(code="hr", name_fr="RH", name_nl="HR", name_en="HR")
    bart = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=bart, department=billing)
    case = make_case(marie)
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    # Another department's dysfunction on the same case: billing's liaison never sees it.
    dysfunction_record(
        case=case, user=maya, department=hr, title="Fiches de paie en retard", description="Trois semaines."
    )

    # The mediator records the dysfunction from the case page, addressed to billing.
    mediator = new_page()
    staff_log_in(mediator, "en", "maya", PASSWORD)
    mediator.goto(f"/en/staff/cases/{case.reference}/")
    panel = mediator.get_by_test_id("dysfunctions-panel")
    panel.get_by_text("Record a dysfunction").click()
    panel.get_by_label("Title").fill(TITLE)
    panel.get_by_label("What went wrong in the cooperative's process").fill(
        "Le client a reçu trois relances alors qu’un paiement en deux fois avait été convenu."
    )
    panel.locator("#id_dysfunction-department").select_option(label="Billing service")
    panel.get_by_role("button", name="Record the dysfunction").click()
    card = mediator.get_by_test_id("dysfunction").filter(has_text=TITLE)
    expect(card.get_by_test_id("dysfunction-state")).to_have_text("Recorded, awaiting the department's response")
    dysfunction = Dysfunction.objects.get(title=TITLE)
    assert dysfunction.department == billing and dysfunction.state == DysfunctionState.RECORDED

    # The liaison sees that dysfunction and nothing else: not HR's, not the case.
    results: list[str] = []
    liaison = new_page()
    staff_log_in(liaison, "nl", "bart", PASSWORD)
    liaison.get_by_role("link", name=tr("nl", "Dysfunctions"), exact=True).first.click()
    rows = liaison.get_by_test_id("dysfunction-list").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(TITLE)
    expect(liaison.locator("main")).not_to_contain_text("Fiches de paie en retard")
    results += axe_violations(liaison, "liaison's dysfunctions")
    assert liaison.request.get(f"/nl/staff/cases/{case.reference}/").status == 404
    other = Dysfunction.objects.get(department=hr)
    assert liaison.request.get(f"/nl/staff/departments/dysfunctions/{other.pk}/").status == 404

    # The liaison plans an action with a date.
    rows.first.get_by_role("link", name=TITLE).click()
    expect(liaison.get_by_test_id("dysfunction-state")).to_have_text(
        tr("nl", "Recorded, awaiting the department's response")
    )
    expect(liaison.locator("main")).not_to_contain_text(marie.name)
    planned = timezone.localdate() + timedelta(days=21)
    liaison.locator("summary[data-step=plan]").click()
    liaison.get_by_label(tr("nl", "The action planned")).fill(ACTION)
    liaison.get_by_label(tr("nl", "Planned for")).fill(planned.isoformat())
    liaison.get_by_role("button", name=tr("nl", "Plan the action")).click()
    expect(liaison.get_by_test_id("dysfunction-state")).to_have_text(tr("nl", "Action planned"))
    with override("nl"):
        planned_nl = date_format(planned, "DATE_FORMAT")
    expect(liaison.locator("main")).to_contain_text(planned_nl)
    results += axe_violations(liaison, "liaison's dysfunction, action planned")
    dysfunction.refresh_from_db()
    assert dysfunction.state == DysfunctionState.ACTION_PLANNED and dysfunction.planned_for == planned

    # The mediator reads the new state, its date and the department's words on the case page.
    mediator.reload()
    card = mediator.get_by_test_id("dysfunction").filter(has_text=TITLE)
    expect(card.get_by_test_id("dysfunction-state")).to_have_text("Action planned")
    with override("en"):
        expect(card).to_contain_text(f"planned for {date_format(planned, 'DATE_FORMAT')}")
    expect(card).to_contain_text(ACTION)
    assert_accessible(results)
