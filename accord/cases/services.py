"""Writes on cases other than status changes (those are in workflow.py).

Each service runs in one transaction, appends its event to the case's timeline, saves with
`update_fields`, and sends e-mail only once the transaction has committed.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.cases import deadlines
from accord.cases.assignments import case_assign, conflict_declare  # noqa: F401 (their home is assignments.py)
from accord.cases.cycles import cycle_first
from accord.cases.documents import documents_attach, documents_attach_received, documents_validate
from accord.cases.intake import complaint_check
from accord.cases.models import (
    OPEN_STATUSES,
    AccessLog,
    Case,
    CaseEvent,
    Category,
    DeadlineKind,
    Department,
    EventKind,
    InternalNote,
    Message,
    MessageDirection,
    Office,
    ReferenceCounter,
    Status,
)
from accord.cases.parties import parties_create_initial, party_complainant, party_department_ensure
from accord.cases.permissions import MEMBER, Actor, require_summary, require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.lib.workingdays import working_days_between
from accord.people.models import Person
from accord.people.services import person_recognise


def reference_next(*, year: int) -> str:
    """The next reference of the year, e.g. ACC-2026-000123. Must run inside a transaction.

    The counter row is incremented with one UPDATE, which holds its row lock (PostgreSQL) or
    the database's write lock (SQLite) until commit: two concurrent cases never share a number.
    """
    updated = ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=1)
        except IntegrityError:
            # Another transaction created the year's row first: take the next number from it.
            ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.get(year=year).last
    return f"ACC-{year}-{number:06d}"


def case_create(
    *,
    person: Person,
    channel: str,
    subject: str,
    description: str,
    language: str,
    office: Office | None = None,
    office_country: str | None = None,
    received_at: datetime | None = None,
    recorded_by: User | None = None,
    received_by: str = "",
    category: Category | None = None,
    department: Department | None = None,
    attachments=(),
    received_files=(),
    acknowledge: bool = True,
    given: dict | None = None,
) -> Case:
    """Record a complaint, however it came, and acknowledge it to the member by e-mail. The way in is
    complaint_receive, which checks the channels' rules first (cases/intake.py); this is its writer.

    `received_files` are files that came by e-mail: all kept, see documents_attach_received.
    `given`: the complainant's details as given with the complaint (person_recognise), kept on the
    "received" event; its name is the case's `complainant_name`, the one its e-mails greet.
    The office whose calendar sets the deadlines: `office`, else the first office of `office_country`,
    else the member's latest case's, else the default one (cases/offices.py)."""
    from accord.cases.offices import office_for_country, office_for_member
    from accord.notifications.services import member_email_queue

    now = timezone.now()
    received_at = received_at or now
    documents_validate(list(attachments))
    actor = Actor.for_user(recorded_by) if recorded_by is not None else MEMBER
    if office is None:
        office = office_for_country(office_country) if office_country else office_for_member(person)
    with transaction.atomic():
        case = Case.objects.create(
            reference=reference_next(year=timezone.localdate(received_at).year),
            person=person,
            complainant_name=(given or {}).get("name") or person.name,
            channel=channel,
            subject=subject.strip()[:200],
            description=description.strip(),
            language=language,
            office=office,
            office_country=office.country if office else (office_country or "BE"),
            received_at=received_at,
            created_at=now,
            recorded_by=recorded_by,
            received_by=received_by,
            category=category,
            department=department,
        )
        cycle_first(case)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.CREATED,
            actor=recorded_by,
            actor_kind=actor.event_kind,
            created_at=now,
            to_status=Status.RECEIVED,
            data={
                "channel": channel,
                "received_at": received_at.isoformat(),
                "received_by": received_by,
                "acknowledged_by_email": acknowledge,
                **({"given": given} if given is not None else {}),
            },
        )
        parties_create_initial(case=case, user=recorded_by, at=now)
        if attachments:
            documents_attach(case=case, files=attachments, actor=actor, shared_with_member=True)
        if received_files:
            documents_attach_received(case=case, attachments=received_files, actor=actor)
        fields = deadlines.deadlines_create_initial(case)
        case.save(update_fields=fields)
        if acknowledge:
            member_email_queue(case=case, template="acknowledgement", context={}, automatic=True)
    return case


def complaint_receive(*, complainant: dict, **case_fields) -> Case:
    """A complaint however it came (web form, intake, e-mail, API): the channels' rules checked
    (`intake.complaint_check`: a way to reach the member, the phone in E.164, no date in the future), the member
    recognised by the identity rule (person_recognise: by address; other details are claims, see
    cases/identity.py) or recorded, and the case created, in one transaction, so a refused case leaves no new
    person behind.

    `complainant` holds person_recognise's arguments; the rest goes to case_create.
    """
    from accord.cases.identity import claims_record

    office = case_fields.get("office")
    checked = complaint_check(
        complainant=complainant,
        country=office.country if office is not None else case_fields.get("office_country") or "BE",
        received_at=case_fields.get("received_at"),
    )
    with transaction.atomic():
        recognition = person_recognise(**checked.complainant)
        case = case_create(person=recognition.person, given=recognition.given, **case_fields)
        claims_record(case=case, claims=recognition.claims)
        return case


def member_message_add(*, case: Case, body: str, attachments=(), received_files=()) -> Message:
    """The member writes through their private link or by e-mail; a case awaiting them resumes.

    `received_files` are files that came by e-mail: all kept, see documents_attach_received."""
    from accord.cases.workflow import StepInput, case_transition

    if not body.strip() and not attachments and not received_files:
        raise ValidationFailed(_("Write a message or add a document."), code="message_empty")
    if not case.is_open:
        raise TransitionNotAllowed(_("This case is closed. To raise something new, file a new complaint."))
    documents_validate(list(attachments))
    with transaction.atomic():
        message = Message.objects.create(
            case=case, direction=MessageDirection.FROM_MEMBER, body=body.strip(), party=party_complainant(case)
        )
        documents_attach(case=case, message=message, files=attachments, actor=MEMBER, shared_with_member=True)
        documents_attach_received(case=case, message=message, attachments=received_files, actor=MEMBER)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.MESSAGE_FROM_MEMBER,
            actor_kind="member",
            data={"message_id": message.pk, "attachments": len(attachments) + len(received_files)},
        )
        if case.status == Status.AWAITING_MEMBER:
            case_transition(case=case, name="member_replied", actor=MEMBER, data=StepInput())
        # Whatever the way in (page, link, e-mail), the member is owed an answer: after the resumption,
        # so the pause does not push it back.
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.save(update_fields=[*deadlines.reply_open(case, at=message.created_at), "updated_at"])
    return message


def staff_message_send(*, case: Case, user: User, body: str, attachments=()) -> Message:
    """A message to the member that does not change the case's status."""
    from accord.notifications.services import member_email_queue

    require_work(user, case)
    if not body.strip():
        raise ValidationFailed(_("Write the message to the member."), code="message_required")
    if not case.is_open:
        raise TransitionNotAllowed(_("This case is closed: reopen it to write to the member."))
    documents_validate(list(attachments))
    actor = Actor.for_user(user)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        now = timezone.now()
        party = party_complainant(case)
        message = Message.objects.create(
            case=case, direction=MessageDirection.TO_MEMBER, author=user, body=body.strip(), created_at=now, party=party
        )
        documents_attach(case=case, message=message, files=attachments, actor=actor, shared_with_member=True)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.MESSAGE_TO_MEMBER,
            actor=user,
            created_at=now,
            data={"message_id": message.pk, "party": party.pk},
        )
        fields = deadlines.member_answered(case, at=now)
        case.save(update_fields=[*fields, "updated_at"])
        member_email_queue(case=case, template="message", context={"message": message.body})
    return message


