"""Mediation's one writer: proposals, the parties' answers, the end, and the confidential notes.

Every step is a line on the case's timeline (`EventKind.MEDIATION`, `data.action`: proposed / answered /
under_way / declined / withdrawn / ended / note_written) in the transaction that writes it, the case locked.
A confidential note's line says only that a note was written and by whom: its text stays in
`ConfidentialNote`, read through `notes_read` (which records the read on the case's access log).

Each party is told in its own language: the member by e-mail to their private page (`mediation_proposed`,
`mediation_under_way`, `mediation_declined`, `mediation_withdrawn`, `mediation_ended`), a department's liaisons
by a staff e-mail to their page; a party with no way in (a department without liaisons, another party) has
its answer recorded by the mediator, saying how it was given.
"""

from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases.models import Case, CaseEvent, EventKind, Party, PartyKind, Status
from accord.cases.services import access_record
from accord.core.errors import AccordError, NotFound, PermissionDenied, ValidationFailed
from accord.departments.services import department_liaisons
from accord.mediation.models import (
    Answer,
    AnswerVia,
    ConfidentialNote,
    Mediation,
    MediationState,
    NoteKind,
    Participant,
)
from accord.mediation.permissions import can_lead_mediation, can_see_confidential

# A mediation is proposed once the complaint is admissible and while the case is worked.
PROPOSABLE_STATUSES = frozenset({Status.INVESTIGATING, Status.AWAITING_MEMBER})


class MediationNotPossible(AccordError):
    code = "mediation_not_possible"
    message = _("A mediation can be proposed only on an admissible case that is being handled.")
    status = 409


class MediationAlreadyOpen(AccordError):
    code = "mediation_already_open"
    message = _("A mediation is already proposed or under way on this case.")
    status = 409


class MediationStepNotAllowed(AccordError):
    code = "mediation_step_not_allowed"
    message = _("This is not possible in the mediation's current state; reload the page.")
    status = 409


class ConfidentialityRequired(AccordError):
    code = "mediation_confidentiality_required"
    message = _("To take part, the party must undertake to keep what is said in the mediation confidential.")


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("person").get(pk=case.pk)


def _party_label(party: Party) -> dict:
    """What the timeline names the party by, in each language, without a query per line."""
    if party.kind == PartyKind.COMPLAINANT:
        return {"kind": "complainant"}
    if party.kind == PartyKind.DEPARTMENT and party.department_id:
        d = party.department
        return {"kind": "department", "names": {"fr": d.name_fr, "nl": d.name_nl, "en": d.name_en}}
    return {"kind": "other", "name": party.name or party.role}


def _event(mediation: Mediation, *, action: str, user: User | None, actor_kind: str | None = None, **data) -> None:
    CaseEvent.objects.create(
        case_id=mediation.case_id,
        kind=EventKind.MEDIATION,
        actor=user,
        actor_kind=actor_kind or ("staff" if user is not None else "system"),
        created_at=timezone.now(),
        data={"action": action, "mediation_id": mediation.pk, **data},
    )


def liaison_url(participant: Participant, language: str) -> str:
    with override(language):
        return settings.ACCORD_BASE_URL + reverse("mediation:liaison", kwargs={"participant_id": participant.pk})


def _tell(mediation: Mediation, *, template: str, extra: dict | None = None, skip: Participant | None = None) -> None:
    """Each party told in its language: the member on their page, a department's liaisons on theirs."""
    from accord.notifications.services import member_email_queue, staff_email_queue

    case = mediation.case
    for participant in mediation.participants.select_related("party", "party__department"):
        if participant == skip:
            continue
        party = participant.party
        context = {"mediation": mediation, "participant": participant, **(extra or {})}
        if party.kind == PartyKind.COMPLAINANT:
            if case.person.email:
                member_email_queue(case=case, template=template, context=context, automatic=True)
        elif party.kind == PartyKind.DEPARTMENT and party.department_id:
            for liaison in department_liaisons(party.department):
                staff_email_queue(
                    user=liaison,
                    template=template,
                    context={**context, "page_url": liaison_url(participant, liaison.language)},
                )


