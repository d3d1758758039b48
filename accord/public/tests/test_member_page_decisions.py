"""The member's page names each reason it shows (issue 7: an extension's reason read as the outcome's)."""

from django.utils import translation

from accord.cases.links import member_url
from accord.cases.permissions import Actor
from accord.cases.services import outcome_deadline_extend
from accord.cases.workflow import StepInput, case_transition


def _step(case, name, user, **data):
    return case_transition(case=case, name=name, actor=Actor.for_user(user), data=StepInput(**data))


def _closed_after_an_extension(make_case, person, maya):
    case = make_case(person)
    case = _step(case, "acknowledge", maya)
    case = _step(case, "accept", maya)
    outcome_deadline_extend(case=case, user=maya, days=30, reason="Waiting for the audit report.")
    case = _step(case, "answer", maya, message="Here is our answer.")
    return _step(case, "close", maya, outcome="member_favour")


def test_a_closed_case_shows_the_extension_reason_as_an_extension_not_under_the_outcome(client, make_case, sarah, maya):
    case = _closed_after_an_extension(make_case, sarah, maya)
    page = client.get(member_url(case, language="en")).content.decode()
    outcome_line, after = page.split("Outcome:", 1)[1].split("</p>", 1)
    assert "Waiting for the audit report." not in outcome_line
    reason_card = after.split("Waiting for the audit report.", 1)[0].rsplit('<div class="card"', 1)[1]
    assert "Time limit extended" in reason_card


def test_the_reason_labels_are_in_the_members_language(client, make_case, jan, maya):
    case = _closed_after_an_extension(make_case, jan, maya)
    with translation.override("nl"):
        page = client.get(member_url(case, language="nl")).content.decode()
    assert "Termijn verlengd" in page
