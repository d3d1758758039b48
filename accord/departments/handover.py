"""The hand-over (art. 5(4)(a)): a complaint not first raised with the department goes to it, with the member's
consent, and Accord follows it. The only writer of a `Handover`'s state; the case's status is the workflow's
(`cases.workflow`: hand_over, handover_settled, handover_declined, handover_take_back, and the member's come_back),
called from here in the same transaction, so the hand-over and the case move together.

- **Consent** is recorded by the mediator (how: `cases.models.HandoverConsent`, and a note of when and what the
  member said): members agree by phone, by e-mail or in a message on their page, and the mediator who asked them
  records it; nothing is handed over without it. A member who would rather write to the department themselves
  says so and the mediator does not hand it over.
- **The department gets it** through its liaisons (a staff e-mail, their "Hand-overs" page) or, without liaisons,
  through its link (`ShareLink` purpose "handover", sent to its shared address, usable until the hand-over ends).
  It sees the complaint (subject and description), the member's name and member number, the mediator's note and
  the documents ticked; nothing else of the file. It accepts, or declines with a reason (the case returns to the
  mediator, under investigation), then answers the member by its due date: its answer and the outcome it reports
  settle the complaint (the case closes with that outcome; the member is told in the department's words and may
  come back to Accord within ACCORD_CONTEST_DAYS, a new cycle).
- **One clock**: the due date is `cases.deadlines.due_in_working_days` on the department's office calendar
  (`services.department_calendar`), ACCORD_HANDOVER_WORKING_DAYS by default.
- **Follow-up** (`handover_notices_send`, job `handovers_check`): a reminder to the department before the due date,
  once passed an overdue notice to the department and the case's mediator, after
  ACCORD_REQUEST_ESCALATION_WORKING_DAYS an e-mail to the department's head; each once per due date whatever the
  number of workers (a conditional UPDATE of the claim column in the transaction that queues its e-mails).
- Each of the department's steps and each notice is on the case's timeline (`EventKind.HANDOVER`, or the
  workflow's transition event).
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.cases import deadlines
from accord.cases.models import Case, CaseEvent, Department, EventKind, HandoverConsent, Outcome, Status
from accord.cases.permissions import SYSTEM, Actor, require_work
from accord.cases.workflow import StepInput, case_transition
from accord.core.errors import NotFound, TransitionNotAllowed, ValidationFailed
from accord.departments.models import DepartmentContact, Handover, HandoverState, ShareLink
from accord.departments.permissions import can_answer_handover, handover_open_to_department
from accord.departments.services import department_calendar, department_liaisons
from accord.lib.workingdays import add_working_days, working_days_between

HANDOVER = "handover"  # the ShareLink purpose

# The outcomes a department reports when it settles a complaint, in its own words (the form's choices).
SETTLE_OUTCOMES = [
    (Outcome.MEMBER_FAVOUR, gettext_lazy("We granted the member's request")),
    (Outcome.PARTLY, gettext_lazy("We granted part of the member's request")),
    (Outcome.AMICABLE, gettext_lazy("We reached an agreement with the member")),
    (Outcome.COOPERATIVE_FAVOUR, gettext_lazy("We maintain our position, with our reasons")),
]


def handover_url(handover: Handover, language: str) -> str:
    with override(language):
        return settings.ACCORD_BASE_URL + reverse("departments:handover", kwargs={"handover_id": handover.pk})


def _names(department: Department) -> dict:
    return {lang: department.name_in(lang) for lang in ("fr", "nl", "en")}


def _event(case: Case, *, action: str, handover: Handover, actor: User | None, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=EventKind.HANDOVER,
        actor=actor,
        actor_kind="staff" if actor else "system",
        created_at=timezone.now(),
        data={
            "action": action,
            "handover_id": handover.pk,
            "department": handover.department.code,
            "department_names": _names(handover.department),
            **data,
        },
    )


def _contact(department: Department) -> DepartmentContact | None:
    return DepartmentContact.objects.filter(department=department).first()


# -- Telling the department, its mediator ---------------------------------------------------------------------


def _link_expiry(handover: Handover, now: datetime) -> datetime:
    """ACCORD_SHARE_LINK_DAYS after the day the answer is due, so a late department can still answer."""
    end_of_due_day = timezone.make_aware(datetime.combine(handover.due_date + timedelta(days=1), time.min))
    return (end_of_due_day + timedelta(days=settings.ACCORD_SHARE_LINK_DAYS)).replace(microsecond=0)


def handover_link_url(link: ShareLink) -> str:
    """The absolute address of the hand-over's page through the department's link, in the link's language."""
    from accord.departments.sharing import share_token

    with override(link.language):
        path = reverse("handover_link:page", kwargs={"token": share_token(link)})
    return f"{settings.ACCORD_BASE_URL}{path}"