def note_add(
    *, case: Case, user: User, body: str, attachments=(), received_files=(), by_email: bool = False
) -> InternalNote:
    """A member of staff's internal note (never shown to the member), written on the case page or mailed in.

    On the page it needs the right to work on the case. `by_email`: the mailbox filed it on the case its evidence
    names (a member of staff copied in the member's thread, a forwarder's comment above the complaint they
    forward), and it is kept whoever wrote it: what an intake counsellor writes about the complaint they pass
    on is theirs, and is not lost. `received_files`: the files that came with that e-mail, all kept, staff only
    (documents_attach_received)."""
    if not by_email:
        require_work(user, case)
    if not body.strip():
        raise ValidationFailed(_("Write the note."), code="note_required")
    documents_validate(list(attachments))
    actor = Actor.for_user(user)
    with transaction.atomic():
        note = InternalNote.objects.create(case=case, author=user, body=body.strip())
        documents_attach(case=case, files=attachments, actor=actor, shared_with_member=False)
        CaseEvent.objects.create(
            case=case, kind=EventKind.NOTE, actor=user, actor_kind=actor.event_kind, data={"note_id": note.pk}
        )
        documents_attach_received(case=case, attachments=received_files, actor=actor, shared_with_member=False)
    return note


def case_classify(*, case: Case, user: User, category: Category | None, department: Department | None) -> Case:
    require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = {"category": case.category_id, "department": case.department_id}
        after = {"category": category.pk if category else None, "department": department.pk if department else None}
        if before == after:
            return case
        now = timezone.now()
        CaseEvent.objects.create(
            case=case, kind=EventKind.CLASSIFICATION, actor=user, created_at=now, data={"from": before, "to": after}
        )
        if department is not None:
            # The department concerned takes part in the case (an earlier one stays a party until ended).
            party_department_ensure(case=case, department=department, user=user, at=now, why="classification")
        case.category, case.department = category, department
        case.save(update_fields=["category", "department", "updated_at"])
    return case


