"""A dysfunction is followed like a request: the liaisons are reminded before the date, the mediator and the
liaisons told once it passed, the department's head once it is late by more than N working days; a planned
action is followed on its own date. Each notice once per date, whatever the number of workers."""

from datetime import date, datetime

import pytest

from accord.cases.models import CaseEvent
from accord.departments.dysfunction_notices import dysfunction_notices_send
from accord.departments.dysfunctions import dysfunction_record, dysfunction_step
from accord.departments.models import Liaison
from accord.departments.tests.dysfunction_personas import BRUSSELS, _liaison, at
from accord.notifications.models import OutboundEmail
from accord.testing.concurrency import in_threads

FRIDAY = date(2026, 7, 10)  # the response is due on Thursday 16 July (Paris: 14 July is off)


@pytest.fixture
def recorded(make_case, marie, maya, finance, luc):
    with at(FRIDAY):
        case = make_case(marie)
        case.assigned_to = maya
        case.save(update_fields=["assigned_to"])
        return dysfunction_record(
            case=case,
            user=maya,
            department=finance,
            title="Factures envoyées deux fois",
            description="Une seconde facture part avant la lecture du paiement.",
        )


def emails(template):
    return list(OutboundEmail.objects.filter(template=template).order_by("pk"))


def send(day):
    with at(day):
        return dysfunction_notices_send(today=day)


def test_reminder_then_overdue_then_escalation_once_each(recorded, luc, maya, finance):
    joke = _liaison("joke", "Joke", "Janssens", finance, language="nl")
    assert recorded.due_date == date(2026, 7, 16)
    assert send(date(2026, 7, 13)) == []  # two working days before: not yet
    assert send(date(2026, 7, 14)) == []  # 14 July: no working day in Paris
    assert send(date(2026, 7, 15)) == [(recorded.pk, "response", "reminder")]
    assert send(date(2026, 7, 16)) == []  # once
    reminders = emails("staff_dysfunction_reminder")
    assert [e.recipient for e in reminders] == [luc, joke]
    assert reminders[0].language == "fr" and "16 juillet 2026" in reminders[0].body_text
    assert "Factures envoyées deux fois" in reminders[0].subject and reminders[0].case is None  # not the case's e-mail
    assert reminders[1].language == "nl" and "16 juli 2026" in reminders[1].body_text
    assert f"/nl/staff/departments/dysfunctions/{recorded.pk}/" in reminders[1].body_text
    assert recorded.case.description not in reminders[0].body_text

    assert send(date(2026, 7, 17)) == [(recorded.pk, "response", "overdue")]
    assert send(date(2026, 7, 17)) == []
    overdue = emails("staff_dysfunction_overdue")
    assert [e.recipient for e in overdue] == [maya, luc, joke]
    assert overdue[0].case == recorded.case and recorded.case.reference in overdue[0].subject  # the mediator's
    assert overdue[1].case is None
    assert send(date(2026, 7, 20)) == []  # two working days late: not more than ACCORD_REQUEST_ESCALATION_WORKING_DAYS
    assert send(date(2026, 7, 21)) == [(recorded.pk, "response", "escalation")]
    assert send(date(2026, 7, 22)) == []
    (head,) = emails("department_dysfunction_escalation")
    assert head.to == "head.finance@coop.test" and head.language == "fr" and head.recipient is None
    assert "Une seconde facture part avant la lecture du paiement." in head.body_text
    assert "16 juillet 2026" in head.body_text
    actions = list(
        CaseEvent.objects.filter(case=recorded.case, kind="dysfunction").values_list("data__action", flat=True)
    )
    assert actions == ["recorded", "reminder_response", "overdue_response", "escalation_response"]


def test_the_notices_read_as_sentences_on_the_timeline(client, recorded, maya):
    send(date(2026, 7, 15))
    send(date(2026, 7, 17))
    send(date(2026, 7, 21))
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{recorded.case.reference}/").content.decode()
    assert "Accord reminded Finance department that its response to the dysfunction" in page
    assert "its liaisons and the mediator were told" in page
    assert "was escalated to the head of Finance department" in page
    assert "Dysfunction not taken up: escalated to the head of the department" in page  # the e-mail's line


