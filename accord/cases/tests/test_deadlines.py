"""The procedure's delays: working days by the office's holidays, calendar days, pauses, extensions."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accord.cases import deadlines
from accord.cases.links import member_token
from accord.cases.models import Case, CaseEvent, Deadline, DeadlineKind, EventKind, Status
from accord.cases.permissions import Actor
from accord.cases.services import member_message_add, outcome_deadline_extend
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import PASSWORD
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.notifications.models import OutboundEmail

BRUSSELS = ZoneInfo("Europe/Brussels")
K = DeadlineKind


def due(case, kind):
    """The deadline of that kind in the case's current cycle."""
    case.refresh_from_db(fields=["cycle"])
    return Deadline.objects.get(case=case, kind=kind, cycle=case.cycle).due_date


def open_dues(case):
    return sorted(
        Deadline.objects.filter(case=case, met_at__isnull=True, cancelled_at__isnull=True).values_list(
            "due_date", flat=True
        )
    )


@pytest.fixture
def mediator(maya):
    return Actor.for_user(maya)


def test_delays_of_a_belgian_case_received_before_the_national_day(make_case, marie):
    # Friday 18 July 2025; Monday 21 July is a Belgian holiday.
    case = make_case(marie, office_country="BE", received_at=datetime(2025, 7, 18, 10, tzinfo=BRUSSELS))
    assert due(case, K.ACKNOWLEDGEMENT) == date(2025, 7, 22)
    assert due(case, K.FIRST_ANSWER) == date(2025, 7, 24)
    assert due(case, K.ADMISSIBILITY) == date(2025, 8, 8)  # 21 calendar days
    assert not Deadline.objects.filter(case=case, kind=K.OUTCOME).exists()  # runs from admissibility
    assert (case.next_deadline, case.next_deadline_kind) == (date(2025, 7, 22), K.ACKNOWLEDGEMENT)


def test_delays_of_a_french_case_follow_french_holidays(make_case, marie):
    case = make_case(marie, office_country="FR", received_at=datetime(2025, 7, 18, 10, tzinfo=BRUSSELS))
    assert due(case, K.ACKNOWLEDGEMENT) == date(2025, 7, 21)
    assert due(case, K.FIRST_ANSWER) == date(2025, 7, 23)
    before_14_july = make_case(marie, office_country="FR", received_at=datetime(2025, 7, 11, 10, tzinfo=BRUSSELS))
    assert due(before_14_july, K.ACKNOWLEDGEMENT) == date(2025, 7, 15)
    assert due(before_14_july, K.FIRST_ANSWER) == date(2025, 7, 17)


def test_delays_over_easter_and_whit_monday(make_case, marie):
    easter = make_case(marie, office_country="BE", received_at=datetime(2025, 4, 18, 9, tzinfo=BRUSSELS))
    assert due(easter, K.FIRST_ANSWER) == date(2025, 4, 24)  # Tue 22, Wed 23, Thu 24
    whit = make_case(marie, office_country="FR", received_at=datetime(2025, 6, 6, 9, tzinfo=BRUSSELS))
    assert due(whit, K.ACKNOWLEDGEMENT) == date(2025, 6, 10)


def test_the_received_date_is_the_day_in_brussels_not_in_utc(make_case, marie):
    # 22:30 UTC on Thursday 17 July is already Friday 18 July in Brussels.
    case = make_case(marie, office_country="BE", received_at=datetime(2025, 7, 17, 22, 30, tzinfo=ZoneInfo("UTC")))
    assert due(case, K.ACKNOWLEDGEMENT) == date(2025, 7, 22)


def test_outcome_runs_ninety_calendar_days_from_the_complete_file(make_case, marie, mediator):
    # Received (complete) Monday 3 March 2025, declared admissible today: 90 days from 3 March is
    # Sunday 1 June, so Monday 2 June.
    case = make_case(marie, received_at=datetime(2025, 3, 3, 12, tzinfo=BRUSSELS))
    case = case_transition(case=case, name="acknowledge", actor=mediator)
    case = case_transition(case=case, name="accept", actor=mediator)
    assert due(case, K.OUTCOME) == date(2025, 6, 2)
    assert Deadline.objects.get(case=case, kind=K.ADMISSIBILITY).met_at is not None
    with transaction.atomic():
        deadlines.deadline_start_outcome(case, start=date(2025, 3, 4))
    assert due(case, K.OUTCOME) == date(2025, 6, 2)