def _link_send(handover: Handover, contact: DepartmentContact, user: User) -> ShareLink:
    from accord.notifications.services import department_email_queue

    now = timezone.now()
    link = ShareLink.objects.create(
        purpose=HANDOVER,
        case=handover.case,
        handover=handover,
        recipient=contact.shared_email,
        language=contact.language,
        # Accepting comes before settling: the link serves the whole hand-over, and stops once it ends.
        single_use=False,
        created_by=user,
        created_at=now,
        expires_at=_link_expiry(handover, now),
    )
    department_email_queue(
        to=contact.shared_email,
        language=contact.language,
        template="handover_link",
        context={"handover": handover, "what": "sent", "link_url": handover_link_url(link)},
        case=handover.case,
    )
    _event(handover.case, action="link_sent", handover=handover, actor=user, link_id=link.pk, to=link.recipient)
    return link


def _open_link(handover: Handover) -> ShareLink | None:
    link = ShareLink.objects.filter(handover=handover, purpose=HANDOVER).order_by("-created_at", "-id").first()
    return link if link is not None and link.state == "open" else None


def _tell_department(handover: Handover, *, what: str) -> int:
    """Its liaisons (staff e-mail, their language), else its shared address (with the link while it opens)."""
    from accord.notifications.services import department_email_queue, staff_email_queue

    sent = 0
    for liaison in department_liaisons(handover.department):
        context = {"handover": handover, "what": what, "handover_url": handover_url(handover, liaison.language)}
        # Not `case=`: the e-mail is not the case's; no member detail in it beyond what the hand-over shares.
        staff_email_queue(user=liaison, template="handover_liaison", context=context)
        sent += 1
    if sent:
        return sent
    link = ShareLink.objects.filter(handover=handover, purpose=HANDOVER).order_by("-created_at", "-id").first()
    if link is None:
        return 0
    still_open = _open_link(handover) if what != "withdrawn" else None
    department_email_queue(
        to=link.recipient,
        language=link.language,
        template="handover_link",
        context={
            "handover": handover,
            "what": what,
            "link_url": handover_link_url(still_open) if still_open else "",
        },
        case=handover.case,
    )
    return 1


def _tell_mediator(handover: Handover, *, what: str) -> None:
    from accord.notifications.reminders import case_staff_url
    from accord.notifications.services import staff_email_queue

    case = handover.case
    mediator = case.assigned_to if case.assigned_to_id and case.assigned_to.is_active else handover.handed_by
    if mediator is None or not mediator.is_active:
        return
    context = {"handover": handover, "what": what, "case_url": case_staff_url(case, mediator.language)}
    staff_email_queue(user=mediator, template="handover_mediator", context=context, case=case)


# -- The mediator: hand over, take back -----------------------------------------------------------------------


