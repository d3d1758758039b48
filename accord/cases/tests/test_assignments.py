"""Who holds a case: its history, co-mediation, and the replacement rule when a mediator declares a conflict of
interest (art. 6) or the member asks for another mediator: the mediator with the fewest open cases among those
without a conflict on the case and not away today, ties to the lowest id; both the new mediator and the member
are told; with nobody free the case is flagged and the member is offered another body."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import MediatorAbsence, Role, User
from accord.cases import assignments, services
from accord.cases.links import member_token
from accord.cases.models import (
    Assignment,
    AssignmentReason,
    AssignmentRole,
    Case,
    CaseEvent,
    EventKind,
    Status,
)
from accord.cases.permissions import MEMBER, Actor, can_work_case
from accord.cases.selectors import QueueFilters, case_queue
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import PASSWORD
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.notifications.models import Audience, OutboundEmail

BRUSSELS = ZoneInfo("Europe/Brussels")


def _mediator(username, first, last, language="fr", **extra):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@accord.test",
        role=Role.MEDIATOR,
        language=language,
        **extra,
    )


@pytest.fixture
def sofia(db):
    return _mediator("sofia", "Sofia", "Janssens", language="nl")


@pytest.fixture
def lucas(db):
    return _mediator("lucas", "Lucas", "Moreau", language="en")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _held_by(make_case, person, mediator, *, count=1, **extra):
    """Cases `mediator` leads (taken on with the acknowledge step)."""
    cases = []
    for _ in range(count):
        case = case_transition(case=make_case(person, **extra), name="acknowledge", actor=Actor.for_user(mediator))
        cases.append(case)
    return cases


def _away(mediator, *, start, end):
    return MediatorAbsence.objects.create(mediator=mediator, start=start, end=end)


def _staff_emails(case, user):
    return OutboundEmail.objects.filter(case=case, audience=Audience.STAFF, recipient=user)


def _member_emails(case, template):
    return OutboundEmail.objects.filter(case=case, audience=Audience.MEMBER, template=template)


# -- The replacement rule --------------------------------------------------------------------------------


def test_the_replacement_is_the_free_mediator_with_the_fewest_open_cases(make_case, marie, maya, pierre, sofia):
    (case,) = _held_by(make_case, marie, maya)
    _held_by(make_case, marie, pierre, count=2)
    (sofias,) = _held_by(make_case, marie, sofia)
    # Ended cases are not open: three withdrawn cases of Sofia's do not count.
    for ended in _held_by(make_case, marie, sofia, count=3):
        case_transition(case=ended, name="withdraw", actor=MEMBER, data=StepInput())
    assert [m.open_cases for m in assignments.mediators_free(case=case, exclude=[maya])] == [1, 2]

    case = services.conflict_declare(case=case, user=maya, reason="Marie Lambert est ma cousine.")

    assert case.assigned_to == sofia and case.no_mediator_since is None
    assert CaseEvent.objects.get(case=case, kind=EventKind.CONFLICT).data["handed_to"] == sofia.pk


def test_on_a_tie_the_lowest_id_takes_the_case(make_case, marie, maya, pierre, sofia):
    assert pierre.pk < sofia.pk
    (case,) = _held_by(make_case, marie, maya)
    _held_by(make_case, marie, pierre)
    _held_by(make_case, marie, sofia)
    assert services.conflict_declare(case=case, user=maya, reason="Voisine.").assigned_to == pierre


def test_a_mediator_away_today_is_not_chosen(make_case, marie, maya, pierre, sofia):
    (case,) = _held_by(make_case, marie, maya)
    _held_by(make_case, marie, sofia, count=3)
    today = timezone.localdate()
    _away(pierre, start=today - timedelta(days=2), end=today)
    # An absence that ended yesterday or starts tomorrow does not keep Sofia out.
    _away(sofia, start=today - timedelta(days=9), end=today - timedelta(days=1))
    _away(sofia, start=today + timedelta(days=1), end=today + timedelta(days=5))
    assert services.conflict_declare(case=case, user=maya, reason="Voisine.").assigned_to == sofia


def test_mediators_with_a_conflict_inactive_or_not_mediators_are_never_chosen(
    make_case, marie, maya, pierre, sofia, lucas, ilse
):
    (case,) = _held_by(make_case, marie, maya)
    _held_by(make_case, marie, lucas, count=2)
    # Pierre's conflict on another case keeps him a candidate here.
    services.conflict_declare(case=make_case(marie), user=pierre, reason="Autre dossier: sans effet ici.")
    sofia.is_active = False
    sofia.save(update_fields=["is_active"])
    first = services.conflict_declare(case=case, user=maya, reason="Voisine.")
    assert first.assigned_to == pierre
    # Pierre steps aside too: Maya and he have a conflict, Sofia is inactive, Ilse is intake: Lucas.
    assert services.conflict_declare(case=first, user=pierre, reason="Mon ancien collègue.").assigned_to == lucas
    assert ilse.pk not in assignments.mediators_free(case=case).values_list("pk", flat=True)


# -- Who is told, in which language -------------------------------------------------------------------------


def test_the_new_mediator_and_the_member_are_told_each_in_their_language(make_case, sarah, marie, maya, sofia):
    (case,) = _held_by(make_case, sarah, maya)  # an English case; Sofia reads Dutch
    services.conflict_declare(case=case, user=maya, reason="Sarah Smith is my neighbour.")

    (staff,) = _staff_emails(case, sofia)
    assert staff.language == "nl" and staff.template == "staff_assigned" and staff.to == "sofia@accord.test"
    assert f"Dossier {case.reference} is nu van u" in staff.subject
    assert "belangenconflict" in staff.body_text and "/nl/staff/cases/" in staff.body_text
    assert "Sarah Smith is my neighbour" not in staff.body_text  # the reason stays on the case's record
    (member,) = _member_emails(case, "mediator_changed")
    assert member.language == "en" and member.to == sarah.email
    assert "stepped aside from your case to stay impartial" in member.body_text
    assert "Your case is now handled by Sofia Janssens." in member.body_text

    (french,) = _held_by(make_case, marie, sofia)
    services.conflict_declare(case=french, user=sofia, reason="Ma voisine.")
    (member,) = _member_emails(french, "mediator_changed")
    assert member.language == "fr" and "Votre dossier est désormais suivi par Maya Mertens." in member.body_text
    (staff,) = _staff_emails(french, maya)
    assert staff.language == "fr" and "conflit d’intérêts" in staff.body_text


def test_a_co_mediator_stepping_aside_leaves_the_lead_and_tells_nobody(make_case, marie, maya, pierre, sofia):
    (case,) = _held_by(make_case, marie, maya)
    assignments.comediator_add(case=case, user=maya, mediator=pierre)
    before = OutboundEmail.objects.filter(case=case).count()
    case = services.conflict_declare(case=case, user=pierre, reason="Mon beau-frère.")
    assert case.assigned_to == maya and not can_work_case(pierre, case)
    assert not case.assignments.filter(mediator=pierre, ended_at__isnull=True).exists()
    assert OutboundEmail.objects.filter(case=case).count() == before


# -- Nobody free --------------------------------------------------------------------------------------------


def test_with_nobody_free_the_case_is_flagged_and_the_member_offered_another_body(
    client, settings, make_case, marie, maya, pierre
):
    settings.ACCORD_ALTERNATIVE_BODY = {
        "name": {"fr": "l’Ordre des médiateurs", "nl": "de Orde", "en": "the Order of Mediators"},
        "url": "https://mediateurs.example.org/",
    }
    (case,) = _held_by(make_case, marie, maya)
    today = timezone.localdate()
    _away(pierre, start=today, end=today + timedelta(days=10))

    case = services.conflict_declare(case=case, user=maya, reason="Ma cousine.")

    assert case.assigned_to is None and case.no_mediator_since is not None
    (email,) = _member_emails(case, "no_mediator")
    assert email.language == "fr"
    assert "l’Ordre des médiateurs" in email.body_text and "https://mediateurs.example.org/" in email.body_text
    assert "Aucun autre médiateur d’Accord n’est disponible" in email.body_text
    assert not OutboundEmail.objects.filter(case=case, audience=Audience.STAFF).exists()
    event = CaseEvent.objects.get(case=case, kind=EventKind.CONFLICT)
    assert event.data["handed_to"] is None and event.data["no_mediator"] is True

    client.force_login(pierre)
    queue = client.get("/en/staff/").content.decode()
    row = queue.split(case.reference, 1)[1].split("</tr>", 1)[0]
    assert "No mediator free" in row
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert 'data-testid="no-mediator"' in page
    assert "https://mediateurs.example.org/" in _member_page(case)

    # Back from his absence, Pierre takes it: the flag goes and the member is told who handles the case.
    case = services.case_assign(case=case, user=pierre, mediator=pierre)
    assert case.no_mediator_since is None
    (found,) = _member_emails(case, "mediator_changed")
    assert "Pierre Dubois" in found.body_text


def test_the_default_other_body_is_the_federal_mediation_commission(make_case, jan, maya):
    (case,) = _held_by(make_case, jan, maya)
    services.conflict_declare(case=case, user=maya, reason="Mijn buurman.")
    (email,) = _member_emails(case, "no_mediator")
    assert "Federale Bemiddelingscommissie" in email.body_text and "https://www.cfm-fbc.be/" in email.body_text


# -- The member asks for another mediator ---------------------------------------------------------------------


def _member_page(case) -> str:
    from accord.testing.auth import Client

    return Client().get(reverse("public:member_case", kwargs={"token": member_token(case)})).content.decode()


def _ask(case, reason):
    from accord.testing.auth import Client

    url = reverse("public:member_mediator_change", kwargs={"token": member_token(case)})
    return Client().post(url, {"reason": reason})


def test_the_member_asks_for_another_mediator_from_their_page(make_case, sarah, maya, pierre, sofia):
    (case,) = _held_by(make_case, sarah, maya)
    _held_by(make_case, sarah, pierre)
    page = _member_page(case)
    assert "Your case is handled by Maya Mertens." in page and "Ask for another mediator" in page

    assert _ask(case, "  ").status_code == 400
    response = _ask(case, "We do not understand each other.")

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == sofia  # fewest open cases among the others
    request = CaseEvent.objects.get(case=case, kind=EventKind.MEDIATOR_REQUEST)
    assert request.actor_kind == "member" and request.data == {
        "reason": "We do not understand each other.",
        "from": maya.pk,
    }
    (staff,) = _staff_emails(case, sofia)
    assert staff.language == "nl" and "vennoot heeft om een andere bemiddelaar gevraagd" in staff.body_text
    (member,) = _member_emails(case, "mediator_changed")
    assert "You asked for another mediator." in member.body_text and "Sofia Janssens" in member.body_text
    lead = case.assignments.get(ended_at__isnull=True)
    assert (lead.mediator, lead.reason) == (sofia, AssignmentReason.MEMBER_REQUEST)
    assert can_work_case(maya, case)  # the former mediator still sees the case (and the reason)


def test_a_second_request_never_gives_back_a_mediator_the_member_asked_to_replace(make_case, sarah, maya, pierre):
    (case,) = _held_by(make_case, sarah, maya)
    _ask(case, "Pas de courant.")
    case.refresh_from_db()
    assert case.assigned_to == pierre
    # Maya, the only other mediator, was asked away: nobody is free. Pierre keeps it, the case is flagged.
    _ask(case, "Toujours pas.")
    case.refresh_from_db()
    assert case.assigned_to == pierre and case.no_mediator_since is not None
    (email,) = _member_emails(case, "no_mediator")
    assert "Pierre Dubois keeps handling it for now" in email.body_text
    page = _member_page(case)
    assert "Ask for another mediator" not in page and "Pierre Dubois keeps handling it for now" in page
    assert _ask(case, "Encore.").status_code == 400
    with pytest.raises(TransitionNotAllowed):
        assignments.mediator_change_request(case=case, reason="Encore.")


def test_another_mediator_is_offered_only_while_a_mediator_holds_the_open_case(make_case, marie, maya):
    case = make_case(marie)
    assert "Ask for another mediator" not in _member_page(case)
    assert _ask(case, "Je préfère quelqu’un d’autre.").status_code == 400
    (case,) = _held_by(make_case, marie, maya)
    case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput())
    assert "Ask for another mediator" not in _member_page(Case.objects.get(pk=case.pk))
    with pytest.raises(ValidationFailed):
        assignments.mediator_change_request(case=case, reason="")


# -- Co-mediation -------------------------------------------------------------------------------------------


def test_a_co_mediator_works_the_case_like_its_lead_and_finds_it_in_their_queue(client, make_case, marie, maya, sofia):
    (case,) = _held_by(make_case, marie, maya)
    assignments.comediator_add(case=case, user=maya, mediator=sofia)
    (told,) = _staff_emails(case, sofia)
    assert "co-bemiddelaar" in told.subject

    mine = case_queue(user=sofia, filters=QueueFilters(assignee="me"))
    assert list(mine) == [case]
    case = case_transition(case=case, name="accept", actor=Actor.for_user(sofia))
    services.staff_message_send(case=case, user=sofia, body="Nous avons écrit au service.")
    services.note_add(case=case, user=sofia, body="Vu avec Maya.")
    assert case.status == Status.INVESTIGATING and case.assigned_to == maya

    client.force_login(sofia)
    page = _text(client.get(f"/en/staff/cases/{case.reference}/").content.decode())
    assert "Co-mediators Sofia Janssens" in page
    assert "Maya Mertens added Sofia Janssens as co-mediator" in page

    with pytest.raises(ValidationFailed):
        assignments.comediator_add(case=case, user=maya, mediator=sofia)
    with pytest.raises(ValidationFailed):
        assignments.comediator_add(case=case, user=sofia, mediator=maya)  # she leads it
    assignments.comediator_end(case=case, user=maya, mediator_id=sofia.pk)
    assert list(case_queue(user=sofia, filters=QueueFilters(assignee="me"))) == []


def test_a_mediator_with_a_conflict_cannot_be_added_and_a_co_mediator_can_become_lead(
    make_case, marie, maya, pierre, sofia
):
    (case,) = _held_by(make_case, marie, maya)
    other = make_case(marie)
    services.conflict_declare(case=other, user=pierre, reason="Ma sœur.")
    with pytest.raises(ValidationFailed):
        assignments.comediator_add(case=other, user=maya, mediator=pierre)
    assignments.comediator_add(case=case, user=maya, mediator=sofia)
    services.case_assign(case=case, user=maya, mediator=sofia)
    rows = list(case.assignments.filter(mediator=sofia).order_by("id").values_list("role", "ended_at"))
    assert rows[0][0] == AssignmentRole.CO and rows[0][1] is not None
    assert rows[1] == (AssignmentRole.LEAD, None)


def test_adding_and_ending_a_co_mediator_through_the_case_page(client, make_case, marie, maya, sofia):
    (case,) = _held_by(make_case, marie, maya)
    client.force_login(maya)
    add = reverse("cases:comediator_add", kwargs={"reference": case.reference})
    assert client.post(add, {}).status_code == 400
    assert client.post(add, {"mediator": sofia.pk}).status_code == 302
    end = reverse("cases:comediator_end", kwargs={"reference": case.reference, "mediator_id": sofia.pk})
    assert client.post(end).status_code == 302
    assert client.post(end).status_code == 400  # already ended


# -- The history ----------------------------------------------------------------------------------------------


def test_the_history_says_who_held_the_case_when_and_why(client, make_case, marie, maya, pierre, sofia, lucas):
    (case,) = _held_by(make_case, marie, maya)  # taken on
    case = services.case_assign(case=case, user=maya, mediator=pierre)  # assigned
    today = timezone.localdate()
    _away(pierre, start=today, end=today + timedelta(days=14))
    case = services.case_assign(case=case, user=maya, mediator=sofia)  # Pierre is away
    case = services.conflict_declare(case=case, user=sofia, reason="Mon ancienne collègue.")  # to Lucas (or Maya)
    rows = list(case.assignments.order_by("started_at", "id"))
    assert [(r.mediator, r.reason) for r in rows] == [
        (maya, AssignmentReason.TAKEN),
        (pierre, AssignmentReason.ASSIGNED),
        (sofia, AssignmentReason.ABSENCE),
        (case.assigned_to, AssignmentReason.CONFLICT),
    ]
    assert all(r.ended_at is not None for r in rows[:-1]) and rows[-1].ended_at is None
    assert [r.started_at for r in rows[1:]] == [r.ended_at for r in rows[:-1]]
    assert Assignment.objects.filter(case=case, ended_at__isnull=True).count() == 1
    (told,) = _staff_emails(case, sofia)
    assert "Pierre Dubois" in told.body_text  # she replaces him while he is away

    client.force_login(maya)
    page = _text(client.get(f"/en/staff/cases/{case.reference}/").content.decode())
    history = page.split("Who held the case", 1)[1]
    assert "Maya Mertens (Lead mediator)" in history and "Took the case on" in history
    assert "Replacing a mediator who is away" in history
    assert "Maya Mertens gave the case to Sofia Janssens while Pierre Dubois is away" in page
    assert "now leads the case, chosen by the replacement rule after a conflict of interest" in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_reads_the_assignment_history_back_from_the_timeline():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    maya = _mediator("maya", "Maya", "Mertens")
    pierre = _mediator("pierre", "Pierre", "Dubois")
    before = [("cases", "0012_refusal_ground_plain_words")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, OldCase, OldEvent = (
        apps.get_model(*m) for m in [("people", "Person"), ("cases", "Case"), ("cases", "CaseEvent")]
    )
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    common = {"person": person, "channel": "web", "subject": "s", "description": "d", "language": "fr"}
    t = [datetime(2026, 3, day, 10, tzinfo=BRUSSELS) for day in (2, 3, 9)]
    case = OldCase.objects.create(reference="ACC-2026-000001", received_at=t[0], assigned_to_id=pierre.pk, **common)
    untold = OldCase.objects.create(reference="ACC-2026-000002", received_at=t[0], assigned_to_id=maya.pk, **common)
    for kind, at, data, actor in [
        ("transition", t[0], {"transition": "acknowledge", "assigned_to": maya.pk}, maya.pk),
        ("conflict", t[2], {"reason": "x", "handed_to": pierre.pk}, maya.pk),
        ("assignment", t[2], {"from": maya.pk, "to": pierre.pk}, maya.pk),
    ]:
        OldEvent.objects.create(case=case, kind=kind, created_at=at, data=data, actor_id=actor, hash="x" * 64)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = list(
        Assignment.objects.filter(case_id=case.pk)
        .order_by("id")
        .values_list("mediator", "reason", "started_at", "ended_at")
    )
    assert rows == [(maya.pk, "taken", t[0], t[2]), (pierre.pk, "conflict", t[2], None)]
    (earlier,) = Assignment.objects.filter(case_id=untold.pk)
    assert (earlier.mediator_id, earlier.reason, earlier.ended_at) == (maya.pk, "earlier", None)


def test_the_administrator_configures_mediators_absences_in_the_admin(client, anna, pierre):
    client.force_login(anna)
    assert client.get("/en/admin/accounts/mediatorabsence/").status_code == 200
    response = client.post(
        "/en/admin/accounts/mediatorabsence/add/", {"mediator": pierre.pk, "start": "2026-07-20", "end": "2026-08-07"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (absence,) = MediatorAbsence.objects.all()
    assert (absence.mediator, str(absence.start), str(absence.end)) == (pierre, "2026-07-20", "2026-08-07")
    refused = client.post(
        "/en/admin/accounts/mediatorabsence/add/", {"mediator": pierre.pk, "start": "2026-08-07", "end": "2026-07-20"}
    )
    assert refused.status_code == 200 and MediatorAbsence.objects.count() == 1