def test_awaiting_the_member_stops_the_clock_and_pushes_the_deadlines_back(make_case, marie, mediator):
    case = make_case(marie)
    case = case_transition(case=case, name="acknowledge", actor=mediator)
    admissibility = due(case, K.ADMISSIBILITY)
    case = case_transition(case=case, name="ask_member", actor=mediator, data=StepInput(message="Quelle facture ?"))
    assert case.paused_since is not None
    # Only the member's own time to answer runs while the case waits for them.
    assert (case.next_deadline, case.next_deadline_kind) == (due(case, K.AWAITING_MEMBER), K.AWAITING_MEMBER)
    # The member answers twelve days later.
    Case.objects.filter(pk=case.pk).update(paused_since=timezone.now() - timedelta(days=12))
    member_message_add(case=Case.objects.get(pk=case.pk), body="La facture 2025-031.")
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED and case.paused_since is None
    pushed = deadlines.next_working_day(admissibility + timedelta(days=12), "BE")  # a weekend moves to Monday
    assert due(case, K.ADMISSIBILITY) == pushed
    # The member's message is owed a reply within the first-answer delay: now the earliest deadline.
    assert (case.next_deadline, case.next_deadline_kind) == (due(case, K.REPLY), K.REPLY)
    event = CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE).get()
    assert event.data["reason"] == "paused"
    assert event.actor_kind == "member"
    assert event.data["changes"] == [
        {
            "kind": K.ADMISSIBILITY,
            "from": admissibility.isoformat(),
            "to": pushed.isoformat(),
        }
    ]


def test_a_pause_pushes_working_day_delays_by_working_days(make_case, marie):
    # Received Monday 14 July 2025 in Belgium: acknowledgement Tue 15, first answer Thu 17.
    case = make_case(marie, office_country="BE", received_at=datetime(2025, 7, 14, 9, tzinfo=BRUSSELS))
    assert (due(case, K.ACKNOWLEDGEMENT), due(case, K.FIRST_ANSWER)) == (date(2025, 7, 15), date(2025, 7, 17))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.save(update_fields=deadlines.deadlines_pause(case, at=datetime(2025, 7, 16, 10, tzinfo=BRUSSELS)))
        # Back on Wednesday 23: 17, 18, 22, 23 July are four Belgian working days (21 is a holiday).
        case.save(update_fields=deadlines.deadlines_resume(case, at=datetime(2025, 7, 23, 10, tzinfo=BRUSSELS)))
    assert due(case, K.ACKNOWLEDGEMENT) == date(2025, 7, 22)
    assert due(case, K.FIRST_ANSWER) == date(2025, 7, 24)
    assert due(case, K.ADMISSIBILITY) == date(2025, 8, 4) + timedelta(days=7)
    case.refresh_from_db()
    assert (case.paused_since, case.next_deadline) == (None, date(2025, 7, 22))