def handover_start(
    *,
    case: Case,
    user: User,
    department: Department,
    consent: str,
    consent_note: str,
    reason: str,
    note: str = "",
    working_days: int | None = None,
    documents=(),
) -> Handover:
    """The mediator hands the complaint over to the department, with the member's consent (recorded)."""
    require_work(user, case)
    if consent not in HandoverConsent.values:
        raise ValidationFailed(_("Record how the member agreed to the hand-over."), code="consent_required")
    consent_note = consent_note.strip()
    if not consent_note:
        raise ValidationFailed(_("Say when and how the member agreed to the hand-over."), code="consent_note_required")
    working_days = working_days or settings.ACCORD_HANDOVER_WORKING_DAYS
    if not 1 <= working_days <= 60:
        raise ValidationFailed(_("Give between 1 and 60 working days."), code="working_days_invalid")
    documents = list(documents)
    if any(d.case_id != case.pk for d in documents):
        raise ValidationFailed(_("Share only this case's documents."), code="not_this_case")
    contact = _contact(department)
    if not department_liaisons(department).exists() and not (contact and contact.shared_email):
        # Handed over to nobody would be a false promise to the member.
        raise ValidationFailed(
            _("This department has no liaison and no shared address: it cannot receive the complaint."),
            code="department_unreachable",
        )
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if case.status not in (Status.RECEIVED, Status.ACKNOWLEDGED):
            raise TransitionNotAllowed(_("Only a complaint whose admissibility is not decided yet can be handed over."))
        now = timezone.now()
        due = deadlines.due_in_working_days(
            start=timezone.localdate(now), working_days=working_days, calendar=department_calendar(department, case)
        )
        handover = Handover.objects.create(
            case=case,
            department=department,
            handed_by=user,
            handed_at=now,
            consent=consent,
            consent_note=consent_note,
            note=note.strip(),
            working_days=working_days,
            due_date=due,
        )
        handover.shared_documents.set(documents)
        case = case_transition(
            case=case,
            name="hand_over",
            actor=Actor.for_user(user),
            data=StepInput(department=department, consent=consent, reason=reason, due_date=due),
        )
        handover.case = case
        _event(
            case,
            action="sent",
            handover=handover,
            actor=user,
            due_date=due.isoformat(),
            consent_note=consent_note,
            shared_documents=[d.original_name for d in documents],
        )
        if department_liaisons(department).exists():
            _tell_department(handover, what="sent")
        else:
            _link_send(handover, contact, user)
    return handover


def handover_take_back(*, handover: Handover, user: User, reason: str) -> Handover:
    """The mediator takes the complaint back (the department is silent, the member asks it): Accord handles it."""
    require_work(user, handover.case)
    with transaction.atomic():
        Case.objects.select_for_update(of=("self",)).get(pk=handover.case_id)
        handover = (
            Handover.objects.select_for_update(of=("self",)).select_related("case", "department").get(pk=handover.pk)
        )
        if not handover_open_to_department(handover):
            raise TransitionNotAllowed(_("This hand-over has already ended."))
        case = case_transition(
            case=handover.case, name="handover_take_back", actor=Actor.for_user(user), data=StepInput(reason=reason)
        )
        handover.state, handover.ended_reason = HandoverState.ENDED, reason.strip()
        handover.save(update_fields=["state", "ended_reason"])
        handover.case = case
        _tell_department(handover, what="withdrawn")
    return handover


# -- The department: accept, decline, settle (a liaison, or its link) ------------------------------------------


def _department_actor(user: User | None) -> Actor:
    return Actor.for_user(user) if user is not None else SYSTEM


def _check_department(user: User | None, handover: Handover) -> None:
    if user is not None and not can_answer_handover(user, handover):
        raise NotFound()


def _locked(handover: Handover) -> Handover:
    Case.objects.select_for_update(of=("self",)).get(pk=handover.case_id)
    handover = Handover.objects.select_for_update(of=("self",)).select_related("case", "department").get(pk=handover.pk)
    if not handover_open_to_department(handover):
        raise TransitionNotAllowed(_("This hand-over has ended: the complaint is no longer with your department."))
    return handover


def _decided(handover: Handover, *, user: User | None, author_email: str, now: datetime) -> list[str]:
    handover.decided_at, handover.decided_by, handover.author_email = now, user, author_email
    return ["decided_at", "decided_by", "author_email"]


def handover_accept(*, handover: Handover, user: User | None, author_email: str = "") -> Handover:
    """The department takes the complaint on: it will answer the member by its due date."""
    _check_department(user, handover)
    with transaction.atomic():
        handover = _locked(handover)
        if handover.state != HandoverState.OFFERED:
            raise TransitionNotAllowed(_("This hand-over was already accepted."))
        now = timezone.now()
        handover.state, handover.accepted_at = HandoverState.ACCEPTED, now
        handover.save(update_fields=["state", "accepted_at"])
        _event(
            handover.case,
            action="accepted",
            handover=handover,
            actor=user,
            author_email=author_email,
            due_date=handover.due_date.isoformat(),
        )
        handover.case.save(update_fields=["updated_at"])
        _tell_mediator(handover, what="accepted")
    return handover


