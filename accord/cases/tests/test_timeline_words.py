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


def test_parties_links_assignments_and_the_members_request_read_as_sentences(
    client, maya, pierre, marie, jan, make_case, finance
):
    from accord.cases import assignments, caselinks, parties
    from accord.cases.models import EventKind
    from accord.cases.services import case_classify
    from accord.cases.templatetags.case_tags import EVENT_SENTENCES

    # Every kind of event added with parties, mediators and links has its sentence.
    assert {EventKind.PARTY, EventKind.CASE_LINK, EventKind.MEDIATOR_REQUEST, EventKind.ASSIGNMENT} <= set(
        EVENT_SENTENCES
    )
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    other = make_case(jan)
    party = parties.party_add(case=case, user=maya, kind="other", role="Tiers", name="Luc Bernard")
    parties.party_end(case=case, user=maya, party_id=party.pk)
    case_classify(case=case, user=maya, category=None, department=finance)
    link = caselinks.case_link_add(case=case, user=maya, other_reference=other.reference, kind="systemic")
    caselinks.case_link_end(case=case, user=maya, link_id=link.pk)
    assignments.comediator_add(case=case, user=maya, mediator=pierre)
    assignments.comediator_end(case=case, user=maya, mediator_id=pierre.pk)
    assignments.mediator_change_request(case=case, reason="Je préfère quelqu’un d’autre.")
    client.force_login(maya)
    lines = _timeline(client, case)
    expected = [
        "Maya Mertens added Luc Bernard as a party (Other party)",
        "Luc Bernard no longer takes part in the case (ended by Maya Mertens)",
        "Finance department takes part in the case as the department concerned",
        f"Maya Mertens linked the cases: Same systemic problem as {other.reference}",
        f"Maya Mertens removed the link with {other.reference}",
        "Maya Mertens added Pierre Dubois as co-mediator",
        "Pierre Dubois is no longer co-mediator (ended by Maya Mertens)",
        "The member asked for another mediator than Maya Mertens",
        "Pierre Dubois now leads the case, chosen by the replacement rule at the member's request",
    ]
    for sentence in expected:
        assert any(sentence in line for line in lines), (sentence, lines)
    labels = ("Party added or ended", "Link between cases", "The member asked for another mediator", "Assignment")
    assert not [line for line in lines if line.split(" · ", 1)[-1].split(" ", 2)[-1] in labels], lines
    french = _timeline(client, case, "fr")
    assert any("Maya Mertens a ajouté Pierre Dubois comme comédiateur" in line for line in french), french
    assert any("Le sociétaire a demandé un autre médiateur que Maya Mertens" in line for line in french), french
