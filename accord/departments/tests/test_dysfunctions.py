"""Dysfunctions recorded on a case and followed to their end: the due date on the department's office
calendar, each response kept, the state following, the case's timeline and panel saying it."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from accord.cases.models import CaseEvent, EventKind, Office
from accord.core.errors import NotFound, PermissionDenied
from accord.departments.dysfunctions import (
    DysfunctionStepNotAllowed,
    PlannedDateInPast,
    dysfunction_record,
    dysfunction_step,
)
from accord.departments.models import DepartmentContact, DysfunctionStep
from accord.departments.tests.dysfunction_personas import at

FRIDAY = date(2026, 7, 10)  # 14 July is a holiday in Paris, not in Brussels


def record(case, maya, finance, **extra):
    return dysfunction_record(
        case=case,
        user=maya,
        department=finance,
        title=extra.pop("title", "Factures envoyées deux fois"),
        description=extra.pop("description", "Le service envoie une seconde facture avant d'avoir lu le paiement."),
        **extra,
    )


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_response_is_due_in_working_days_of_the_departments_office(make_case, marie, maya, finance, luc):
    with at(FRIDAY):
        case = make_case(marie)
        dysfunction = record(case, maya, finance)
    assert dysfunction.state == "recorded" and dysfunction.working_days == 3
    assert dysfunction.due_date == date(2026, 7, 16)  # Paris: 13, 15, 16 (14 July is off)
    DepartmentContact.objects.filter(department=finance).update(office=Office.objects.get(code="brussels"))
    with at(FRIDAY):
        assert record(case, maya, finance, working_days=3).due_date == date(2026, 7, 15)


def test_a_department_without_contact_counts_on_the_default_office(make_case, marie, maya, finance):
    with at(FRIDAY):
        dysfunction = record(make_case(marie), maya, finance, working_days=3)
    assert dysfunction.due_date == date(2026, 7, 15)  # Brussels, the default office


def test_only_a_mediator_who_may_work_the_case_records_one(make_case, marie, maya, pierre, ilse, finance, luc):
    from accord.cases.services import conflict_declare

    case = make_case(marie, recorded_by=ilse)
    conflict_declare(case=case, user=maya, reason="Ma voisine.")
    with pytest.raises(NotFound):
        record(case, maya, finance)
    with pytest.raises(PermissionDenied):
        record(case, ilse, finance)  # the intake counsellor who recorded it sees the summary only
    with pytest.raises(NotFound):
        record(case, luc, finance)
    assert record(case, pierre, finance).recorded_by == pierre


def test_each_response_is_kept_and_the_state_follows(make_case, marie, maya, finance, luc):
    case = make_case(marie)
    d = record(case, maya, finance)
    d = dysfunction_step(dysfunction=d, user=luc, kind="acknowledge")
    assert d.state == "acknowledged"
    with pytest.raises(DysfunctionStepNotAllowed):
        dysfunction_step(dysfunction=d, user=luc, kind="acknowledge")
    with pytest.raises(PlannedDateInPast):
        dysfunction_step(dysfunction=d, user=luc, kind="plan", text="Relire", planned_for=date(2020, 1, 1))
    soon = timezone.localdate() + timedelta(days=10)
    d = dysfunction_step(
        dysfunction=d, user=luc, kind="plan", text="Lire les paiements avant l'envoi.", planned_for=soon
    )
    assert (d.state, d.planned_for) == ("action_planned", soon)
    later = soon + timedelta(days=7)
    d = dysfunction_step(dysfunction=d, user=luc, kind="plan", text="Reporté : nouvel outil.", planned_for=later)
    assert d.planned_for == later
    d = dysfunction_step(dysfunction=d, user=luc, kind="done", text="Le contrôle est en place depuis lundi.")
    assert d.state == "done"
    with pytest.raises(PermissionDenied):
        dysfunction_step(dysfunction=d, user=luc, kind="close")  # the mediator closes, not the department
    d = dysfunction_step(dysfunction=d, user=maya, kind="close", text="Vérifié avec la sociétaire.")
    assert d.state == "closed" and d.closed_at is not None
    kinds = list(DysfunctionStep.objects.filter(dysfunction=d).values_list("kind", "from_state", "to_state"))
    assert kinds == [
        ("acknowledge", "recorded", "acknowledged"),
        ("plan", "acknowledged", "action_planned"),
        ("plan", "action_planned", "action_planned"),
        ("done", "action_planned", "done"),
        ("close", "done", "closed"),
    ]
    step = DysfunctionStep.objects.first()
    with pytest.raises(ValueError):
        step.save()  # append-only


def test_a_dispute_needs_its_reasons_and_the_mediator_may_reopen_it(make_case, marie, maya, finance, luc):
    from accord.departments.dysfunctions import DysfunctionInputMissing

    with at(FRIDAY):
        d = record(make_case(marie), maya, finance)
        with pytest.raises(DysfunctionInputMissing):
            dysfunction_step(dysfunction=d, user=luc, kind="dispute", text="  ")
        d = dysfunction_step(dysfunction=d, user=luc, kind="dispute", text="La double facture vient du client.")
        assert d.state == "disputed"
        with pytest.raises(PermissionDenied):
            dysfunction_step(dysfunction=d, user=luc, kind="reopen", text="Non")
    with at(date(2026, 7, 20)):
        d = dysfunction_step(
            dysfunction=d, user=maya, kind="reopen", text="Trois autres cas le montrent.", working_days=2
        )
    assert d.state == "recorded" and d.due_date == date(2026, 7, 22)  # a new due date, from the reopening


def test_a_liaison_of_another_department_cannot_respond(make_case, marie, maya, finance, luc, helene):
    d = record(make_case(marie), maya, finance)
    with pytest.raises(NotFound):
        dysfunction_step(dysfunction=d, user=helene, kind="acknowledge")
    with pytest.raises(PermissionDenied):
        dysfunction_step(dysfunction=d, user=maya, kind="acknowledge")  # the department responds, not the mediator


def test_every_step_is_a_sentence_on_the_case_timeline(client, make_case, marie, maya, finance, luc):
    case = make_case(marie)
    with at(FRIDAY):
        d = record(case, maya, finance)
        dysfunction_step(dysfunction=d, user=luc, kind="plan", text="Contrôle.", planned_for=date(2026, 9, 1))
    assert CaseEvent.objects.filter(case=case, kind=EventKind.DYSFUNCTION).count() == 2
    client.force_login(maya)
    page = text_of(client.get(f"/en/staff/cases/{case.reference}/"))
    assert (
        "Maya Mertens recorded a dysfunction for Finance department: “Factures envoyées deux fois”; "
        "its response is due on 16 July 2026" in page
    )
    assert (
        "Finance department planned an action on the dysfunction “Factures envoyées deux fois” for 1 September 2026 (Luc Lenoir)"
        in page
    )
    french = text_of(client.get(f"/fr/staff/cases/{case.reference}/"))
    assert "Luc Lenoir" in french and "Direction financière a planifié une action" in french
    assert "1er septembre 2026" in french


def test_the_case_panel_shows_the_dysfunctions_and_records_one(client, make_case, marie, maya, finance, luc):
    case = make_case(marie)
    client.force_login(maya)
    url = f"/en/staff/departments/cases/{case.reference}/dysfunctions/"
    response = client.post(url, {"dysfunction-title": "", "dysfunction-department": finance.pk})
    assert response.status_code == 400 and "Record a dysfunction" in response.content.decode()
    response = client.post(
        url,
        {
            "dysfunction-title": "Relances envoyées pendant la réclamation",
            "dysfunction-description": "Le recouvrement relance alors que la réclamation est ouverte.",
            "dysfunction-department": finance.pk,
            "dysfunction-working_days": 5,
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/en/staff/cases/{case.reference}/"
    d = case.dysfunctions.get()
    dysfunction_step(dysfunction=d, user=luc, kind="dispute", text="Le blocage n'a pas été demandé.")
    page = text_of(client.get(f"/en/staff/cases/{case.reference}/"))
    panel = page.split("Dysfunctions", 1)[1]
    assert "Relances envoyées pendant la réclamation" in panel and "Disputed by the department" in panel
    assert "Le blocage n'a pas été demandé." in panel  # the latest response, shown to the mediator


def test_the_dysfunction_page_shows_the_history_and_lets_the_mediator_close_and_reopen(
    client, make_case, marie, maya, finance, luc
):
    case = make_case(marie)
    d = record(case, maya, finance)
    dysfunction_step(dysfunction=d, user=luc, kind="done", text="Corrigé dans le logiciel.")
    client.force_login(maya)
    url = f"/en/staff/departments/dysfunctions/{d.pk}/"
    page = text_of(client.get(url))
    assert "Corrigé dans le logiciel." in page and "Close the dysfunction" in page and "Reopen" in page
    assert client.post(url + "reopen/", {"reopen-text": ""}).status_code == 400  # the reason is required
    assert client.post(url + "close/", {"close-text": "Vu."}).status_code == 302
    d.refresh_from_db()
    assert d.state == "closed"
    assert client.post(url + "close/", {"close-text": "Encore"}).status_code == 400  # already closed
    assert client.post(url + "nonsense/", {}).status_code == 404
