"""The case's timeline reads for people: one line per e-mail with its current state, each step said
as a sentence ("Maya Mertens declared the complaint admissible"), in the reader's language."""

import re
from html import unescape

from accord.cases.permissions import MEMBER, Actor
from accord.cases.workflow import StepInput, case_transition
from accord.notifications.models import OutboundEmail


def _timeline(client, case, language="en") -> list[str]:
    page = client.get(f"/{language}/staff/cases/{case.reference}/").content.decode()
    section = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    # An e-mail's delivery history is folded inside its line: the line itself says its current state.
    section = re.sub(r'<details class="email-history">.*?</details>', "", section, flags=re.S)
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def test_each_email_is_one_line_with_its_current_state(client, maya, marie, make_case, run_queued_tasks):
    case = make_case(marie)
    run_queued_tasks()
    email = OutboundEmail.objects.get(case=case, template="acknowledgement")
    assert case.events.filter(kind="email", data__email_id=email.pk).count() == 2  # queued, then kept
    client.force_login(maya)
    lines = [line for line in _timeline(client, case) if "Acknowledgement with the reference" in line]
    assert len(lines) == 1, lines
    assert "Kept (no mail server configured)" in lines[0] and "Queued" not in lines[0]
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Delivery history" in page  # its states, folded inside the line


def test_a_step_reads_as_a_sentence_naming_who_took_it(client, maya, marie, make_case):
    case = make_case(marie)
    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    case = case_transition(case=case, name="accept", actor=Actor.for_user(maya))
    client.force_login(maya)
    lines = _timeline(client, case)
    assert any("Maya Mertens declared the complaint admissible" in line for line in lines), lines
    assert not any("Status changed" in line or "→" in line for line in lines), lines
    french = _timeline(client, case, "fr")
    assert any("Maya Mertens a déclaré la réclamation recevable" in line for line in french), french


def test_the_member_withdrawing_reads_as_the_member(client, maya, marie, make_case):
    case = make_case(marie)
    case = case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput())
    client.force_login(maya)
    assert any("The member withdrew the complaint" in line for line in _timeline(client, case))


def test_the_dutch_timeline_has_no_french_spacing(client, maya, jan, make_case, run_queued_tasks):
    case = make_case(jan)
    run_queued_tasks()
    case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    client.force_login(maya)
    for line in _timeline(client, case, "nl"):
        assert not re.search(r"[\u202f\u00a0 ][:;?!]|[«»]", line), line