def handover_decline(*, handover: Handover, user: User | None, reason: str, author_email: str = "") -> Handover:
    """The department does not take it on, with its reason: the complaint returns to the mediator's handling."""
    _check_department(user, handover)
    if not reason.strip():
        raise ValidationFailed(_("Give the reason: it is told to the member and the mediator."), code="reason_required")
    with transaction.atomic():
        handover = _locked(handover)
        now = timezone.now()
        fields = _decided(handover, user=user, author_email=author_email, now=now)
        handover.state, handover.decline_reason = HandoverState.DECLINED, reason.strip()
        handover.save(update_fields=["state", "decline_reason", *fields])
        handover.case = case_transition(
            case=handover.case,
            name="handover_declined",
            actor=_department_actor(user),
            data=StepInput(reason=reason),
        )
        _tell_mediator(handover, what="declined")
    return handover


def handover_settle(
    *, handover: Handover, user: User | None, answer: str, outcome: str, author_email: str = ""
) -> Handover:
    """The department answers the member and settles the complaint: Accord tells the member (its answer, the
    outcome in its words) and closes the case with that outcome."""
    _check_department(user, handover)
    if outcome not in dict(SETTLE_OUTCOMES):
        raise ValidationFailed(_("Choose how the complaint was settled."), code="outcome_invalid")
    if not answer.strip():
        raise ValidationFailed(_("Write your answer to the member."), code="answer_required")
    with transaction.atomic():
        handover = _locked(handover)
        now = timezone.now()
        fields = _decided(handover, user=user, author_email=author_email, now=now)
        handover.state, handover.answer, handover.outcome = HandoverState.SETTLED, answer.strip(), outcome
        if handover.accepted_at is None:
            handover.accepted_at = now  # settling it is taking it on
            fields.append("accepted_at")
        handover.save(update_fields=["state", "answer", "outcome", *fields])
        handover.case = case_transition(
            case=handover.case,
            name="handover_settled",
            actor=_department_actor(user),
            data=StepInput(message=answer.strip(), outcome=outcome),
        )
        _tell_mediator(handover, what="settled")
    return handover


def handover_link_step(*, link: ShareLink, kind: str, ip: str | None = None, **data) -> Handover:
    """The department acts through its link (no account): recorded as the link's recipient; a decision (decline,
    settle) ends what the link may do. Under the case's and the link's locks; a link that no longer opens raises
    ShareLinkRefused."""
    from accord.departments.permissions import share_link_refused
    from accord.departments.sharing import ShareLinkRefused, share_link_use_record

    steps = {"accept": handover_accept, "decline": handover_decline, "settle": handover_settle}
    if kind not in steps:
        raise NotFound()
    with transaction.atomic():
        Case.objects.select_for_update(of=("self",)).get(pk=link.case_id)
        link = (
            ShareLink.objects.select_for_update(of=("self",))
            .select_related("handover", "handover__case")
            .get(pk=link.pk)
        )
        reason = share_link_refused(link)
        if reason:
            raise ShareLinkRefused(reason)
        handover = steps[kind](handover=link.handover, user=None, author_email=link.recipient, **data)
        if kind != "accept":
            link.used_at = timezone.now()
            link.save(update_fields=["used_at"])
        share_link_use_record(link=link, action=kind, ip=ip, detail=f"handover {handover.pk}")
    return handover


# -- Follow-up: reminders, overdue notices, escalation --------------------------------------------------------


def _claim(handover: Handover, field: str) -> bool:
    """Claim a notice for the hand-over's current due date: one worker wins, whatever their number. On the row's own
    columns only: a condition through a join becomes a subquery that PostgreSQL does not re-check once the first
    worker's UPDATE commits, and both would win (the case's status is read by the caller's query)."""
    updated = (
        Handover.objects.filter(
            pk=handover.pk,
            state__in=[HandoverState.OFFERED, HandoverState.ACCEPTED],
            due_date=handover.due_date,
        )
        .filter(Q(**{f"{field}__isnull": True}) | ~Q(**{field: handover.due_date}))
        .update(**{field: handover.due_date})
    )
    return updated == 1


