"""A mediator links two cases (duplicate, related, same systemic problem): both pages show it, each naming
the other; removing it is on both timelines; nobody sees, makes or removes a link to a case they may not see."""

import re
from html import unescape

import pytest
from django.urls import reverse

from accord.cases.caselinks import case_link_add, case_link_end, case_links_shown
from accord.cases.models import CaseEvent, CaseLink, EventKind, LinkKind
from accord.cases.services import conflict_declare
from accord.core.errors import TransitionNotAllowed, ValidationFailed


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _links_panel(client, case) -> str:
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    return _text(page.split('id="links-h"', 1)[1].split("Earlier cases of this member", 1)[0])


def _timeline(client, case) -> str:
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    return _text(page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0])


@pytest.fixture
def two(make_case, marie, jan):
    return make_case(marie, subject="Facture de mars"), make_case(jan, subject="Factuur van maart")


def test_a_link_shows_on_both_cases_each_naming_the_other(client, two, maya):
    first, second = two
    case_link_add(case=first, user=maya, other_reference=second.reference, kind=LinkKind.DUPLICATE, note="Même facture")
    client.force_login(maya)
    on_first, on_second = _links_panel(client, first), _links_panel(client, second)
    assert f"Duplicate of {second.reference}" in on_first and "Même facture" in on_first
    assert f"Has a duplicate {first.reference}" in on_second and "Même facture" in on_second
    assert [item["other"] for item in case_links_shown(case=second, user=maya)] == [first]


@pytest.mark.parametrize(
    "kind, words", [(LinkKind.RELATED, "Related to"), (LinkKind.SYSTEMIC, "Same systemic problem as")]
)
def test_related_and_systemic_links_read_the_same_both_ways(client, two, maya, kind, words):
    first, second = two
    case_link_add(case=first, user=maya, other_reference=second.reference.lower(), kind=kind)
    client.force_login(maya)
    assert f"{words} {second.reference}" in _links_panel(client, first)
    assert f"{words} {first.reference}" in _links_panel(client, second)


def test_linking_and_removing_are_on_both_timelines_and_the_link_stays_on_record(client, two, maya):
    first, second = two
    link = case_link_add(case=first, user=maya, other_reference=second.reference, kind=LinkKind.RELATED)
    case_link_end(case=second, user=maya, link_id=link.pk)
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == maya and CaseLink.objects.filter(pk=link.pk).exists()
    for case in two:
        actions = CaseEvent.objects.filter(case=case, kind=EventKind.CASE_LINK).values_list("data__action", flat=True)
        assert list(actions) == ["added", "ended"]
    client.force_login(maya)
    assert "None" in _links_panel(client, first)
    timeline = _timeline(client, second)
    assert f"Maya Mertens linked the cases: Related to {first.reference}" in timeline
    assert f"Maya Mertens removed the link with {first.reference}" in timeline
    with pytest.raises(TransitionNotAllowed):
        case_link_end(case=first, user=maya, link_id=link.pk)
    # Ended, the two cases can be linked again.
    case_link_add(case=second, user=maya, other_reference=first.reference, kind=LinkKind.SYSTEMIC)


def test_two_cases_are_linked_once_and_never_to_themselves(two, maya):
    first, second = two
    case_link_add(case=first, user=maya, other_reference=second.reference, kind=LinkKind.RELATED)
    with pytest.raises(ValidationFailed, match="already linked"):
        case_link_add(case=second, user=maya, other_reference=first.reference, kind=LinkKind.DUPLICATE)
    with pytest.raises(ValidationFailed):
        case_link_add(case=first, user=maya, other_reference=first.reference, kind=LinkKind.RELATED)
    with pytest.raises(ValidationFailed):
        case_link_add(case=first, user=maya, other_reference=second.reference, kind="cousin")


def test_a_case_one_may_not_see_is_neither_linked_nor_shown(client, two, maya, pierre):
    first, second = two
    conflict_declare(case=second, user=maya, reason="Jan Peeters est mon voisin.")
    # Maya may not see the second case: the same answer as for a reference that does not exist.
    with pytest.raises(ValidationFailed) as hidden:
        case_link_add(case=first, user=maya, other_reference=second.reference, kind=LinkKind.RELATED)
    with pytest.raises(ValidationFailed) as unknown:
        case_link_add(case=first, user=maya, other_reference="ACC-2026-999999", kind=LinkKind.RELATED)
    assert (hidden.value.code, str(hidden.value)) == (unknown.value.code, str(unknown.value))

    link = case_link_add(case=first, user=pierre, other_reference=second.reference, kind=LinkKind.SYSTEMIC)
    client.force_login(maya)
    panel, timeline = _links_panel(client, first), _timeline(client, first)
    assert second.reference not in panel and "None" in panel
    assert second.reference not in timeline and "a case you may not see" in timeline
    assert case_links_shown(case=first, user=maya) == []
    hidden_link = client.post(reverse("cases:caselink_end", kwargs={"reference": first.reference, "link_id": link.pk}))
    no_link = client.post(reverse("cases:caselink_end", kwargs={"reference": first.reference, "link_id": 0}))
    # The other case is hidden from her: the same answer as for a link that is not there.
    assert hidden_link.status_code == no_link.status_code == 400
    assert "This link has already been removed." in hidden_link.content.decode()
    link.refresh_from_db()
    assert link.ended_at is None


def test_intake_staff_see_no_link(client, make_case, marie, jan, ilse, maya):
    recorded = make_case(marie, recorded_by=ilse, channel="phone")
    other = make_case(jan)
    case_link_add(case=recorded, user=maya, other_reference=other.reference, kind=LinkKind.RELATED)
    client.force_login(ilse)
    page = client.get(f"/en/staff/cases/{recorded.reference}/").content.decode()
    assert other.reference not in page


def test_linking_through_the_case_page(client, two, maya):
    first, second = two
    client.force_login(maya)
    url = reverse("cases:caselink_add", kwargs={"reference": first.reference})
    assert client.post(url, {"reference": "ACC-2026-999999", "kind": "related"}).status_code == 400
    response = client.post(url, {"reference": second.reference, "kind": "systemic", "note": "Retards de paiement"})
    assert response.status_code == 302
    link = CaseLink.objects.get()
    end = reverse("cases:caselink_end", kwargs={"reference": second.reference, "link_id": link.pk})
    assert client.post(end).status_code == 302
    assert CaseLink.objects.get().ended_at is not None
