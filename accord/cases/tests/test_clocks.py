"""The procedure's clocks (issue 7, "Clocks"): the outcome from the complete file, a refusal meets its
deadlines, a reply owed to every message of the member, the member's own time to answer, calendar-day
deadlines on working days, the extensions' cap.

Dates are real dates: the clock is moved with time-machine (the code reads the real clock)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accord.cases.links import member_token
from accord.cases.models import Case, CaseEvent, Deadline, DeadlineKind, DiscontinueGround, EventKind, Status
from accord.cases.permissions import MEMBER, Actor
from accord.cases.services import (
    case_assign,
    file_complete_mark,
    member_message_add,
    outcome_deadline_extend,
    staff_message_send,
)
from accord.cases.workflow import StepInput, case_transition
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.notifications.models import NoticeKind, OutboundEmail
from accord.notifications.reminders import deadline_notices_send, member_reminders_send
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")
K = DeadlineKind


def at(day: date, hour: int = 10):
    """Move the clock to that day in Brussels (the code reads the real clock)."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


def due(case, kind):
    return Deadline.objects.get(case=case, kind=kind)


def step(case, name, user, **data):
    return case_transition(case=case, name=name, actor=Actor.for_user(user), data=StepInput(**data))


# -- 1. The outcome runs from the complete file -------------------------------------------------


def test_a_complaint_received_complete_on_2_march_and_accepted_on_23_march_is_due_31_may(make_case, marie, maya):
    with at(date(2027, 3, 2)):
        case = make_case(marie, office_country="BE")
    assert case.file_complete_on == date(2027, 3, 2)
    with at(date(2027, 3, 3)):
        case = step(case, "acknowledge", maya)
    with at(date(2027, 3, 23)):
        case = step(case, "accept", maya)
    # 90 days from the complete file, not from the decision (which would be 21 June).
    assert due(case, K.OUTCOME).due_date == date(2027, 5, 31)
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert event.data["file_complete_on"] == "2027-03-02"