def link_renew(*, case: Case, user: User | None = None) -> Case:
    """Revoke the member's private link and send them a new one.

    By a mediator (`user`), or at the member's own request (`user` None, recorded as the
    member's: see `link_renew_requested`).
    """
    from accord.notifications.services import member_email_queue

    if user is not None:
        require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        case.link_version += 1
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.LINK,
            actor=user,
            actor_kind="staff" if user is not None else "member",
            data={"version": case.link_version},
        )
        case.save(update_fields=["link_version", "updated_at"])
        member_email_queue(case=case, template="new_link", context={}, automatic=True)
    return case


def acknowledgement_letter_print(*, case: Case, user: User) -> tuple[Case, bytes]:
    """The acknowledgement letter to post (cases/letters.py), with a fresh private link in it.

    The one exception to "staff never see a member's link": an explicit action of the intake counsellor
    who recorded the case or of a mediator who may work on it (`require_summary`: anyone else gets 404),
    for a member Accord cannot e-mail. It renews the link (every earlier one stops working) and records
    it on the timeline (a `link` event with `letter`), in one transaction with the rendering: no PDF, no
    renewal. A member with an e-mail address also gets the new link by e-mail (`new_link`), so the one in
    their mailbox is not left dead. Open cases only: the letter acknowledges a complaint still handled.
    """
    from accord.cases.letters import acknowledgement_letter_pdf
    from accord.notifications.services import member_email_queue

    require_summary(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("person", "office").get(pk=case.pk)
        if not case.is_open:
            raise ValidationFailed(
                _("This case has ended: an acknowledgement letter is printed only while a complaint is handled."),
                code="letter_case_ended",
            )
        case.link_version += 1
        CaseEvent.objects.create(
            case=case, kind=EventKind.LINK, actor=user, data={"version": case.link_version, "letter": True}
        )
        case.save(update_fields=["link_version", "updated_at"])
        if case.person.email:
            member_email_queue(case=case, template="new_link", context={}, automatic=True)
        pdf = acknowledgement_letter_pdf(case)
    return case, pdf


def link_renew_requested(*, case: Case) -> bool:
    """The button "send me a new link", pressed on an expired link: renewed by `link_renew`, so the new link
    goes to the address on record for the case's person (never one typed on the page).

    Throttled by construction: the renewal happens only while the case's current link has expired,
    checked again under the case's row lock, and a renewed link opens the case for a whole new
    period (`links.member_link_expires_at`): one e-mail per case and period, however often or
    however concurrently the button is pressed. Without an address on record nothing is sent.
    Whether it renewed is for the tests: the page says the same either way.
    """
    from accord.cases.links import member_link_expired

    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        if not case.person.email or not member_link_expired(case):
            return False
        link_renew(case=case)
    return True


def outcome_deadline_extend(*, case: Case, user: User, days: int, reason: str) -> Case:
    """Extend the outcome delay of a complex case; the member is told why and until when."""
    from accord.notifications.services import member_email_queue

    require_work(user, case)
    if not reason.strip():
        raise ValidationFailed(_("Give the reason: it is told to the member."), code="reason_required")
    most = settings.ACCORD_EXTENSION_MAX_DAYS
    if not 1 <= days <= most:
        raise ValidationFailed(
            _("An extension is between 1 and %(most)d days.") % {"most": most}, code="extension_days"
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        deadline = case.deadlines.open().filter(kind=DeadlineKind.OUTCOME).first()
        if deadline is None or not case.is_open:
            raise TransitionNotAllowed(_("Only the outcome time limit of an admissible, open case can be extended."))
        old, new = deadlines.deadline_extend(case, kind=DeadlineKind.OUTCOME, days=days, at=timezone.now())
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DEADLINE,
            actor=user,
            data={
                "reason": reason.strip(),
                "changes": [{"kind": DeadlineKind.OUTCOME, "from": old.isoformat(), "to": new.isoformat()}],
            },
        )
        case.save(update_fields=[*deadlines.deadlines_refresh_next(case), "updated_at"])
        member_email_queue(case=case, template="extended", context={"reason": reason.strip(), "new_date": new})
    return case


def access_record(
    *,
    case: Case,
    action: str,
    user: User | None = None,
    by_member: bool = False,
    detail: str = "",
    ip: str | None = None,
) -> None:
    """Every read of a case leaves a trace (writes are on the timeline)."""
    AccessLog.objects.create(
        case=case,
        user=user if user is not None and user.is_authenticated else None,
        by_member=by_member,
        action=action,
        detail=detail[:200],
        ip_address=ip,
    )


def access_record_many(
    *, cases, action: str, user: User | None = None, detail: str = "", ip: str | None = None
) -> None:
    """The same trace for every case of a list that was read (an API page): one INSERT, not one per case."""
    at = timezone.now()
    AccessLog.objects.bulk_create(
        AccessLog(
            case=case,
            user=user if user is not None and user.is_authenticated else None,
            action=action,
            detail=detail[:200],
            at=at,
            ip_address=ip,
        )
        for case in cases
    )


def case_escalate(*, case: Case, at: datetime, deadline_kind: str, due_date: date, working_days_late: int) -> bool:
    """Flag the case for the oversight committee (once); False if it already was."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.escalated_at is not None:
            return False
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.ESCALATED,
            actor_kind="system",
            created_at=at,
            data={"deadline": deadline_kind, "due_date": due_date.isoformat(), "working_days_late": working_days_late},
        )
        case.escalated_at = at
        case.save(update_fields=["escalated_at", "updated_at"])
    return True


def cases_escalate_overdue(*, today: date | None = None, margin: int | None = None) -> list[Case]:
    """Flag every open case whose earliest open deadline is late by more than `margin` working days
    (ACCORD_ESCALATION_WORKING_DAYS, in the case's office calendar). The cases flagged now."""
    today = today or timezone.localdate()
    margin = settings.ACCORD_ESCALATION_WORKING_DAYS if margin is None else margin
    # Working days late never exceed calendar days late: the date filter keeps the candidates few.
    candidates = Case.objects.filter(
        status__in=OPEN_STATUSES, escalated_at__isnull=True, next_deadline__lt=today - timedelta(days=margin)
    ).only("pk", "reference", "next_deadline", "next_deadline_kind", "office_country", "office")
    candidates = candidates.prefetch_related("office__closures")
    flagged = []
    now = timezone.now()
    for case in candidates:
        late = working_days_between(case.next_deadline, today, deadlines.case_calendar(case))
        if late > margin and case_escalate(
            case=case,
            at=now,
            deadline_kind=case.next_deadline_kind,
            due_date=case.next_deadline,
            working_days_late=late,
        ):
            flagged.append(case)
    return flagged


def file_complete_mark(*, case: Case, user: User, on: date | None = None) -> Case:
    """A mediator records the day the file became complete (what was missing came another way), before
    deciding admissibility: the outcome delay will run from that day."""
    require_work(user, case)
    if not case.is_open or case.status == Status.AWAITING_MEMBER:
        raise TransitionNotAllowed(
            _("The file can be marked complete on an open case that is not awaiting the member.")
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = case.file_complete_on
        fields = deadlines.file_complete_set(case, on=on or timezone.localdate())
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.FILE_COMPLETE,
            actor=user,
            data={"from": before.isoformat() if before else None, "to": case.file_complete_on.isoformat()},
        )
        case.save(update_fields=[*fields, "updated_at"])
    return case


def awaiting_wait_longer(*, case: Case, user: User, working_days: int) -> Case:
    """The member's time to answer passed (or is passing): the mediator chooses to wait longer."""
    require_work(user, case)
    most = settings.ACCORD_DELAYS["awaiting_member_working_days"]
    if not 1 <= working_days <= most:
        raise ValidationFailed(_("Wait between 1 and %(most)d working days more.") % {"most": most}, code="wait_days")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if (
            case.status != Status.AWAITING_MEMBER
            or not case.deadlines.open().filter(kind=DeadlineKind.AWAITING_MEMBER).exists()
        ):
            raise TransitionNotAllowed(_("This case is not awaiting the member."))
        now = timezone.now()
        old, new = deadlines.awaiting_extend(case, working_days=working_days, at=now)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.DEADLINE,
            actor=user,
            created_at=now,
            data={
                "action": "wait_longer",
                "changes": [{"kind": DeadlineKind.AWAITING_MEMBER, "from": old.isoformat(), "to": new.isoformat()}],
            },
        )
        case.save(update_fields=[*deadlines.deadlines_refresh_next(case), "updated_at"])
    return case
