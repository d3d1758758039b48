"""Meeting invitations as iCalendar (RFC 5545 / RFC 6047 iMIP), built with the `icalendar` library.

One event per meeting: its `UID` is the meeting's (never changes), its `SEQUENCE` the meeting's (raised on each
change, so a calendar replaces the event it holds), `METHOD:REQUEST` when scheduled or changed,
`METHOD:CANCEL` with `STATUS:CANCELLED` when cancelled. Each recipient gets their own copy, in their language,
naming only themselves as attendee (no party learns another's address), with the page where they follow the
mediation in `URL` and in the description. Times are in UTC: no time-zone table to get wrong."""

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event, vCalAddress, vText

from accord.mediation.models import Meeting, MeetingMode, MeetingState


def meeting_title(meeting: Meeting) -> str:
    """In the active language: "Mediation session – case ACC-2026-000123"."""
    return _("%(kind)s – case %(reference)s") % {
        "kind": meeting.get_kind_display(),
        "reference": meeting.mediation.case.reference,
    }


def meeting_place(meeting: Meeting) -> str:
    """Where, in the active language: the office and its address, by phone, or the video link."""
    if meeting.mode == MeetingMode.IN_PERSON and meeting.office_id:
        office = meeting.office
        where = f"Accord – {office.name}" + (f", {meeting.room}" if meeting.room else "")
        return f"{where}, {' '.join(office.address.split())}"
    if meeting.mode == MeetingMode.VIDEO:
        return _("By video: %(url)s") % {"url": meeting.video_url}
    return _("By phone") + (f" – {meeting.phone_note}" if meeting.phone_note else "")


def invitation_ics(meeting: Meeting, *, language: str, name: str, email: str, page_url: str) -> str:
    """The recipient's copy of the meeting's invitation (REQUEST, or CANCEL once cancelled)."""
    cancelled = meeting.state == MeetingState.CANCELLED
    with override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//Accord//Mediation//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "CANCEL" if cancelled else "REQUEST")
        event = Event()
        event.add("uid", meeting.uid)
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now().astimezone(UTC))
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.ends_at.astimezone(UTC))
        event.add("summary", meeting_title(meeting))
        event.add("location", meeting_place(meeting))
        description = [meeting_title(meeting), meeting_place(meeting)]
        if cancelled and meeting.cancel_reason:
            description.append(meeting.cancel_reason)
        description.append(_("Follow the mediation on your page: %(url)s") % {"url": page_url})
        event.add("description", "\n\n".join(description))
        event.add("url", page_url)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        organizer = vCalAddress(f"mailto:{parseaddr(settings.ACCORD_FROM_EMAIL)[1]}")
        organizer.params["cn"] = vText("Accord")
        event.add("organizer", organizer)
        if email:
            attendee = vCalAddress(f"mailto:{email}")
            attendee.params["cn"] = vText(name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            attendee.params["rsvp"] = vText("FALSE")
            event.add("attendee", attendee, encode=0)
        calendar.add_component(event)
        return calendar.to_ical().decode()