def _tell_mediators(mediation: Mediation, *, template: str, by: User | None, extra: dict | None = None) -> None:
    from accord.mediation.permissions import case_mediator_ids
    from accord.notifications.services import staff_email_queue

    case = mediation.case
    for mediator in User.objects.filter(pk__in=case_mediator_ids(case), is_active=True):
        if by is not None and mediator.pk == by.pk:
            continue
        staff_email_queue(
            user=mediator, template=template, context={"mediation": mediation, **(extra or {})}, case=case
        )


# -- Proposal ---------------------------------------------------------------------------------------


def mediation_propose(*, case: Case, user: User, purpose: str, parties: list[Party]) -> Mediation:
    """A case's mediator proposes a mediation to the complainant and at least one other party of the case."""
    purpose = (purpose or "").strip()
    with transaction.atomic():
        case = _lock(case)
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if case.status not in PROPOSABLE_STATUSES:
            raise MediationNotPossible()
        if Mediation.objects.filter(case=case, state__in=[MediationState.PROPOSED, MediationState.UNDER_WAY]).exists():
            raise MediationAlreadyOpen()
        if not purpose:
            raise ValidationFailed(_("Write the purpose of the mediation: what the parties will work towards."))
        ids = {p.pk for p in parties}
        chosen = list(case.parties.filter(pk__in=ids, ended_at__isnull=True).select_related("department"))
        if len(chosen) != len(ids):
            raise ValidationFailed(_("Choose among the case's parties."))
        if not any(p.kind == PartyKind.COMPLAINANT for p in chosen):
            raise ValidationFailed(_("The member who complains takes part in the mediation."))
        if len(chosen) < 2:
            raise ValidationFailed(_("A mediation needs at least one other party besides the member."))
        mediation = Mediation.objects.create(case=case, purpose=purpose, proposed_by=user)
        for party in chosen:
            Participant.objects.create(mediation=mediation, party=party)
        _event(mediation, action="proposed", user=user, parties=[_party_label(p) for p in chosen])
        mediation.case = case
        _tell(mediation, template="mediation_proposed")
    return mediation


# -- Answers ----------------------------------------------------------------------------------------


def _settle_after_answer(mediation: Mediation, participant: Participant, user: User | None) -> None:
    answers = list(mediation.participants.values_list("answer", flat=True))
    if participant.answer == Answer.DECLINED:
        mediation.state = MediationState.DECLINED
        mediation.ended_at = timezone.now()
        mediation.save(update_fields=["state", "ended_at"])
        _event(mediation, action="declined", user=None)
        _tell(mediation, template="mediation_declined", skip=participant)
        _tell_mediators(mediation, template="mediation_declined", by=user)
    elif all(a == Answer.ACCEPTED for a in answers):
        mediation.state = MediationState.UNDER_WAY
        mediation.started_at = timezone.now()
        mediation.save(update_fields=["state", "started_at"])
        _event(mediation, action="under_way", user=None)
        _tell(mediation, template="mediation_under_way")
        _tell_mediators(mediation, template="mediation_under_way", by=user)


def participant_answer(
    *,
    participant: Participant,
    accept: bool,
    via: str,
    user: User | None = None,
    confidentiality: bool = False,
    reason: str = "",
    note: str = "",
) -> Participant:
    """A party accepts (undertaking confidentiality) or declines. `via` says how: on the member's page, by a
    liaison signed in, or recorded by a case's mediator (then `note` says how the answer was given).
    Who may answer for whom is checked by the caller's page and again here for the mediator."""
    reason, note = (reason or "").strip(), (note or "").strip()
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=participant.mediation_id)
        case = _lock(mediation.case)
        mediation.case = case
        participant = Participant.objects.select_related("party", "party__department").get(pk=participant.pk)
        if via == AnswerVia.MEDIATOR:
            if user is None or not can_lead_mediation(user, case):
                raise PermissionDenied()
            if not note:
                raise ValidationFailed(_("Say how the party gave its answer (a phone call, a letter, an e-mail…)."))
        if mediation.state != MediationState.PROPOSED or participant.answer != Answer.PENDING:
            raise MediationStepNotAllowed()
        now = timezone.now()
        if accept:
            if not confidentiality:
                raise ConfidentialityRequired()
            participant.answer = Answer.ACCEPTED
            participant.confidentiality_accepted_at = now
        else:
            participant.answer = Answer.DECLINED
            participant.decline_reason = reason
        participant.answered_at = now
        participant.answered_via = via
        participant.answered_by = user
        participant.answer_note = note
        participant.save()
        actor_kind = "member" if via == AnswerVia.MEMBER_PAGE else ("staff" if user else "system")
        _event(
            mediation,
            action="answered",
            user=user,
            actor_kind=actor_kind,
            who=_party_label(participant.party),
            answer=participant.answer,
            via=via,
        )
        _settle_after_answer(mediation, participant, user)
    return participant


