"""Issue 9, meetings: scheduled in person at an office, by phone or by video; each invitee gets an iCalendar
invitation in its language (METHOD:REQUEST, a stable UID, SEQUENCE raised on each change, METHOD:CANCEL on
cancellation, the page's URL in the description), a reminder the day before, attendance recorded."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation
from icalendar import Calendar

from accord.cases.models import EventKind, Office
from accord.mediation import services
from accord.mediation.models import AnswerVia, Attendance, MeetingState
from accord.mediation.tests.helpers import PURPOSE, department_of, member_of
from accord.mediation.timeline import event_sentence
from accord.notifications.models import OutboundEmail
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)  # a Monday


@pytest.fixture
def under_way(case, maya, bart):
    mediation = services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=list(case.parties.all()))
    services.participant_answer(
        participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE, confidentiality=True
    )
    services.participant_answer(
        participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart, confidentiality=True
    )
    mediation.refresh_from_db()
    return mediation


def gent():
    return Office.objects.get(code="gent")


def schedule(mediation, maya, **extra):
    values = {
        "kind": "session",
        "mode": "in_person",
        "starts_at": (timezone.now() + timedelta(days=3, hours=4)).replace(second=0, microsecond=0),
        "office": gent(),
        "room": "Zaal 2",
    }
    values.update(extra)
    return services.meeting_schedule(mediation=mediation, user=maya, **values)


def event_of(email):
    calendar = Calendar.from_ical(email.calendar)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_each_invitee_gets_its_own_invitation_in_its_language(under_way, maya, bart):
    meeting = schedule(under_way, maya)
    member = OutboundEmail.objects.get(case=under_way.case, template="meeting_invitation")
    liaison = OutboundEmail.objects.get(recipient=bart, template="staff_meeting_invitation")
    mediator = OutboundEmail.objects.get(recipient=maya, template="staff_meeting_invitation")
    for email in (member, liaison, mediator):
        calendar, event = event_of(email)
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]) == meeting.uid and int(event["sequence"]) == 0
        assert event.decoded("dtstart") == meeting.starts_at
        assert event.decoded("dtend") == meeting.starts_at + timedelta(minutes=90)
        assert "Gent" in str(event["location"]) and "Zaal 2" in str(event["location"])
        assert str(event["url"]) in str(event["description"])
        # Only the recipient is named: no party learns another's address.
        assert str(event["attendee"]) == f"mailto:{email.to}"
    assert "Bemiddelingssessie" in str(event_of(member)[1]["summary"])  # the Dutch case's member reads Dutch
    assert str(event_of(member)[1]["url"]).startswith("http") and "/my-case/" in str(event_of(member)[1]["url"])
    assert "/staff/mediation/proposals/" in str(event_of(liaison)[1]["url"])
    assert "Bemiddelingssessie" in str(event_of(liaison)[1]["summary"])  # bart reads Dutch
    assert "Séance de médiation" in str(event_of(mediator)[1]["summary"])  # maya reads French
    assert "Zaal 2" in member.body_text
    event = under_way.case.events.filter(kind=EventKind.MEDIATION, data__action="meeting_scheduled").get()
    with translation.override("en"):
        assert "scheduled a mediation session on" in event_sentence(event)


def test_moving_a_meeting_raises_its_sequence_and_keeps_its_uid(under_way, maya, bart):
    meeting = schedule(under_way, maya)
    later = meeting.starts_at + timedelta(days=1)
    moved = services.meeting_change(meeting=meeting, user=maya, starts_at=later)
    assert moved.sequence == 1
    email = OutboundEmail.objects.get(recipient=bart, template="staff_meeting_changed")
    calendar, event = event_of(email)
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == meeting.uid and int(event["sequence"]) == 1
    assert event.decoded("dtstart") == later


def test_cancelling_sends_a_cancel_with_a_higher_sequence(under_way, maya):
    meeting = schedule(under_way, maya)
    with pytest.raises(services.ValidationFailed):
        services.meeting_cancel(meeting=meeting, user=maya, reason="")
    services.meeting_cancel(meeting=meeting, user=maya, reason="De bemiddelaar is ziek.")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED and meeting.sequence == 1
    email = OutboundEmail.objects.get(case=under_way.case, template="meeting_cancelled")
    calendar, event = event_of(email)
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == meeting.uid and int(event["sequence"]) == 1
    assert "De bemiddelaar is ziek." in email.body_text
    with pytest.raises(services.MediationStepNotAllowed):
        services.meeting_change(meeting=meeting, user=maya, room="Zaal 3")


def test_a_meeting_is_in_the_future_at_an_office_or_with_a_video_link(under_way, maya):
    with pytest.raises(services.MeetingInvalid):
        schedule(under_way, maya, starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.MeetingInvalid):
        schedule(under_way, maya, office=None)
    with pytest.raises(services.MeetingInvalid):
        schedule(under_way, maya, mode="video", office=None, video_url="http://meet.example.org/x")
    video = schedule(under_way, maya, mode="video", office=None, video_url="https://meet.example.org/abc")
    assert video.office is None and video.room == ""
    _, event = event_of(OutboundEmail.objects.filter(template="meeting_invitation").latest("id"))
    assert "https://meet.example.org/abc" in str(event["location"])
    phone = schedule(under_way, maya, mode="phone", office=None, phone_note="De bemiddelaar belt u op.")
    assert phone.phone_note == "De bemiddelaar belt u op."


def test_only_the_cases_mediators_schedule(under_way, pierre):
    with pytest.raises(services.PermissionDenied):
        schedule(under_way, pierre)


@pytest.mark.django_db(transaction=True)
def test_the_reminder_goes_the_day_before_once_whatever_the_number_of_workers(under_way, maya, bart):
    with time_machine.travel(NOW, tick=False):
        meeting = schedule(under_way, maya, starts_at=NOW + timedelta(days=2, hours=4))
        assert services.meeting_reminders_send(today=NOW.date()) == []
        tomorrow_eve = NOW.date() + timedelta(days=1)
        results = in_threads(4, lambda index: services.meeting_reminders_send(today=tomorrow_eve), timeout=60)
    assert sorted(sum(results, [])) == [meeting.pk]
    assert OutboundEmail.objects.filter(case=under_way.case, template="meeting_reminder").count() == 1
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_meeting_reminder").count() == 1
    assert OutboundEmail.objects.get(case=under_way.case, template="meeting_reminder").calendar == ""


def test_attendance_is_recorded_once_the_meeting_has_started(under_way, maya):
    with time_machine.travel(NOW, tick=False):
        meeting = schedule(under_way, maya, starts_at=NOW + timedelta(hours=2))
        with pytest.raises(services.MeetingInvalid):
            services.attendance_record(meeting=meeting, user=maya, present=[])
    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        services.attendance_record(meeting=meeting, user=maya, present=[member_of(under_way).pk])
    came = dict(Attendance.objects.filter(meeting=meeting).values_list("participant_id", "attended"))
    assert came == {member_of(under_way).pk: True, department_of(under_way).pk: False}
    event = under_way.case.events.filter(kind=EventKind.MEDIATION, data__action="attendance").get()
    with translation.override("en"):
        assert event_sentence(event).endswith(": 1 of 2")


@pytest.mark.django_db(transaction=True)
def test_the_invitation_arrives_over_smtp_as_a_text_calendar_request_part(
    under_way, maya, smtp_server, run_queued_tasks
):
    meeting = schedule(under_way, maya)
    run_queued_tasks()
    member_address = under_way.case.person.email
    messages = [m for m in smtp_server.messages if member_address in m["To"]]
    invitation = next(m for m in messages if "Uitnodiging" in m["Subject"] or "Invitation" in m["Subject"])
    parts = [p for p in invitation.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == meeting.uid and int(event["sequence"]) == 0


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_change_form_shows_the_meetings_day_and_time_as_the_browser_reads_them(under_way, maya, language):
    from accord.mediation.forms import MeetingForm

    meeting = schedule(under_way, maya)
    local = timezone.localtime(meeting.starts_at)
    with translation.override(language):
        html = str(MeetingForm(case=under_way.case, meeting=meeting))
    assert f'value="{local:%Y-%m-%d}"' in html and f'value="{local:%H:%M}"' in html
