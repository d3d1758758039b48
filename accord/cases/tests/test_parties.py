"""Every case has its parties: the complainant from the start (every channel, and older cases by migration),
the department(s) concerned, others a mediator adds (a counsellor, a third party); ended, never deleted.
Messages to the member are addressed to the complainant's party, and the timeline says so."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accord.cases import parties, services
from accord.cases.models import Case, CaseEvent, EventKind, Message, Party, PartyKind
from accord.cases.permissions import MEMBER, Actor
from accord.cases.workflow import StepInput, case_transition
from accord.core.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails

BRUSSELS = ZoneInfo("Europe/Brussels")


def _page(client, case, language="en") -> str:
    return client.get(f"/{language}/staff/cases/{case.reference}/").content.decode()


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_complaint_from_every_way_in_has_its_complainant_party(ilse, finance):
    web = services.complaint_receive(
        complainant={"name": "Marie Lambert", "email": "marie@example.org", "language": "fr"},
        channel="web",
        subject="Facture",
        description="Ma facture est fausse.",
        language="fr",
    )
    phone = services.complaint_receive(
        complainant={"name": "Jan Peeters", "phone": "+32470123456", "language": "nl"},
        channel="phone",
        subject="Factuur",
        description="Mijn factuur klopt niet.",
        language="nl",
        recorded_by=ilse,
        department=finance,
    )
    by_email = inbound_email_receive(raw=mails.new_complaint()).inbound.case
    for case, language in ((web, "fr"), (phone, "nl"), (by_email, by_email.language)):
        (complainant,) = case.parties.filter(kind=PartyKind.COMPLAINANT)
        assert complainant.language == language and complainant.ended_at is None
    (department,) = phone.parties.filter(kind=PartyKind.DEPARTMENT)
    assert department.department == finance and department.added_by == ilse
    assert not web.parties.filter(kind=PartyKind.DEPARTMENT).exists()


def test_redirecting_and_classifying_make_the_department_a_party_once(make_case, marie, maya, finance):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    services.case_classify(case=case, user=maya, category=None, department=finance)
    case_transition(
        case=case,
        name="redirect",
        actor=Actor.for_user(maya),
        data=StepInput(department=finance, reason="Le service financier doit d'abord répondre."),
    )
    (party,) = case.parties.filter(kind=PartyKind.DEPARTMENT)
    assert party.department == finance and party.language == "fr"
    events = CaseEvent.objects.filter(case=case, kind=EventKind.PARTY)
    assert [e.data["why"] for e in events] == ["classification"]


def test_a_redirect_to_a_new_department_adds_it(make_case, marie, maya, finance):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    case_transition(
        case=case, name="redirect", actor=Actor.for_user(maya), data=StepInput(department=finance, reason="D'abord.")
    )
    assert case.parties.filter(kind=PartyKind.DEPARTMENT, department=finance).exists()
    assert CaseEvent.objects.get(case=case, kind=EventKind.PARTY).data["why"] == "redirect"


def test_a_mediator_adds_a_third_party_and_a_department_and_ends_one_without_deleting_it(
    make_case, marie, maya, finance
):
    case = make_case(marie)
    counsellor = parties.party_add(
        case=case,
        user=maya,
        kind="other",
        role="Conseillère d'entreprise",
        name="Sophie Martin",
        email="Sophie.Martin@example.org",
        language="fr",
    )
    department = parties.party_add(case=case, user=maya, kind="department", department=finance)
    assert (counsellor.email, counsellor.role, counsellor.added_by) == (
        "sophie.martin@example.org",
        "Conseillère d'entreprise",
        maya,
    )
    with pytest.raises(ValidationFailed):
        parties.party_add(case=case, user=maya, kind="department", department=finance)
    parties.party_end(case=case, user=maya, party_id=counsellor.pk)
    counsellor.refresh_from_db()
    assert counsellor.ended_at is not None and counsellor.ended_by == maya
    assert Party.objects.filter(pk=counsellor.pk).exists()
    with pytest.raises(TransitionNotAllowed):
        parties.party_end(case=case, user=maya, party_id=counsellor.pk)
    actions = list(CaseEvent.objects.filter(case=case, kind=EventKind.PARTY).values_list("data__action", flat=True))
    assert actions == ["added", "added", "ended"]
    assert department.kind == PartyKind.DEPARTMENT


def test_the_complainant_stays_a_party_and_another_party_needs_a_name_and_role(make_case, marie, maya, ilse):
    case = make_case(marie)
    complainant = case.parties.get(kind=PartyKind.COMPLAINANT)
    with pytest.raises(TransitionNotAllowed):
        parties.party_end(case=case, user=maya, party_id=complainant.pk)
    with pytest.raises(ValidationFailed):
        parties.party_add(case=case, user=maya, kind="other", name="Sophie Martin")
    with pytest.raises(ValidationFailed):
        parties.party_add(case=case, user=maya, kind="complainant", name="Quelqu'un", role="x")
    with pytest.raises(PermissionDenied):
        parties.party_add(case=make_case(marie, recorded_by=ilse), user=ilse, kind="other", name="X", role="y")


def test_messages_to_and_from_the_member_are_the_complainant_partys(make_case, marie, maya):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    services.staff_message_send(case=case, user=maya, body="Pouvez-vous préciser ?")
    case = case_transition(case=case, name="accept", actor=Actor.for_user(maya))
    case_transition(case=case, name="ask_member", actor=Actor.for_user(maya), data=StepInput(message="Quel mois ?"))
    services.member_message_add(case=case, body="Mars.")
    complainant = case.parties.get(kind=PartyKind.COMPLAINANT)
    assert set(Message.objects.filter(case=case).values_list("party", flat=True)) == {complainant.pk}
    assert CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_TO_MEMBER).data["party"] == complainant.pk
    assert CaseEvent.objects.get(case=case, data__transition="ask_member").data["party"] == complainant.pk


def test_the_timeline_says_whom_each_message_is_addressed_to_and_the_page_shows_the_parties(
    client, make_case, marie, maya, finance
):
    case = make_case(marie)
    services.staff_message_send(case=case, user=maya, body="Pouvez-vous préciser ?")
    parties.party_add(case=case, user=maya, kind="other", role="Comptable du sociétaire", name="Luc Bernard")
    parties.party_add(case=case, user=maya, kind="department", department=finance)
    client.force_login(maya)
    page = _page(client, case)
    timeline = _text(page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0])
    assert "Message to the member — To: Marie Lambert (Complainant)" in timeline
    assert "Maya Mertens added Luc Bernard as a party (Other party)" in timeline
    assert "Maya Mertens added Finance department as a party (Department concerned)" in timeline
    panel = _text(page.split('id="parties-h"', 1)[1].split("</section>", 1)[0])
    for words in ("Marie Lambert", "Complainant", "Luc Bernard", "Comptable du sociétaire", "Finance department"):
        assert words in panel, words
    french = _page(client, case, "fr")
    assert "À : Marie Lambert (Auteur de la réclamation)" in _text(french)  # U+202F read as a space


def test_the_parties_panel_holds_no_internal_note(client, make_case, marie, maya):
    case = make_case(marie)
    services.note_add(case=case, user=maya, body="Le chef de service reconnaît l'erreur en privé.")
    parties.party_add(case=case, user=maya, kind="other", role="Tiers", name="Luc Bernard")
    client.force_login(maya)
    panel = _page(client, case).split('id="parties-h"', 1)[1].split("</section>", 1)[0]
    assert "reconnaît" not in unescape(panel)


def test_adding_and_ending_a_party_through_the_case_page(client, make_case, marie, maya):
    case = make_case(marie)
    client.force_login(maya)
    url = reverse("cases:party_add", kwargs={"reference": case.reference})
    assert client.post(url, {"kind": "other", "name": "Luc Bernard"}).status_code == 400  # no role
    response = client.post(url, {"kind": "other", "name": "Luc Bernard", "role": "Tiers", "language": "nl"})
    assert response.status_code == 302
    party = case.parties.get(name="Luc Bernard")
    assert party.language == "nl"
    end = reverse("cases:party_end", kwargs={"reference": case.reference, "party_id": party.pk})
    assert client.post(end).status_code == 302
    party.refresh_from_db()
    assert party.ended_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_older_cases_their_parties_and_addresses_their_messages():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0012_refusal_ground_plain_words")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, OldCase = apps.get_model("people", "Person"), apps.get_model("cases", "Case")
    OldDepartment, OldMessage = apps.get_model("cases", "Department"), apps.get_model("cases", "Message")
    OldEvent = apps.get_model("cases", "CaseEvent")
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    OldDepartment.objects.create(code="fin", name_fr="Finances", name_nl="Financiën", name_en="Finance")
    hr = OldDepartment.objects.create(code="hr", name_fr="RH", name_nl="HR", name_en="HR")
    common = {"person": person, "channel": "web", "subject": "s", "description": "d"}
    at = datetime(2026, 3, 2, 10, tzinfo=BRUSSELS)
    plain = OldCase.objects.create(reference="ACC-2026-000001", received_at=at, language="nl", **common)
    redirected = OldCase.objects.create(
        reference="ACC-2026-000002", received_at=at, language="fr", department=hr, **common
    )
    # The historical model computes no hash: the migration only reads these events.
    OldEvent.objects.create(
        case=redirected, kind="transition", data={"transition": "redirect", "department": "fin"}, hash="x" * 64
    )
    OldMessage.objects.create(case=plain, direction="to_member", body="Bonjour")
    OldMessage.objects.create(case=plain, direction="from_member", body="Merci")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    (complainant,) = Party.objects.filter(case_id=plain.pk)
    assert (complainant.kind, complainant.language) == (PartyKind.COMPLAINANT, "nl")
    assert set(Message.objects.filter(case_id=plain.pk).values_list("party", flat=True)) == {complainant.pk}
    kinds = Party.objects.filter(case_id=redirected.pk).values_list("kind", "department__code")
    assert sorted(kinds, key=str) == sorted(
        [(PartyKind.COMPLAINANT, None), (PartyKind.DEPARTMENT, "fin"), (PartyKind.DEPARTMENT, "hr")], key=str
    )
    assert Case.objects.get(pk=plain.pk).parties.count() == 1


def test_the_member_withdrawing_leaves_the_parties_as_they_were(make_case, marie):
    case = make_case(marie)
    case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput())
    assert case.parties.get(kind=PartyKind.COMPLAINANT).ended_at is None