def participant_for_member(case: Case) -> Participant | None:
    """The member's part in the case's latest mediation (its proposal, answer or state), if any."""
    return (
        Participant.objects.filter(mediation__case=case, party__kind=PartyKind.COMPLAINANT)
        .select_related("mediation")
        .order_by("-mediation__proposed_at", "-id")
        .first()
    )


# -- The mediator withdraws or ends -----------------------------------------------------------------


def mediation_withdraw(*, mediation: Mediation, user: User, reason: str) -> Mediation:
    return _close(mediation, user=user, reason=reason, source=MediationState.PROPOSED, target=MediationState.WITHDRAWN)


def mediation_end(*, mediation: Mediation, user: User, reason: str) -> Mediation:
    return _close(mediation, user=user, reason=reason, source=MediationState.UNDER_WAY, target=MediationState.ENDED)


def _close(mediation: Mediation, *, user: User, reason: str, source: str, target: str) -> Mediation:
    reason = (reason or "").strip()
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        case = _lock(mediation.case)
        mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if mediation.state != source:
            raise MediationStepNotAllowed()
        if not reason:
            raise ValidationFailed(_("Say why, in words the parties will read."))
        mediation.state = target
        mediation.ended_at = timezone.now()
        mediation.ended_by = user
        mediation.end_reason = reason
        mediation.save(update_fields=["state", "ended_at", "ended_by", "end_reason"])
        _event(mediation, action=target, user=user)
        _tell(mediation, template=f"mediation_{target}", extra={"reason": reason})
    return mediation


# -- The confidential tier --------------------------------------------------------------------------


def note_write(
    *, mediation: Mediation, user: User, kind: str, body: str, party: Party | None = None
) -> ConfidentialNote:
    """A session note, or a private-session note with one party: the case's mediators alone write and read them."""
    body = (body or "").strip()
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        case = _lock(mediation.case)
        if not can_see_confidential(user, case):
            raise NotFound()
        if mediation.state not in (MediationState.PROPOSED, MediationState.UNDER_WAY):
            raise MediationStepNotAllowed()
        if not body:
            raise ValidationFailed(_("The note is empty."))
        if kind == NoteKind.CAUCUS:
            if party is None or not mediation.participants.filter(party=party).exists():
                raise ValidationFailed(_("Say with which party the private session was held."))
        else:
            kind, party = NoteKind.SESSION, None
        note = ConfidentialNote.objects.create(mediation=mediation, kind=kind, party=party, body=body, author=user)
        # Traceable, but the timeline never carries the note's words.
        _event(mediation, action="note_written", user=user, note_kind=kind)
    return note


def notes_read(*, mediation: Mediation, user: User, ip: str | None = None):
    """The mediation's confidential notes, for the case's mediators alone; the read is on the access log."""
    if not can_see_confidential(user, mediation.case):
        raise NotFound()
    notes = list(mediation.notes.select_related("author", "external_author__mediator", "party", "party__department"))
    access_record(case=mediation.case, action="mediation_notes_view", user=user, detail=str(mediation.pk), ip=ip)
    return notes


# -- Meetings ---------------------------------------------------------------------------------------


class MeetingInvalid(AccordError):
    code = "meeting_invalid"
    message = _("Some information about the meeting is missing or wrong.")