def test_overdue_cases_show_in_the_queues_overdue_filter(client, make_case, marie, jan, maya, mediator):
    late = make_case(marie, received_at=timezone.now() - timedelta(days=30), subject="En retard")
    on_time = make_case(jan, subject="A temps")
    waiting = make_case(jan, received_at=timezone.now() - timedelta(days=30), subject="En attente")
    waiting = case_transition(case=waiting, name="acknowledge", actor=mediator)
    case_transition(case=waiting, name="ask_member", actor=mediator, data=StepInput(message="?"))
    assert late.is_overdue and not on_time.is_overdue
    client.force_login(maya)
    overdue_page = client.get(reverse("cases:queue"), {"overdue": "1"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert late.reference in overdue_page
    assert on_time.reference not in overdue_page
    assert waiting.reference not in overdue_page  # its clock is stopped
    everything = client.get(reverse("cases:queue")).content.decode()
    assert late.reference in everything and on_time.reference in everything
    # Most urgent first.
    assert everything.index(late.reference) < everything.index(on_time.reference)


def test_an_extension_with_its_reason_is_told_to_the_member_and_recorded(client, make_case, sarah, maya, mediator):
    case = make_case(sarah)
    case = case_transition(case=case, name="acknowledge", actor=mediator)
    case = case_transition(case=case, name="accept", actor=mediator)
    before = due(case, K.OUTCOME)
    client.force_login(maya)
    url = reverse("cases:extend", kwargs={"reference": case.reference})
    response = client.post(url, {"days": "30", "reason": "We are waiting for the auditors' report."})
    assert response.status_code == 302
    case.refresh_from_db()
    outcome = Deadline.objects.get(case=case, kind=K.OUTCOME)
    assert outcome.due_date == deadlines.next_working_day(before + timedelta(days=30), "BE") and outcome.extended
    assert case.next_deadline == outcome.due_date
    event = CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE).get()
    assert event.actor == maya and event.data["reason"] == "We are waiting for the auditors' report."
    assert event.data["changes"] == [
        {"kind": K.OUTCOME, "from": before.isoformat(), "to": outcome.due_date.isoformat()}
    ]
    email = OutboundEmail.objects.get(case=case, template="extended")
    assert email.language == "en" and case.reference in email.subject
    assert "We are waiting for the auditors' report." in email.body_text
    client.logout()  # the member's link is the member's alone
    member_page = client.get(reverse("public:member_case", kwargs={"token": member_token(case)}))
    assert "We are waiting for the auditors&#x27; report." in member_page.content.decode()


def test_an_extension_needs_a_reason_a_sensible_length_and_an_outcome_delay(make_case, marie, maya, mediator):
    case = make_case(marie)
    with pytest.raises(TransitionNotAllowed):  # not yet admissible: no outcome delay to extend
        outcome_deadline_extend(case=case, user=maya, days=10, reason="Complexe.")
    case = case_transition(case=case, name="acknowledge", actor=mediator)
    case = case_transition(case=case, name="accept", actor=mediator)
    with pytest.raises(ValidationFailed):
        outcome_deadline_extend(case=case, user=maya, days=10, reason="  ")
    for days in (0, 91):
        with pytest.raises(ValidationFailed):
            outcome_deadline_extend(case=case, user=maya, days=days, reason="Complexe.")
    assert not Deadline.objects.get(case=case, kind=K.OUTCOME).extended
    assert not OutboundEmail.objects.filter(case=case, template="extended").exists()


def test_next_deadline_is_always_the_earliest_open_one(make_case, marie, mediator):
    case = make_case(marie, received_at=timezone.now() - timedelta(days=2))

    def check(case):
        case.refresh_from_db()
        dues = open_dues(case)
        if case.paused_since:
            dues = [due(case, K.AWAITING_MEMBER)]
        expected = dues[0] if dues else None
        assert case.next_deadline == expected
        if expected is not None:
            assert due(case, case.next_deadline_kind) == expected

    check(case)
    for name, data in [
        ("acknowledge", StepInput()),
        ("ask_member", StepInput(message="?")),
        ("member_replied", StepInput()),
        ("accept", StepInput()),
        ("answer", StepInput(message="Réponse.")),
        ("close", StepInput(outcome="member_favour")),
        ("reopen", StepInput(reason="Faits nouveaux.")),
    ]:
        case = case_transition(case=case, name=name, actor=mediator, data=data)
        check(case)
    assert case.next_deadline == deadlines.next_working_day(timezone.localdate() + timedelta(days=90), "BE")


def test_a_deadline_met_late_is_recorded_as_late(make_case, marie, mediator):
    case = make_case(marie, received_at=timezone.now() - timedelta(days=20))
    case_transition(case=case, name="acknowledge", actor=mediator)
    acknowledgement = Deadline.objects.get(case=case, kind=K.ACKNOWLEDGEMENT)
    assert acknowledgement.met_at is not None and acknowledgement.was_late


def test_staff_can_log_in_and_see_a_cases_delays(client, make_case, marie, maya):
    case = make_case(marie, office_country="BE", received_at=datetime(2025, 7, 18, 10, tzinfo=BRUSSELS))
    assert client.login(username="maya", password=PASSWORD)
    # The URL's language decides (not the header): reverse under English, whatever an earlier test left active.
    with translation.override("en"):
        page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert page.status_code == 200
    assert "Overdue" in page.content.decode()