def test_accepting_late_does_not_lengthen_the_outcome_delay(make_case, marie, maya):
    with at(date(2027, 3, 2)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
    with at(date(2027, 4, 12)):  # 41 days later, well past the 3 weeks
        case = step(case, "accept", maya)
    assert due(case, K.OUTCOME).due_date == date(2027, 5, 31)
    assert due(case, K.ADMISSIBILITY).was_late


def test_a_question_before_admissibility_completes_the_file_on_the_day_the_member_answers(make_case, marie, maya):
    with at(date(2027, 2, 1)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
    with at(date(2027, 2, 3)):
        case = step(case, "ask_member", maya, message="Pouvez-vous joindre la facture ?")
    with at(date(2027, 2, 10)):
        member_message_add(case=case, body="La voici.")
    case.refresh_from_db()
    assert case.file_complete_on == date(2027, 2, 10)
    with at(date(2027, 2, 15)):
        case = step(case, "accept", maya)
    assert due(case, K.OUTCOME).due_date == date(2027, 5, 11)  # 10 February + 90 days


def test_a_question_after_admissibility_pauses_the_clock_but_keeps_the_complete_file(make_case, marie, maya):
    with at(date(2027, 3, 2)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
        case = step(case, "accept", maya)
        case = step(case, "ask_member", maya, message="Une précision ?")
    with at(date(2027, 3, 9)):
        member_message_add(case=case, body="Voilà.")
    case.refresh_from_db()
    assert case.file_complete_on == date(2027, 3, 2)
    assert due(case, K.OUTCOME).due_date == date(2027, 6, 7)  # 31 May pushed back by the week waited


def test_a_mediator_marks_the_file_complete_from_the_case_page(client, make_case, marie, maya):
    with at(date(2027, 3, 2)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
    with at(date(2027, 3, 10)):
        client.force_login(maya)
        url = reverse("cases:file_complete", kwargs={"reference": case.reference})
        page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
        assert url in page
        assert client.post(url, {"on": "2027-03-12"}).status_code == 400  # not in the future
        assert client.post(url, {"on": "2027-03-01"}).status_code == 400  # not before it was received
        assert client.post(url, {"on": "2027-03-08"}).status_code == 302
        case.refresh_from_db()
        assert case.file_complete_on == date(2027, 3, 8)
        event = CaseEvent.objects.filter(case=case, kind=EventKind.FILE_COMPLETE).get()
        assert (event.actor, event.data) == (maya, {"from": "2027-03-02", "to": "2027-03-08"})
        case = step(case, "accept", maya)
    assert due(case, K.OUTCOME).due_date == date(2027, 6, 7)  # 8 March + 90 days, a Sunday → Monday
    with pytest.raises(ValidationFailed) as error:  # decided: the clock runs, it is not moved any more
        file_complete_mark(case=case, user=maya, on=date(2027, 3, 9))
    assert error.value.code == "file_complete_decided"


def test_refusing_after_the_three_weeks_is_flagged_first_and_recorded_as_late(client, make_case, marie, maya):
    with at(date(2027, 3, 1)):
        case = make_case(marie)
    with at(date(2027, 3, 25)):  # the admissibility deadline was 22 March
        data = StepInput(ground="outside_remit", reason="Hors de notre champ.")
        with pytest.raises(ValidationFailed) as error:
            case_transition(case=case, name="refuse", actor=Actor.for_user(maya), data=data)
        assert error.value.code == "late_unconfirmed"
        case.refresh_from_db()
        assert case.status == Status.RECEIVED
        assert not OutboundEmail.objects.filter(case=case, template="refused").exists()
        # The case page warns and asks for the confirmation.
        client.force_login(maya)
        with translation.override("en"):
            detail = reverse("cases:detail", kwargs={"reference": case.reference})
            step_url = reverse("cases:step", kwargs={"reference": case.reference, "name": "refuse"})
        page = client.get(detail).content.decode()
        assert 'data-testid="late-warning"' in page and "refuse-late_confirmed" in page
        posted = {"refuse-ground": "outside_remit", "refuse-reason": "Hors de notre champ."}
        assert client.post(step_url, posted).status_code == 400
        assert client.post(step_url, {**posted, "refuse-late_confirmed": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REFUSED
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert event.data["late"] == {"deadline": K.ADMISSIBILITY, "due_date": "2027-03-22"}


# -- 2. A refusal is a decision ------------------------------------------------------------------


def test_a_refusal_meets_the_admissibility_and_first_answer_deadlines(make_case, marie, maya):
    with at(date(2027, 3, 1)):
        case = make_case(marie)
    with at(date(2027, 3, 2)):
        case = step(case, "refuse", maya, ground="outside_remit", reason="Hors de notre champ.")
    refused_at = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id").created_at
    for kind in (K.ACKNOWLEDGEMENT, K.ADMISSIBILITY, K.FIRST_ANSWER):
        deadline = due(case, kind)
        assert (deadline.met_at, deadline.cancelled_at, deadline.was_late) == (refused_at, None, False), kind
    # On time, no confirmation asked, nothing flagged.
    assert "late" not in CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id").data


# -- 3. A reply owed to every message of the member ----------------------------------------------


def test_a_message_through_the_member_link_opens_a_reply_deadline_met_by_the_next_message_to_them(
    client, make_case, marie, maya
):
    with at(date(2027, 3, 1)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
        case = step(case, "accept", maya)
    with at(date(2027, 3, 5)):  # a Friday: three working days is Wednesday
        url = reverse("public:member_reply", kwargs={"token": member_token(case)})
        assert client.post(url, {"body": "Avez-vous du nouveau ?"}).status_code == 302
    case.refresh_from_db()
    reply = due(case, K.REPLY)
    assert reply.is_open and reply.due_date == date(2027, 3, 10)
    assert (case.next_deadline, case.next_deadline_kind) == (date(2027, 3, 10), K.REPLY)
    # Shown in the queue, and reminded to the mediator the working day before.
    with at(date(2027, 3, 9)):
        client.force_login(maya)
        with translation.override("en"):
            queue = client.get(reverse("cases:queue")).content.decode()
        assert "Reply to the member&#x27;s message" in queue
        notices = deadline_notices_send(today=date(2027, 3, 9))
        assert [(n.kind, n.deadline_kind) for n in notices] == [(NoticeKind.REMINDER, K.REPLY)]
        staff_message_send(case=case, user=maya, body="Nous y travaillons.")
    reply.refresh_from_db()
    assert reply.met_at is not None and not reply.was_late
    case.refresh_from_db()
    assert case.next_deadline_kind == K.OUTCOME


def test_a_message_by_e_mail_opens_the_reply_deadline_too_and_the_oldest_unanswered_one_counts(make_case, marie, maya):
    with at(date(2027, 3, 1)):
        case = make_case(marie)
        case = case_assign(case=case, user=maya, mediator=maya)
    with at(date(2027, 3, 2)):
        inbound_email_receive(raw=mails.gmail_reply(ack=case.emails.get(template="acknowledgement")), source="t")
    assert due(case, K.REPLY).due_date == date(2027, 3, 5)
    with at(date(2027, 3, 4)):
        member_message_add(case=case, body="Et encore ceci.")
    assert due(case, K.REPLY).due_date == date(2027, 3, 5)  # still the first unanswered message's
    with at(date(2027, 3, 8)):
        step(case, "acknowledge", maya)
        case = step(case, "ask_member", maya, message="Quel mois ?")  # a message to the member: answered
    assert due(case, K.REPLY).met_at is not None and due(case, K.REPLY).was_late
    with at(date(2027, 3, 9)):
        member_message_add(case=case, body="Mars.")  # a new message: a new reply owed
    reply = due(case, K.REPLY)
    assert (reply.due_date, reply.met_at) == (date(2027, 3, 12), None)


# -- 4. Awaiting the member ------------------------------------------------------------------------


def _waiting_case(make_case, person, maya, asked_on=date(2027, 3, 1)):
    with at(asked_on):
        case = make_case(person)
        case = step(case, "acknowledge", maya)
        case = step(case, "accept", maya)
        return step(case, "ask_member", maya, message="Pouvez-vous envoyer le relevé ?")


def test_awaiting_the_member_has_its_own_deadline_shown_in_the_queue(client, make_case, marie, maya):
    case = _waiting_case(make_case, marie, maya)
    waiting = due(case, K.AWAITING_MEMBER)
    assert waiting.due_date == date(2027, 3, 22)  # 15 Belgian working days after Monday 1 March
    assert (case.next_deadline, case.next_deadline_kind) == (date(2027, 3, 22), K.AWAITING_MEMBER)
    with at(date(2027, 3, 2)):
        client.force_login(maya)
        with translation.override("en"):
            queue = client.get(reverse("cases:queue")).content.decode()
            page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
            wait_url = reverse("cases:wait_longer", kwargs={"reference": case.reference})
        assert "The member&#x27;s answer" in queue
        assert wait_url in page
        # Discontinuing is offered with its own grounds, not the refusal's.
        assert 'name="discontinue-ground"' in page and 'value="no_response"' in page
        assert 'value="frivolous"' not in page
    with at(date(2027, 3, 5)):
        member_message_add(case=case, body="Le voici.")
    waiting.refresh_from_db()
    assert waiting.met_at is not None
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING and case.next_deadline_kind == K.REPLY


def test_the_member_is_reminded_once_in_their_language_before_their_time_ends(make_case, jan, maya):
    case = _waiting_case(make_case, jan, maya)
    assert member_reminders_send(today=date(2027, 3, 12)) == []  # six working days before: not yet
    with at(date(2027, 3, 15)):
        assert member_reminders_send(today=date(2027, 3, 15)) == [case]  # five working days before
        assert member_reminders_send(today=date(2027, 3, 16)) == []  # once
    email = OutboundEmail.objects.get(case=case, template="awaiting_reminder")
    assert email.language == "nl" and email.automatic and case.reference in email.subject
    assert "22 maart 2027" in email.body_text


@pytest.mark.django_db(transaction=True)
def test_two_workers_checking_at_once_remind_the_member_once(make_case, marie, maya):
    case = _waiting_case(make_case, marie, maya)

    def check(index):
        return member_reminders_send(today=date(2027, 3, 15))

    results = in_threads(2, check, timeout=60)
    assert sorted(len(r) for r in results) == [0, 1]
    assert OutboundEmail.objects.filter(case=case, template="awaiting_reminder").count() == 1


def test_the_deadlines_check_job_reminds_the_member(make_case, marie, maya, run_queued_tasks):
    from accord.cases.tasks import deadlines_check

    case = _waiting_case(make_case, marie, maya)
    with at(date(2027, 3, 15)):
        deadlines_check.enqueue(slot=datetime(2027, 3, 15, 10, tzinfo=BRUSSELS).isoformat())
        deadlines_check.enqueue(slot=datetime(2027, 3, 15, 10, 5, tzinfo=BRUSSELS).isoformat())
        results = [r for r in run_queued_tasks() if r.task_path == "accord.cases.tasks.deadlines_check"]
    assert sorted(r.return_value["members_reminded"] for r in results) == [[], [case.reference]]


def test_when_the_members_time_passes_the_mediator_is_told_then_waits_longer_or_discontinues(
    client, make_case, marie, maya
):
    case = _waiting_case(make_case, marie, maya)
    with at(date(2027, 3, 22)):  # the last day: the member still has it
        with pytest.raises(TransitionNotAllowed):
            step(case, "discontinue", maya, ground=DiscontinueGround.NO_RESPONSE, reason="Sans réponse.")
    with at(date(2027, 3, 23)):
        (notice,) = deadline_notices_send(today=date(2027, 3, 23))
        assert (notice.kind, notice.deadline_kind, notice.user) == (NoticeKind.OVERDUE, K.AWAITING_MEMBER, maya)
        # Wait longer: five more working days, recorded.
        client.force_login(maya)
        url = reverse("cases:wait_longer", kwargs={"reference": case.reference})
        assert client.post(url, {"working_days": "5"}).status_code == 302
    waiting = due(case, K.AWAITING_MEMBER)
    # 24, 25, 26, 30, 31 March: Easter Monday (29) is a Belgian holiday.
    assert (waiting.due_date, waiting.extended, waiting.is_open) == (date(2027, 3, 31), True, True)
    event = CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE).latest("id")
    assert (event.actor, event.data["action"]) == (maya, "wait_longer")
    assert event.data["changes"] == [{"kind": K.AWAITING_MEMBER, "from": "2027-03-22", "to": "2027-03-31"}]
    case.refresh_from_db()
    assert case.next_deadline == date(2027, 3, 31)
    with at(date(2027, 4, 1)):
        case = step(case, "discontinue", maya, ground=DiscontinueGround.NO_RESPONSE, reason="Sans réponse.")
    assert case.status == Status.DISCONTINUED and case.closed_at is not None and case.paused_since is None
    assert not case.deadlines.open().exists()
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert (event.data["transition"], event.data["ground"]) == ("discontinue", "no_response")
    email = OutboundEmail.objects.get(case=case, template="discontinued")
    assert "Sans réponse." in email.body_text and email.language == "fr"
    client.logout()
    member_page = client.get(reverse("public:member_case", kwargs={"token": member_token(case)})).content.decode()
    assert "Sans réponse." in member_page


def test_a_withdrawal_while_awaiting_the_member_ends_every_deadline(make_case, marie, maya):
    case = _waiting_case(make_case, marie, maya)
    case = case_transition(case=case, name="withdraw", actor=MEMBER)
    assert not case.deadlines.open().exists()
    assert due(case, K.AWAITING_MEMBER).cancelled_at is not None


# -- 5. Calendar-day deadlines on working days; the extensions' cap --------------------------------


def test_a_calendar_day_deadline_on_a_weekend_or_holiday_moves_to_the_next_working_day(make_case, marie):
    saturday = make_case(marie, received_at=datetime(2026, 6, 6, 10, tzinfo=BRUSSELS))
    assert due(saturday, K.ADMISSIBILITY).due_date == date(2026, 6, 29)  # Saturday 27 → Monday 29
    # Monday 30 June 2025 + 21 days is Monday 21 July: the Belgian national day, not a French holiday.
    belgian = make_case(marie, office_country="BE", received_at=datetime(2025, 6, 30, 10, tzinfo=BRUSSELS))
    french = make_case(marie, office_country="FR", received_at=datetime(2025, 6, 30, 10, tzinfo=BRUSSELS))
    assert due(belgian, K.ADMISSIBILITY).due_date == date(2025, 7, 22)
    assert due(french, K.ADMISSIBILITY).due_date == date(2025, 7, 21)


def test_the_outcome_delay_on_a_sunday_moves_to_monday(make_case, marie, maya):
    with at(date(2026, 3, 2)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
        case = step(case, "accept", maya)
    assert due(case, K.OUTCOME).due_date == date(2026, 6, 1)  # 90 days is Sunday 31 May 2026


def test_extensions_are_capped_in_total_and_each_is_told_to_the_member(make_case, marie, maya, settings):
    with at(date(2027, 3, 1)):
        case = make_case(marie)
        case = step(case, "acknowledge", maya)
        case = step(case, "accept", maya)
        outcome_deadline_extend(case=case, user=maya, days=60, reason="Attente de l'audit.")
        with translation.override("fr"), pytest.raises(ValidationFailed) as error:
            outcome_deadline_extend(case=case, user=maya, days=31, reason="Encore.")
        assert error.value.code == "extension_cap"
        assert "30" in str(error.value) and "jours" in str(error.value)
        outcome_deadline_extend(case=case, user=maya, days=30, reason="Dernier rapport attendu.")
    outcome = due(case, K.OUTCOME)
    assert (outcome.extended_days, outcome.due_date) == (90, date(2027, 8, 30))  # 29 August is a Sunday
    told = OutboundEmail.objects.filter(case=case, template="extended").order_by("id")
    assert ["Attente de l" in told[0].body_text, "Dernier rapport attendu." in told[1].body_text] == [True, True]
    settings.ACCORD_EXTENSION_MAX_DAYS = 120
    with at(date(2027, 3, 2)):
        outcome_deadline_extend(case=case, user=maya, days=30, reason="Configurable.")
    assert due(case, K.OUTCOME).extended_days == 120


def test_the_case_calendar_is_decided_in_one_place():
    """Every calendar decision about a case goes through deadlines.case_calendar (the office's, at merge)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    users = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and ".office_country" in path.read_text()
        and any(
            call in path.read_text()
            for call in ("add_working_days(", "working_days_between(", "is_working_day(", "next_working_day(")
        )
    ]
    assert users == ["cases/deadlines.py"], users


# -- Cases recorded before these clocks -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_recorded_cases_their_complete_file_and_waiting_cases_their_members_deadline():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0007_audit_trail_append_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, OldCase = apps.get_model("people", "Person"), apps.get_model("cases", "Case")
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    common = {"person": person, "channel": "web", "subject": "s", "description": "d", "language": "fr"}
    received = OldCase.objects.create(
        reference="ACC-2027-000001", received_at=datetime(2027, 3, 1, 23, 30, tzinfo=BRUSSELS), **common
    )
    waiting = OldCase.objects.create(
        reference="ACC-2027-000002",
        received_at=datetime(2027, 2, 1, 10, tzinfo=BRUSSELS),
        status="awaiting_member",
        paused_since=datetime(2027, 3, 1, 10, tzinfo=BRUSSELS),
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Case.objects.get(pk=received.pk).file_complete_on == date(2027, 3, 1)  # the day in Brussels
    waiting = Case.objects.get(pk=waiting.pk)
    assert waiting.file_complete_on == date(2027, 2, 1)
    assert due(waiting, K.AWAITING_MEMBER).due_date == date(2027, 3, 22)
    assert (waiting.next_deadline, waiting.next_deadline_kind) == (date(2027, 3, 22), K.AWAITING_MEMBER)