def _meeting_check(*, mode: str, starts_at, office, video_url: str) -> None:
    from accord.mediation.models import MeetingMode

    if starts_at is None or starts_at <= timezone.now():
        raise MeetingInvalid(_("The meeting must be in the future."))
    if mode == MeetingMode.IN_PERSON and office is None:
        raise MeetingInvalid(_("Choose the office where the parties meet."))
    if mode == MeetingMode.VIDEO and not (video_url or "").startswith("https://"):
        raise MeetingInvalid(_("Paste the video link (it starts with https://)."))


def _invitees(meeting):
    """Each party invited (not those who declined) and how it is reached, then the case's mediators."""
    from accord.cases.links import member_url
    from accord.mediation.permissions import case_mediator_ids

    case = meeting.mediation.case
    for participant in meeting.mediation.participants.select_related("party", "party__department"):
        if participant.answer == Answer.DECLINED:
            continue
        party = participant.party
        if party.kind == PartyKind.COMPLAINANT and case.person.email:
            name = case.complainant_name or case.person.name
            yield "member", None, case.language, name, case.person.email, member_url(case)
        elif party.kind == PartyKind.DEPARTMENT and party.department_id:
            for liaison in department_liaisons(party.department):
                url = liaison_url(participant, liaison.language)
                yield "staff", liaison, liaison.language, liaison.get_full_name(), liaison.email, url
    for mediator in User.objects.filter(pk__in=case_mediator_ids(case), is_active=True):
        with override(mediator.language):
            url = settings.ACCORD_BASE_URL + reverse("cases:detail", kwargs={"reference": case.reference})
        yield "mediator", mediator, mediator.language, mediator.get_full_name(), mediator.email, url


def _send_invitations(meeting, *, template: str, with_calendar: bool = True, extra: dict | None = None) -> int:
    from accord.mediation.invitations import invitation_ics
    from accord.notifications.services import member_email_queue, staff_email_queue

    sent = 0
    for who, user, language, name, email, url in _invitees(meeting):
        calendar = (
            invitation_ics(meeting, language=language, name=name, email=email, page_url=url) if with_calendar else ""
        )
        context = {"meeting": meeting, "mediation": meeting.mediation, "page_url": url, **(extra or {})}
        if who == "member":
            member_email_queue(
                case=meeting.mediation.case, template=template, context=context, automatic=True, calendar=calendar
            )
        else:
            staff_email_queue(
                user=user,
                template=template,
                context=context,
                case=meeting.mediation.case if who == "mediator" else None,
                calendar=calendar,
            )
        sent += 1
    return sent


def _meeting_event(meeting, *, action: str, user: User | None, **data) -> None:
    _event(
        meeting.mediation,
        action=action,
        user=user,
        meeting_id=meeting.pk,
        meeting_kind=meeting.kind,
        starts_at=meeting.starts_at.isoformat(),
        mode=meeting.mode,
        **data,
    )


def meeting_schedule(
    *,
    mediation: Mediation,
    user: User,
    kind: str,
    mode: str,
    starts_at,
    duration_minutes: int = 90,
    office=None,
    room: str = "",
    video_url: str = "",
    phone_note: str = "",
):
    """A case's mediator schedules a meeting; every party invited gets the invitation in its language."""
    import uuid

    from accord.mediation.models import Meeting

    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        case = _lock(mediation.case)
        mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if not mediation.is_open:
            raise MediationStepNotAllowed()
        _meeting_check(mode=mode, starts_at=starts_at, office=office, video_url=video_url)
        starts_at = starts_at.replace(second=0, microsecond=0)  # calendars keep minutes
        domain = parseaddr(settings.ACCORD_FROM_EMAIL)[1].rpartition("@")[2] or "accord.invalid"
        meeting = Meeting.objects.create(
            mediation=mediation,
            kind=kind,
            mode=mode,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            office=office if mode == "in_person" else None,
            room=room if mode == "in_person" else "",
            video_url=video_url if mode == "video" else "",
            phone_note=phone_note if mode == "phone" else "",
            uid=f"{uuid.uuid4()}@{domain}",
            created_by=user,
        )
        _meeting_event(meeting, action="meeting_scheduled", user=user)
        _send_invitations(meeting, template="meeting_invitation")
    return meeting