def handover_notices_send(*, today: date | None = None) -> list[tuple[int, str]]:
    """For each hand-over still with its department: a reminder `ACCORD_REQUEST_REMINDER_WORKING_DAYS` before the
    answer to the member is due; once due, the overdue notice to the department and the case's mediator; once
    overdue by `ACCORD_REQUEST_ESCALATION_WORKING_DAYS`, an e-mail to the department's head. Each once per due
    date (a conditional UPDATE claims it in the transaction that queues its e-mails)."""
    from accord.notifications.services import department_email_queue

    today = today or timezone.localdate()
    sent: list[tuple[int, str]] = []
    waiting = (
        Handover.objects.filter(
            state__in=[HandoverState.OFFERED, HandoverState.ACCEPTED], case__status=Status.WITH_DEPARTMENT
        )
        .select_related("case", "case__assigned_to", "department", "handed_by")
        .order_by("due_date", "id")
    )
    for handover in waiting:
        calendar = department_calendar(handover.department, handover.case)
        if handover.due_date >= today:
            if working_days_between(today, handover.due_date, calendar) > settings.ACCORD_REQUEST_REMINDER_WORKING_DAYS:
                continue
            with transaction.atomic():
                if _claim(handover, "reminded_for"):
                    _tell_department(handover, what="reminder")
                    _event(
                        handover.case,
                        action="reminded",
                        handover=handover,
                        actor=None,
                        due_date=handover.due_date.isoformat(),
                    )
                    sent.append((handover.pk, "reminder"))
            continue
        with transaction.atomic():
            if _claim(handover, "overdue_for"):
                _tell_department(handover, what="overdue")
                _tell_mediator(handover, what="overdue")
                _event(
                    handover.case,
                    action="overdue",
                    handover=handover,
                    actor=None,
                    due_date=handover.due_date.isoformat(),
                )
                sent.append((handover.pk, "overdue"))
        escalate_on = add_working_days(handover.due_date, settings.ACCORD_REQUEST_ESCALATION_WORKING_DAYS, calendar)
        contact = _contact(handover.department)
        if today < escalate_on or contact is None or not contact.head_email:
            continue
        with transaction.atomic():
            if _claim(handover, "escalated_for"):
                department_email_queue(
                    to=contact.head_email,
                    language=contact.language,
                    template="handover_escalated",
                    context={"handover": handover, "contact": contact},
                    case=handover.case,
                )
                _event(handover.case, action="escalated", handover=handover, actor=None, to=contact.head_email)
                sent.append((handover.pk, "escalation"))
    return sent


# -- Reads for the pages ----------------------------------------------------------------------------------------


def handover_current(case: Case) -> Handover | None:
    """The case's latest hand-over (the one it is with, or the last it was)."""
    return Handover.objects.filter(case=case).select_related("department").order_by("-handed_at", "-id").first()


def handover_display_state(handover: Handover) -> str:
    """What the pages say of it: its state, "overdue" while late, "ended" once the case left the department
    otherwise (the member withdrew)."""
    if handover.is_waiting and handover.case.status != Status.WITH_DEPARTMENT:
        return HandoverState.ENDED
    return "overdue" if handover.is_overdue else handover.state


# -- The timeline's words -------------------------------------------------------------------------------------

_SENTENCES = {
    "sent": gettext_lazy("The complaint was sent to %(department)s; its answer to the member is due on %(date)s"),
    "link_sent": gettext_lazy("A link to the hand-over was sent to the shared address of %(department)s (%(to)s)"),
    "accepted": gettext_lazy("%(department)s accepted the hand-over (%(who)s); its answer is due on %(date)s"),
    "reminded": gettext_lazy("Accord reminded %(department)s that its answer to the member is due on %(date)s"),
    "overdue": gettext_lazy(
        "The answer of %(department)s to the member was due on %(date)s: it and the mediator are told"
    ),
    "escalated": gettext_lazy("The unanswered hand-over was escalated to the head of %(department)s (%(to)s)"),
}


def event_sentence(event) -> str:
    """A hand-over event on the case's timeline, in the reader's language."""
    data = event.data
    sentence = _SENTENCES.get(data.get("action"))
    if sentence is None:
        return ""
    names = data.get("department_names") or {}
    due = data.get("due_date")
    who = data.get("author_email") or ""
    if event.actor_id:
        who = event.actor.get_full_name() or event.actor.get_username()
    words = {
        "department": names.get((get_language() or "fr")[:2]) or names.get("fr", ""),
        "date": date_format(date.fromisoformat(due), "DATE_FORMAT") if due else "",
        "to": data.get("to", ""),
        "who": who or _("through its link"),
    }
    return str(sentence) % words