def test_a_response_stops_the_notices_and_a_planned_action_is_followed_on_its_date(recorded, luc, maya):
    with at(date(2026, 7, 15)):
        dysfunction_step(dysfunction=recorded, user=luc, kind="plan", text="Contrôle.", planned_for=date(2026, 7, 29))
    assert send(date(2026, 7, 17)) == []  # the response came: nothing about its due date
    assert send(date(2026, 7, 28)) == [(recorded.pk, "action", "reminder")]
    assert send(date(2026, 7, 30)) == [(recorded.pk, "action", "overdue")]
    assert send(date(2026, 7, 31)) == []  # two working days late
    assert send(date(2026, 8, 3)) == [(recorded.pk, "action", "escalation")]
    (reminder,) = emails("staff_dysfunction_reminder")
    assert "record it done, or plan a new date" in reminder.body_text or "nouvelle date" in reminder.body_text
    # Planned again for later: the new date gets its own notices.
    with at(date(2026, 8, 5)):
        dysfunction_step(dysfunction=recorded, user=luc, kind="plan", text="Reporté.", planned_for=date(2026, 8, 12))
    assert send(date(2026, 8, 13)) == [(recorded.pk, "action", "overdue")]
    with at(date(2026, 8, 13)):
        dysfunction_step(dysfunction=recorded, user=luc, kind="done", text="Fait.")
    assert send(date(2026, 8, 20)) == []


def test_a_reopened_dysfunction_gets_new_notices_for_its_new_due_date(recorded, luc, maya):
    assert send(date(2026, 7, 17)) == [(recorded.pk, "response", "overdue")]
    with at(date(2026, 7, 17)):
        dysfunction_step(dysfunction=recorded, user=luc, kind="dispute", text="Pas chez nous.")
    with at(date(2026, 7, 20)):
        reopened = dysfunction_step(dysfunction=recorded, user=maya, kind="reopen", text="Si.", working_days=1)
    assert reopened.due_date == date(2026, 7, 21)
    assert send(date(2026, 7, 22)) == [(recorded.pk, "response", "overdue")]


def test_without_a_head_address_there_is_no_escalation_e_mail(recorded, finance_contact):
    finance_contact.head_email = ""
    finance_contact.save(update_fields=["head_email"])
    send(date(2026, 7, 17))
    assert send(date(2026, 7, 21)) == [(recorded.pk, "response", "escalation")]
    assert emails("department_dysfunction_escalation") == []


def test_the_liaisons_of_another_department_are_not_told(recorded, helene):
    send(date(2026, 7, 15))
    send(date(2026, 7, 17))
    assert not OutboundEmail.objects.filter(recipient=helene).exists()
    assert Liaison.objects.filter(user=helene, department=recorded.department).count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_notice_once(recorded, luc, maya):
    def check(index):
        return dysfunction_notices_send(today=date(2026, 7, 21))  # overdue and escalation due together

    with at(date(2026, 7, 21)):
        results = in_threads(2, check, timeout=60)
    assert sorted(len(r) for r in results) == [0, 2] or sorted(map(len, results)) == [1, 1]
    assert sum(len(r) for r in results) == 2
    assert len(emails("staff_dysfunction_overdue")) == 2  # the mediator and the liaison, once
    assert len(emails("department_dysfunction_escalation")) == 1


def test_the_scheduled_job_sends_them(recorded, run_queued_tasks):
    from accord.departments.dysfunction_tasks import dysfunctions_check
    from accord.worker.schedule import jobs

    assert "dysfunctions_check" in {job.name for job in jobs()}
    with at(date(2026, 7, 15)):
        dysfunctions_check.enqueue(slot=datetime(2026, 7, 15, 10, tzinfo=BRUSSELS).isoformat())
        dysfunctions_check.enqueue(slot=datetime(2026, 7, 15, 10, 5, tzinfo=BRUSSELS).isoformat())
        results = [r for r in run_queued_tasks() if r.task_path.endswith("dysfunctions_check")]
    assert sorted(len(r.return_value["notices"]) for r in results) == [0, 1]