def meeting_change(*, meeting, user: User, **changes):
    """Move or change a meeting: its SEQUENCE rises and every invitee gets the updated invitation."""
    from accord.mediation.models import Meeting, MeetingState

    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",)).select_related("mediation", "office").get(pk=meeting.pk)
        )
        case = _lock(meeting.mediation.case)
        meeting.mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if meeting.state != MeetingState.SCHEDULED or not meeting.mediation.is_open:
            raise MediationStepNotAllowed()
        for field in ("kind", "mode", "starts_at", "duration_minutes", "office", "room", "video_url", "phone_note"):
            if field in changes:
                setattr(meeting, field, changes[field])
        if meeting.starts_at is not None:
            meeting.starts_at = meeting.starts_at.replace(second=0, microsecond=0)
        _meeting_check(
            mode=meeting.mode, starts_at=meeting.starts_at, office=meeting.office, video_url=meeting.video_url
        )
        if meeting.mode != "in_person":
            meeting.office, meeting.room = None, ""
        meeting.sequence += 1
        meeting.reminded_for = None
        meeting.save()
        _meeting_event(meeting, action="meeting_changed", user=user, sequence=meeting.sequence)
        _send_invitations(meeting, template="meeting_changed")
    return meeting


def meeting_cancel(*, meeting, user: User, reason: str):
    from accord.mediation.models import Meeting, MeetingState

    reason = (reason or "").strip()
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",)).select_related("mediation", "office").get(pk=meeting.pk)
        )
        case = _lock(meeting.mediation.case)
        meeting.mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if meeting.state != MeetingState.SCHEDULED:
            raise MediationStepNotAllowed()
        if not reason:
            raise ValidationFailed(_("Say why, in words the parties will read."))
        meeting.state = MeetingState.CANCELLED
        meeting.cancelled_at = timezone.now()
        meeting.cancel_reason = reason
        meeting.sequence += 1
        meeting.save()
        _meeting_event(meeting, action="meeting_cancelled", user=user)
        _send_invitations(meeting, template="meeting_cancelled", extra={"reason": reason})
    return meeting


def attendance_record(*, meeting, user: User, present: list[int]):
    """After the meeting, a case's mediator records who came (`present`: participant ids; the others did not)."""
    from accord.mediation.models import Attendance, Meeting, MeetingState

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("mediation").get(pk=meeting.pk)
        case = _lock(meeting.mediation.case)
        meeting.mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if meeting.state != MeetingState.SCHEDULED or meeting.starts_at > timezone.now():
            raise MeetingInvalid(_("Attendance is recorded once the meeting has started."))
        invited = [p for p in meeting.mediation.participants.all() if p.answer != Answer.DECLINED]
        came = 0
        for participant in invited:
            attended = participant.pk in set(present)
            came += attended
            Attendance.objects.update_or_create(
                meeting=meeting,
                participant=participant,
                defaults={"attended": attended, "recorded_by": user, "recorded_at": timezone.now()},
            )
        _meeting_event(meeting, action="attendance", user=user, present=came, invited=len(invited))
    return meeting


def meeting_reminders_send(*, today=None) -> list[int]:
    """The day before each scheduled meeting, a reminder to every invitee; once per meeting and day, whatever
    the number of workers (a conditional UPDATE claims it in the transaction that queues the e-mails)."""
    from datetime import timedelta

    from accord.mediation.models import Meeting, MeetingState

    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    sent = []
    candidates = Meeting.objects.filter(state=MeetingState.SCHEDULED, starts_at__date=tomorrow).exclude(
        reminded_for=tomorrow
    )
    for meeting_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = (
                Meeting.objects.filter(pk=meeting_id, state=MeetingState.SCHEDULED)
                .exclude(reminded_for=tomorrow)
                .update(reminded_for=tomorrow)
            )
            if not claimed:
                continue
            meeting = Meeting.objects.select_related("mediation__case__person", "office").get(pk=meeting_id)
            _send_invitations(meeting, template="meeting_reminder", with_calendar=False)
            _meeting_event(meeting, action="meeting_reminded", user=None)
            sent.append(meeting_id)
    return sent
