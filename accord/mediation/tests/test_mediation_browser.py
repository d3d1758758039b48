"""Issue 9 in Chromium: on a Dutch case the mediator proposes a mediation (the framing aid reviewing the purpose);
the member accepts on their private page, undertaking confidentiality; the billing liaison accepts on theirs;
the mediation is under way; a session at the Gent office is sent as an invitation and moved (SEQUENCE 1), read off
the SMTP server; the mediator keeps a confidential note that another mediator does not see; the agreement is
accepted by both on their pages and its Dutch PDF opens."""

import os
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.cases.links import member_token
from accord.cases.models import Office
from accord.cases.parties import party_department_ensure
from accord.cases.permissions import Actor
from accord.cases.workflow import case_transition
from accord.conftest import PASSWORD, _staff
from accord.departments.models import Liaison
from accord.mediation.models import MediationState
from accord.testing.browser import staff_log_in
from accord.testing.pdf import pdf_text, require_pdf

pytestmark = pytest.mark.browser
BRUSSELS = ZoneInfo("Europe/Brussels")


def tr(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def shot(page, name):
    folder = os.environ.get("ACCORD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def _calendar_for(smtp_server, address, method, *, sequence=0, timeout=15.0):
    """The VEVENT of the first invitation to `address` with this method and sequence, once it has arrived."""
    import time

    from icalendar import Calendar

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in smtp_server.messages:
            if address not in message["To"]:
                continue
            for part in message.walk():
                if part.get_content_type() == "text/calendar" and part.get_param("method") == method:
                    [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
                    if int(event["sequence"]) == sequence:
                        return event
        time.sleep(0.2)
    raise AssertionError(f"no {method} invitation (sequence {sequence}) reached {address}")


def test_a_mediation_proposed_on_a_dutch_case_is_accepted_by_the_member_and_the_department(
    new_page, make_case, jan, maya, pierre, finance, smtp_server
):
    bart = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=bart, department=finance)
    case = make_case(jan, language="nl")
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    party_department_ensure(case=case, department=finance, user=maya, at=timezone.now(), why="classification")

    # The mediator proposes; the framing aid points at the blame in a first wording.
    mediator = new_page()
    staff_log_in(mediator, "en", "maya", PASSWORD)
    mediator.goto(f"/en/staff/cases/{case.reference}/")
    panel = mediator.get_by_test_id("mediation-panel")
    panel.get_by_text("Propose a mediation").click()
    purpose = panel.get_by_label("Purpose of the mediation")
    purpose.fill("Uitzoeken wie schuld heeft aan de dubbele factuur.")
    expect(panel.locator('[data-code="blame"]')).to_be_visible()
    purpose.fill("Samen een regeling vinden zodat de vennoot voortaan één juiste factuur krijgt.")
    expect(panel.locator('[data-code="blame"]')).to_have_count(0)
    shot(mediator, "mediation-propose-en")
    panel.get_by_role("button", name="Propose the mediation").click()
    expect(mediator.get_by_test_id("mediation")).to_have_attribute("data-state", "proposed")
    mediation = case.mediations.get()

    # The member accepts on their private page, in Dutch; without the undertaking the page says why.
    member = new_page()
    member.goto(f"/nl/my-case/{member_token(case)}/")
    box = member.get_by_test_id("member-mediation")
    expect(box).to_contain_text("één juiste factuur")
    shot(member, "mediation-member-nl")
    box.get_by_label(tr("nl", "I accept to take part")).check()
    box.get_by_role("button", name=tr("nl", "Send my answer")).click()
    expect(member.get_by_test_id("member-mediation")).to_contain_text(
        tr("nl", "To take part, you undertake to keep what is said in the mediation confidential.")
    )
    box = member.get_by_test_id("member-mediation")
    box.get_by_label(tr("nl", "I accept to take part")).check()
    box.get_by_label(
        tr(
            "nl",
            "I undertake to keep confidential what is said and written in the mediation: it may not be used later, in court or elsewhere, without everyone's agreement.",
        )
    ).check()
    box.get_by_role("button", name=tr("nl", "Send my answer")).click()
    expect(member.get_by_test_id("member-mediation")).to_contain_text(
        tr("nl", "You have accepted. We are waiting for the other parties' answers.")
    )

    # The billing liaison finds the proposal from their home and accepts for the department.
    liaison = new_page()
    staff_log_in(liaison, "nl", "bart", PASSWORD)
    liaison.get_by_test_id("mediation-proposals-link").click()
    liaison.get_by_role("link", name=case.reference).click()
    expect(liaison.get_by_test_id("mediation-purpose")).to_contain_text("één juiste factuur")
    expect(liaison.locator("main")).not_to_contain_text(case.description)
    shot(liaison, "mediation-liaison-nl")
    liaison.get_by_label(tr("nl", "I accept to take part")).check()
    liaison.get_by_label(
        tr(
            "nl",
            "I undertake to keep confidential what is said and written in the mediation: it may not be used later, in court or elsewhere, without everyone's agreement.",
        )
    ).check()
    liaison.get_by_role("button", name=tr("nl", "Send the department's answer")).click()
    mediation.refresh_from_db()
    assert mediation.state == MediationState.UNDER_WAY

    # Under way: the mediator keeps a confidential note; the member's page says the mediation is under way.
    mediator.reload()
    expect(mediator.get_by_test_id("mediation")).to_have_attribute("data-state", "under_way")
    notes = mediator.get_by_test_id("confidential-notes")
    notes.get_by_text("Write a confidential note").click()
    notes.locator("textarea[name=body]").fill("Eerste sessie: beide partijen willen een vaste contactpersoon.")
    notes.get_by_role("button", name="Keep the note").click()
    expect(mediator.get_by_test_id("confidential-note")).to_contain_text("vaste contactpersoon")
    shot(mediator, "mediation-under-way-en")
    member.reload()
    expect(member.get_by_test_id("member-mediation")).to_have_attribute("data-state", "under_way")

    # A session at the Gent office: the member's invitation arrives over SMTP as a text/calendar REQUEST.
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    meetings = mediator.get_by_test_id("meetings")
    meetings.get_by_text("Schedule a meeting").click()
    form = meetings.get_by_test_id("meeting-schedule")
    form.locator("select[name=kind]").select_option("session")
    form.get_by_label("In person, at an office").check()
    form.locator("input[name=day]").fill(day)
    form.locator("input[name=time]").fill("14:30")
    form.locator("select[name=office]").select_option(str(Office.objects.get(code="gent").pk))
    form.get_by_role("button", name="Schedule and send the invitations").click()
    expect(mediator.get_by_test_id("meeting")).to_have_attribute("data-sequence", "0")
    first = _calendar_for(smtp_server, jan.email, "REQUEST")
    assert int(first["sequence"]) == 0 and "Gent" in str(first["location"])
    assert first.decoded("dtstart").astimezone(BRUSSELS).strftime("%H:%M") == "14:30"

    # Moved an hour later: the same event, SEQUENCE 1.
    meeting_card = mediator.get_by_test_id("meeting")
    meeting_card.get_by_text("Move or change the meeting").click()
    meeting_card.locator("input[name$=time]").fill("15:30")
    meeting_card.get_by_role("button", name="Send the updated invitation").click()
    expect(mediator.get_by_test_id("meeting")).to_have_attribute("data-sequence", "1")
    moved = _calendar_for(smtp_server, jan.email, "REQUEST", sequence=1)
    assert str(moved["uid"]) == str(first["uid"])
    assert moved.decoded("dtstart").astimezone(BRUSSELS).strftime("%H:%M") == "15:30"
    member.reload()
    expect(member.get_by_test_id("meeting")).to_contain_text("Gent")

    # The agreement: the mediator drafts and proposes it; the member and billing accept it on their pages;
    # its PDF (Dutch) opens from the member's page.
    require_pdf()
    draft = mediator.get_by_test_id("agreement-draft")
    draft.locator("textarea[name=summary]").fill("De facturatiedienst betaalt voortaan binnen tien dagen.")
    draft.locator("select[name=u0_party]").select_option(label="Finance department")
    draft.locator("textarea[name=u0_text]").fill("De openstaande factuur storten.")
    draft.locator("input[name=u0_due]").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    draft.get_by_role("button", name="Save the draft").click()
    mediator.get_by_test_id("agreement-propose").click()
    expect(mediator.get_by_test_id("agreement")).to_have_attribute("data-state", "proposed")
    member.reload()
    answer = member.get_by_test_id("agreement-answer")
    answer.get_by_label(tr("nl", "I accept the agreement as written")).check()
    answer.get_by_role("button", name=tr("nl", "Send my answer")).click()
    liaison.reload()
    answer = liaison.get_by_test_id("agreement-answer")
    answer.get_by_label(tr("nl", "I accept the agreement as written")).check()
    answer.get_by_role("button", name=tr("nl", "Send my answer")).click()
    expect(liaison.get_by_test_id("agreement")).to_have_attribute("data-state", "accepted")
    member.reload()
    href = member.get_by_test_id("agreement-pdf").get_attribute("href")
    pdf = member.request.get(href)
    assert pdf.status == 200
    text = " ".join(pdf_text(pdf.body()).split())
    assert "Bemiddelingsakkoord" in text and "binnen tien dagen" in text and "De openstaande factuur storten." in text
    mediation.refresh_from_db()
    assert mediation.state == MediationState.ENDED and mediation.settled

    # Another mediator sees that a mediation runs, never its notes.
    other = new_page()
    staff_log_in(other, "en", "pierre", PASSWORD)
    other.goto(f"/en/staff/cases/{case.reference}/")
    expect(other.get_by_test_id("mediation")).to_be_visible()  # ended, settled: still shown
    expect(other.locator("main")).not_to_contain_text("vaste contactpersoon")
    expect(other.get_by_test_id("confidential-notes")).to_have_count(0)
