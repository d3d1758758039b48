"""Mediators' reminders, overdue notices and daily digest: on working days, in their language, once each
whatever the number of workers; cases overdue beyond the margin are flagged for the oversight committee."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from accord.cases.models import CaseEvent, DeadlineKind, EventKind
from accord.cases.services import case_assign, cases_escalate_overdue
from accord.notifications.models import Audience, EmailStatus, NoticeKind, OutboundEmail, StaffNotice
from accord.notifications.reminders import daily_digest_send, deadline_notices_send
from accord.testing.concurrency import in_threads
from accord.testing.mail import body_text

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY = date(2026, 3, 2)  # a case received that morning: acknowledgement due Tuesday 3, first answer Thursday 5
WEDNESDAY = date(2026, 3, 4)


@pytest.fixture
def assigned_case(make_case, marie, maya):
    def make(person=None, mediator=None, received=MONDAY):
        case = make_case(
            person or marie, received_at=datetime.combine(received, datetime.min.time().replace(hour=9), BRUSSELS)
        )
        return case_assign(case=case, user=mediator or maya, mediator=mediator or maya)

    return make


def _staff_emails(user):
    return OutboundEmail.objects.filter(audience=Audience.STAFF, recipient=user).order_by("id")


def test_the_mediator_is_reminded_a_working_day_before_a_deadline_once_in_their_language(
    assigned_case, maya, run_queued_tasks, smtp_server
):
    maya.language = "nl"
    maya.save(update_fields=["language"])
    case = assigned_case()
    assert {d.kind: d.due_date for d in case.deadlines.all()}[DeadlineKind.ACKNOWLEDGEMENT] == date(2026, 3, 3)

    (notice,) = deadline_notices_send(today=MONDAY)
    assert deadline_notices_send(today=MONDAY) == []  # a second check sends nothing more
    assert (notice.kind, notice.deadline_kind, notice.user, notice.case) == (
        NoticeKind.REMINDER,
        "acknowledgement",
        maya,
        case,
    )
    run_queued_tasks()
    reminder = [m for m in smtp_server.wait_for(2) if m["To"] == maya.email][0]
    assert reminder["Auto-Submitted"] == "auto-generated" and reminder["Content-Language"] == "nl"
    assert case.reference in reminder["Subject"] and "Termijn nadert" in reminder["Subject"]
    assert f"/nl/staff/cases/{case.reference}/" in body_text(reminder)
    email = notice.email
    email.refresh_from_db()
    assert (email.delivery, email.language, email.in_reply_to) == (EmailStatus.SENT, "nl", "")
    # Staff e-mails stay out of the member's thread.
    case_email_ids = set(
        OutboundEmail.objects.filter(case=case, audience=Audience.MEMBER).values_list("message_id", flat=True)
    )
    assert email.message_id not in case_email_ids


def test_a_passed_deadline_gets_one_notice_and_the_next_one_a_reminder(assigned_case, maya):
    case = assigned_case()
    deadline_notices_send(today=MONDAY)
    sent = deadline_notices_send(today=WEDNESDAY)
    assert {(n.kind, n.deadline_kind) for n in sent} == {
        (NoticeKind.OVERDUE, "acknowledgement"),
        (NoticeKind.REMINDER, "first_answer"),
    }
    assert deadline_notices_send(today=WEDNESDAY) == []
    assert StaffNotice.objects.filter(case=case).count() == 3
    overdue = StaffNotice.objects.get(case=case, kind=NoticeKind.OVERDUE).email
    assert overdue.language == "fr" and "Délai dépassé" in overdue.subject


def test_no_reminder_while_the_case_awaits_the_member_nor_for_an_unassigned_case(make_case, marie, maya, assigned_case):
    from accord.cases.permissions import Actor
    from accord.cases.workflow import StepInput, case_transition

    case = assigned_case()
    case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    case_transition(case=case, name="ask_member", actor=Actor.for_user(maya), data=StepInput(message="?"))
    make_case(marie, received_at=datetime(2026, 3, 2, 9, tzinfo=BRUSSELS))  # nobody assigned
    # The first answer is due Thursday: it would be reminded on Wednesday if the clock ran.
    assert deadline_notices_send(today=WEDNESDAY) == []


def test_no_notice_on_a_weekend_or_a_belgian_holiday(assigned_case):
    assigned_case(received=date(2026, 4, 2))  # Thursday before Easter: acknowledgement due Friday 3
    assert deadline_notices_send(today=date(2026, 4, 4)) == []  # Saturday
    assert deadline_notices_send(today=date(2026, 4, 6)) == []  # Easter Monday
    assert {n.kind for n in deadline_notices_send(today=date(2026, 4, 7))} == {NoticeKind.OVERDUE, NoticeKind.REMINDER}


@pytest.mark.django_db(transaction=True)
def test_two_workers_checking_deadlines_at_once_send_each_reminder_once(assigned_case):
    assigned_case()

    def check(index):
        deadline_notices_send(today=MONDAY)
        daily_digest_send(day=MONDAY)

    in_threads(2, check, timeout=60)
    assert StaffNotice.objects.filter(kind=NoticeKind.REMINDER).count() == 1
    assert StaffNotice.objects.filter(kind=NoticeKind.DIGEST).count() == 1
    assert OutboundEmail.objects.filter(audience=Audience.STAFF).count() == 2


def test_each_mediator_gets_one_digest_per_working_day_of_their_own_cases(
    assigned_case, maya, pierre, jan, sarah, run_queued_tasks, smtp_server
):
    mine = assigned_case(received=date(2026, 2, 26))  # acknowledgement overdue by Monday
    theirs = assigned_case(person=jan, mediator=pierre)
    assigned_case(person=sarah, received=date(2026, 3, 20))  # nothing due before the end of the week

    sent = daily_digest_send(day=MONDAY)
    assert daily_digest_send(day=MONDAY) == []
    assert sorted(n.user.username for n in sent) == ["maya", "pierre"]
    run_queued_tasks()
    digests = {
        m["To"]: m
        for m in smtp_server.wait_for(len(OutboundEmail.objects.all()))
        if "maya@" in m["To"] or "pierre@" in m["To"]
    }
    maya_text = body_text(digests[maya.email])
    assert mine.reference in maya_text and theirs.reference not in maya_text
    assert digests[maya.email]["Auto-Submitted"] == "auto-generated"
    assert theirs.reference in body_text(digests[pierre.email])
    assert len(daily_digest_send(day=date(2026, 3, 3))) == 2  # the next working day: a new one each


def test_no_digest_on_a_belgian_holiday_or_a_weekend(assigned_case):
    assigned_case(received=date(2026, 4, 1))
    assert daily_digest_send(day=date(2026, 4, 6)) == []  # Easter Monday
    assert daily_digest_send(day=date(2026, 4, 5)) == []  # Sunday
    assert len(daily_digest_send(day=date(2026, 4, 7))) == 1


def test_a_case_overdue_beyond_the_margin_is_flagged_for_the_oversight_committee_once(
    assigned_case, maya, client, settings
):
    settings.ACCORD_ESCALATION_WORKING_DAYS = 10
    late = assigned_case(received=date(2026, 2, 2))  # acknowledgement due 3 February
    recent = assigned_case(received=date(2026, 2, 16))  # acknowledgement due 17 February: 9 working days late
    assert cases_escalate_overdue(today=date(2026, 3, 3)) == [late]  # 20 working days late
    assert cases_escalate_overdue(today=date(2026, 3, 3)) == []
    late.refresh_from_db()
    recent.refresh_from_db()
    assert late.escalated_at is not None and recent.escalated_at is None
    event = CaseEvent.objects.get(case=late, kind=EventKind.ESCALATED)
    assert event.data == {"deadline": "acknowledgement", "due_date": "2026-02-03", "working_days_late": 20}

    client.force_login(maya)
    assert "Flagged for the oversight committee" in client.get("/en/staff/").content.decode()
    assert "Flagged for the oversight committee" in client.get(f"/en/staff/cases/{late.reference}/").content.decode()


def test_the_deadlines_check_task_escalates_and_reminds(assigned_case, run_queued_tasks):
    from accord.cases.tasks import deadlines_check

    case = assigned_case(received=date(2026, 2, 2))
    deadlines_check.enqueue(slot=datetime(2026, 3, 3, 10, tzinfo=BRUSSELS).isoformat())
    results = run_queued_tasks()
    (check,) = [r for r in results if r.task_path == "accord.cases.tasks.deadlines_check"]
    assert check.return_value["escalated"] == [case.reference]
    case.refresh_from_db()
    assert case.escalated_at is not None
