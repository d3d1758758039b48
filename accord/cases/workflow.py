"""The complaint procedure: the only module that changes a case's status.

`TRANSITIONS` is the whole procedure as a table: for each step, the statuses it may start
from, where it leads, who may take it, what it needs, and what it records and tells the
member. `case_transition` carries out one step in a fixed order, in one transaction:
lock the case, check the step (status, actor, guard, inputs), do its effects (messages,
deadlines), append the event to the timeline, save the case with `update_fields`, and
send the member's e-mail once the transaction has committed.

To add a step: add a `Transition` to the table (and its effect below if it has one), a
template under notifications/templates/notifications/email/ if the member is told, and a
row to the table test in tests/test_workflow.py.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accord.cases import cycles, deadlines
from accord.cases.models import (
    ENDED_STATUSES,
    OPEN_STATUSES,
    OUTCOME_BY_DEPARTMENT_MEMBER_TEXT,
    OUTCOME_MEMBER_TEXT,
    Case,
    CaseEvent,
    CycleStart,
    DeadlineKind,
    Department,
    DiscontinueGround,
    EventKind,
    HandoverConsent,
    Message,
    MessageDirection,
    Outcome,
    RefusalGround,
    Status,
    WithdrawalReason,
)
from accord.cases.permissions import Actor
from accord.core.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed

S = Status
# The open statuses are defined once, beside the statuses (models.OPEN_STATUSES); in the table in their order.
OPEN = tuple(s for s in S if s in OPEN_STATUSES)


@dataclass(frozen=True)
class StepInput:
    """What a person gives with a step; which fields a step needs is in its `needs`."""

    message: str = ""
    reason: str = ""
    ground: str = ""
    outcome: str = ""
    department: Department | None = None
    attachments: Sequence = ()
    # The mediator confirms a step taken after its deadline passed (see Transition.confirm_late).
    late_confirmed: bool = False
    # Why the member withdrew (optional): one of WithdrawalReason, and their words.
    withdrawal_reason: str = ""
    withdrawal_note: str = ""
    # Reopening a withdrawn case: the member asked for it (the mediator confirms; the reason quotes them).
    member_request: bool = False
    # The hand-over to the department (accord/departments/handover.py, its only caller): how the member
    # consented (HandoverConsent) and the day the department answers the member by (the department's clock).
    consent: str = ""
    due_date: date | None = None


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    # None: back to the status the case had before it started awaiting the member.
    target: str | None
    actors: frozenset[str]
    needs: tuple[str, ...] = ()
    # The e-mail template that tells the member, if any.
    notify: str | None = None
    effect: Callable | None = field(default=None, compare=False)
    # Shown to staff as a dangerous or final step (asks for confirmation).
    final: bool = False
    # The grounds a "ground" need chooses from.
    grounds: type = RefusalGround
    # A deadline kind: taken after it passed, the step needs the mediator's confirmation and its event says so.
    confirm_late: str | None = None
    # Fields the step offers without requiring them (the withdrawal's reason, the member's request to reopen).
    optional: tuple[str, ...] = ()
    # Taken through an app's own form and service (the hand-over's, accord/departments/handover.py), which keeps
    # its own record in step: not listed among the case page's steps, refused by its generic step URL.
    panel: bool = False


def _meet(kind: str) -> Callable:
    def effect(case: Case, actor: Actor, data: StepInput, now: datetime, record: dict) -> list[str]:
        return deadlines.deadline_meet(case, kind, at=now)

    return effect


def _combine(*effects: Callable) -> Callable:
    def effect(case, actor, data, now, record):
        fields: list[str] = []
        for each in effects:
            fields += each(case, actor, data, now, record)
        return fields

    return effect


def _message_to_member(*, is_answer: bool = False) -> Callable:
    def effect(case, actor, data, now, record):
        from accord.cases.documents import documents_attach
        from accord.cases.parties import party_complainant

        party = party_complainant(case)
        message = Message.objects.create(
            case=case,
            direction=MessageDirection.TO_MEMBER,
            author=actor.user,
            body=data.message,
            is_answer=is_answer,
            created_at=now,
            party=party,
        )
        documents_attach(case=case, message=message, files=data.attachments, actor=actor, shared_with_member=True)
        record["message_id"] = message.pk
        record["party"] = party.pk
        return deadlines.member_answered(case, at=now)

    return effect


def _take_in_charge(case, actor, data, now, record):
    fields = deadlines.deadline_meet(case, DeadlineKind.ACKNOWLEDGEMENT, at=now)
    if case.assigned_to_id is None and actor.kind == "mediator":
        from accord.cases.assignments import assignment_taken

        record["assigned_to"] = actor.user.pk
        fields += assignment_taken(case=case, mediator=actor.user, at=now)
    return fields


def _decided(case, actor, data, now, record):
    """A decision on admissibility, told to the member: it meets the acknowledgement, admissibility and
    first-answer deadlines (a refusal is a decision too)."""
    fields = deadlines.deadline_meet(case, DeadlineKind.ACKNOWLEDGEMENT, at=now)
    fields += deadlines.deadline_meet(case, DeadlineKind.ADMISSIBILITY, at=now)
    return fields + deadlines.member_answered(case, at=now)


def _admissible(case, actor, data, now, record):
    fields = _decided(case, actor, data, now, record)
    # The 90 days run from the complete file, not from this decision (art. 8(e)).
    record["file_complete_on"] = case.file_complete_on.isoformat()
    return fields + deadlines.deadline_start_outcome(case, start=case.file_complete_on)


def _refuse(case, actor, data, now, record):
    if data.ground == RefusalGround.NOT_RAISED_FIRST:
        # Refusing on that ground becomes the hand-over: the complaint goes to the department, with the member's
        # consent, and Accord follows it (accord/departments/handover.py).
        raise ValidationFailed(
            _(
                "A complaint not first raised with the service concerned is handed over to it, with the member's "
                "consent: use “Hand over to the department”."
            ),
            code="handover_instead",
        )
    case.refusal_ground = data.ground
    fields = _decided(case, actor, data, now, record)
    return ["refusal_ground", *fields, *_end(case, actor, data, now, record)]


def _redirect(case, actor, data, now, record):
    from accord.cases.parties import party_department_ensure

    case.department = data.department
    record["department"] = data.department.code
    # The service the complaint goes to takes part in the case.
    party_department_ensure(case=case, department=data.department, user=actor.user, at=now, why="redirect")
    fields = deadlines.member_answered(case, at=now)
    fields += deadlines.deadline_meet(case, DeadlineKind.ADMISSIBILITY, at=now)
    return ["department", *fields]


def _pause(case, actor, data, now, record):
    return deadlines.deadlines_pause(case, at=now)


def _resume(case, actor, data, now, record):
    fields = deadlines.deadline_meet(case, DeadlineKind.AWAITING_MEMBER, at=now)
    if not deadlines.admissibility_decided(case):
        # Asked before admissibility, the member brought what was missing: the file is complete today.
        fields += deadlines.file_complete_set(case, on=timezone.localdate(now))
        record["file_complete_on"] = case.file_complete_on.isoformat()
    return fields + deadlines.deadlines_resume(case, at=now, actor_user=actor.user, actor_kind=actor.event_kind)


def _resume_investigation(case, actor, data, now, record):
    # A case redirected before it was declared admissible has no outcome delay yet: the
    # investigation it comes back to runs against one, from the complete file, like any other.
    if deadlines.admissibility_decided(case):
        return []
    return deadlines.deadline_start_outcome(case, start=case.file_complete_on)


def _discontinue(case, actor, data, now, record):
    if data.ground != DiscontinueGround.NO_RESPONSE and not deadlines.admissibility_decided(case):
        # The art. 5(4) grounds end an admissible case; before admissibility the decision is a refusal.
        raise TransitionNotAllowed(
            _("Before the complaint is declared admissible, refuse it on its ground instead of discontinuing.")
        )
    if data.ground == DiscontinueGround.NO_RESPONSE:
        # The member keeps the whole time they were given (extended if the mediator waited longer).
        waiting = case.deadlines.open().filter(kind=DeadlineKind.AWAITING_MEMBER).first()
        if waiting is None or waiting.due_date >= timezone.localdate(now):
            raise TransitionNotAllowed(
                _("The member still has time to answer: wait until their deadline has passed.")
                if waiting
                else _("Only a case awaiting the member can be discontinued for no response.")
            )
    return _end(case, actor, data, now, record)


def _answered(case, actor, data, now, record):
    cycles.cycle_answered(case, at=now)
    return deadlines.deadline_meet(case, DeadlineKind.OUTCOME, at=now)


def _withdraw(case, actor, data, now, record):
    if data.withdrawal_reason and data.withdrawal_reason not in WithdrawalReason.values:
        raise ValidationFailed(_("Choose a reason from the list, or none."), code="withdrawal_reason_invalid")
    if data.withdrawal_reason:
        record["withdrawal_reason"] = data.withdrawal_reason
    if data.withdrawal_note.strip():
        # The member's own words: kept for the report, not a reason told to them.
        record["withdrawal_note"] = data.withdrawal_note.strip()
    return _end(case, actor, data, now, record)


def _contest(case, actor, data, now, record):
    """The member contests the answer within their time: a new cycle, back to investigation, with their
    words as their message; the contest is a new request, so the 90 days run from it, and the reply owed
    to their message within the first-answer time limit."""
    until = cycles.contest_until(case)
    if until is None or timezone.localdate(now) > until:
        raise TransitionNotAllowed(
            _("The time to contest this answer has passed.") if until else _("There is no answer to contest.")
        )
    from accord.cases.parties import party_complainant

    message = Message.objects.create(
        case=case,
        direction=MessageDirection.FROM_MEMBER,
        body=data.message.strip(),
        created_at=now,
        party=party_complainant(case),
    )
    record["message_id"] = message.pk
    previous = case.cycle
    fields = cycles.cycle_start(case, started_by=CycleStart.CONTESTED, at=now)
    record["cycle"] = case.cycle
    deadlines.deadlines_cycle_carry(case, previous=previous)
    case.closed_at = None
    case.outcome = ""
    fields += ["closed_at", "outcome"]
    fields += deadlines.deadline_start_outcome(case, start=timezone.localdate(now))
    return fields + deadlines.reply_open(case, at=now)


def _department_words(case: Case, record: dict) -> None:
    """The department's name in the three languages as it is now, for the timeline's sentence."""
    if case.department_id:
        department = case.department
        record["department"] = department.code
        record["department_names"] = {lang: department.name_in(lang) for lang in ("fr", "nl", "en")}


def _hand_over(case, actor, data, now, record):
    """Art. 5(4)(a): the complaint was not first raised with the department; with the member's consent it goes
    there. A decision on admissibility told to the member (it meets the acknowledgement, admissibility and
    first-answer deadlines, like a refusal); Accord's own clock then waits: the department's time to answer the
    member is the department's (its due date is on the hand-over, counted on its office's calendar)."""
    from accord.cases.parties import party_department_ensure

    if data.consent not in HandoverConsent.values:
        raise ValidationFailed(_REQUIRED_MESSAGES["consent"], code="consent_invalid")
    fields = _take_in_charge(case, actor, data, now, record) if case.status == S.RECEIVED else []
    case.department = data.department
    party_department_ensure(case=case, department=data.department, user=actor.user, at=now, why="handover")
    record["consent"] = data.consent
    record["due_date"] = data.due_date.isoformat()
    _department_words(case, record)
    return ["department", *fields, *_decided(case, actor, data, now, record)]


def _back_to_mediator(case, actor, data, now, record):
    """The complaint comes back from the department (declined, or taken back by the mediator): the ground of the
    hand-over no longer holds, so the investigation runs against the 90 days, counted from today (the day the
    file is back with Accord)."""
    _department_words(case, record)
    if deadlines.admissibility_decided(case):
        return []
    return deadlines.deadline_start_outcome(case, start=timezone.localdate(now))


def _settled_by_department(case, actor, data, now, record):
    """The department answered the member and settled the complaint: the case closes with the outcome it
    reports. The member may come back to Accord within ACCORD_CONTEST_DAYS (cycles.come_back_until)."""
    _department_words(case, record)
    case.outcome = data.outcome
    return ["outcome", *_end(case, actor, data, now, record)]


def _come_back(case, actor, data, now, record):
    """The department's answer does not satisfy the member: the complaint resumes with Accord in a new cycle, as
    a complaint under investigation, their words as their message, the 90 days from today."""
    until = cycles.come_back_until(case)
    if until is None or timezone.localdate(now) > until:
        raise TransitionNotAllowed(
            _("The time to come back after the department's answer has passed.")
            if until
            else _("This complaint was not settled by a department.")
        )
    from accord.cases.parties import party_complainant

    message = Message.objects.create(
        case=case,
        direction=MessageDirection.FROM_MEMBER,
        body=data.message.strip(),
        created_at=now,
        party=party_complainant(case),
    )
    record["message_id"] = message.pk
    _department_words(case, record)
    fields = cycles.cycle_start(case, started_by=CycleStart.CAME_BACK, at=now)
    record["cycle"] = case.cycle
    case.closed_at = None
    case.outcome = ""
    fields += ["closed_at", "outcome"]
    fields += deadlines.deadline_start_outcome(case, start=timezone.localdate(now))
    return fields + deadlines.reply_open(case, at=now)


def _close(case, actor, data, now, record):
    case.outcome = data.outcome
    return ["outcome", *_end(case, actor, data, now, record)]


def _end(case, actor, data, now, record):
    fields = (
        deadlines.deadlines_resume(case, at=now, actor_user=actor.user, actor_kind=actor.event_kind)
        if case.paused_since
        else []
    )
    fields += deadlines.deadlines_cancel_open(case, at=now)
    case.closed_at = now
    return [*fields, "closed_at"]


def _reopen(case, actor, data, now, record):
    """A new cycle: what the last one ended with (outcome, refusal ground...) and its deadlines stay on
    record (CaseCycle, Deadline.cycle); the case's own fields describe the new cycle."""
    if case.status == S.WITHDRAWN:
        # The member ended it: only they can want it back.
        if not data.member_request:
            raise ValidationFailed(
                _("A withdrawn complaint is reopened only at the member's request: confirm it and quote it."),
                code="member_request_required",
            )
        record["member_request"] = True
    fields = cycles.cycle_start(case, started_by=CycleStart.REOPENED, at=now, reason=data.reason.strip())
    record["cycle"] = case.cycle
    case.closed_at = None
    case.outcome = ""
    case.refusal_ground = ""
    fields += deadlines.deadline_start_outcome(case, start=timezone.localdate(now))
    return [*fields, "closed_at", "outcome", "refusal_ground"]


MEDIATOR = frozenset({"mediator"})
# The department the complaint was handed over to: its liaison (signed in), or its link ("system": no account).
DEPARTMENT = frozenset({"liaison", "system"})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "acknowledge",
            _("Acknowledge and start handling"),
            (S.RECEIVED,),
            S.ACKNOWLEDGED,
            MEDIATOR,
            notify="acknowledged",
            effect=_take_in_charge,
        ),
        Transition(
            "accept",
            _("Declare admissible"),
            (S.ACKNOWLEDGED,),
            S.INVESTIGATING,
            MEDIATOR,
            notify="admissible",
            effect=_admissible,
        ),
        Transition(
            "refuse",
            _("Refuse (not admissible)"),
            (S.RECEIVED, S.ACKNOWLEDGED),
            S.REFUSED,
            MEDIATOR,
            needs=("ground", "reason"),
            notify="refused",
            effect=_refuse,
            final=True,
            confirm_late=DeadlineKind.ADMISSIBILITY,
        ),
        Transition(
            "ask_member",
            _("Ask the member a question"),
            (S.ACKNOWLEDGED, S.INVESTIGATING, S.REDIRECTED),
            S.AWAITING_MEMBER,
            MEDIATOR,
            needs=("message",),
            notify="message",
            effect=_combine(_message_to_member(), _pause),
        ),
        Transition(
            "member_replied",
            _("The member has replied"),
            (S.AWAITING_MEMBER,),
            None,
            frozenset({"member", "mediator", "system"}),
            effect=_resume,
        ),
        Transition(
            "redirect",
            _("Redirect to the service concerned"),
            (S.ACKNOWLEDGED, S.INVESTIGATING),
            S.REDIRECTED,
            MEDIATOR,
            needs=("department", "reason"),
            notify="redirected",
            effect=_redirect,
        ),
        Transition(
            "resume",
            _("Resume the investigation"),
            (S.REDIRECTED,),
            S.INVESTIGATING,
            MEDIATOR,
            effect=_resume_investigation,
        ),
        Transition(
            "answer",
            _("Send the written answer"),
            (S.INVESTIGATING, S.REDIRECTED),
            S.ANSWERED,
            MEDIATOR,
            needs=("message",),
            notify="answer",
            effect=_combine(_message_to_member(is_answer=True), _answered),
        ),
        Transition(
            "close",
            _("Close the case"),
            (S.ANSWERED,),
            S.CLOSED,
            MEDIATOR,
            needs=("outcome",),
            notify="closed",
            effect=_close,
            final=True,
        ),
        Transition(
            "withdraw",
            _("Withdraw the complaint"),
            OPEN,
            S.WITHDRAWN,
            frozenset({"member", "mediator"}),
            notify="withdrawn",
            effect=_withdraw,
            final=True,
            optional=("withdrawal_reason", "withdrawal_note"),
        ),
        Transition(
            "discontinue",
            _("Discontinue the case"),
            (S.INVESTIGATING, S.AWAITING_MEMBER, S.REDIRECTED),
            S.DISCONTINUED,
            MEDIATOR,
            needs=("ground", "reason"),
            notify="discontinued",
            effect=_discontinue,
            final=True,
            grounds=DiscontinueGround,
        ),
        Transition(
            "reopen",
            _("Reopen the case"),
            (S.CLOSED, S.REFUSED, S.WITHDRAWN, S.DISCONTINUED),
            S.INVESTIGATING,
            MEDIATOR,
            needs=("reason",),
            notify="reopened",
            effect=_reopen,
            optional=("member_request",),
        ),
        Transition(
            "hand_over",
            _("Hand over to the department (not first raised with it)"),
            (S.RECEIVED, S.ACKNOWLEDGED),
            S.WITH_DEPARTMENT,
            MEDIATOR,
            needs=("department", "consent", "reason", "due_date"),
            notify="handed_over",
            effect=_hand_over,
            panel=True,
        ),
        Transition(
            "handover_settled",
            _("The department settled the complaint"),
            (S.WITH_DEPARTMENT,),
            S.CLOSED,
            DEPARTMENT,
            needs=("message", "outcome"),
            notify="handover_settled",
            effect=_settled_by_department,
            panel=True,
        ),
        Transition(
            "handover_declined",
            _("The department declined the hand-over"),
            (S.WITH_DEPARTMENT,),
            S.INVESTIGATING,
            DEPARTMENT,
            needs=("reason",),
            notify="handover_declined",
            effect=_back_to_mediator,
            panel=True,
        ),
        Transition(
            "handover_take_back",
            _("Take the complaint back from the department"),
            (S.WITH_DEPARTMENT,),
            S.INVESTIGATING,
            MEDIATOR,
            needs=("reason",),
            notify="handover_taken_back",
            effect=_back_to_mediator,
            panel=True,
        ),
        Transition(
            "come_back",
            _("Come back to Accord after the department's answer"),
            (S.CLOSED,),
            S.INVESTIGATING,
            frozenset({"member"}),
            needs=("message",),
            notify="came_back",
            effect=_come_back,
        ),
        Transition(
            "contest",
            _("Contest the answer"),
            (S.ANSWERED, S.CLOSED),
            S.INVESTIGATING,
            frozenset({"member"}),
            needs=("message",),
            notify="contested",
            effect=_contest,
        ),
    ]
}

_REQUIRED_MESSAGES = {
    "message": _("Write the message to the member."),
    "reason": _("Give the reason: it is told to the member."),
    "ground": _("Choose the ground of refusal."),
    "outcome": _("Choose the outcome."),
    "department": _("Choose the service concerned."),
    "consent": _("Record how the member agreed to the hand-over."),
    "due_date": _("Give the day the department answers the member by."),
}


def transitions_available(case: Case, actor: Actor) -> list[Transition]:
    """The steps this actor may take on the case now (for the case page: not those taken through an app's
    panel, `Transition.panel`)."""
    return [t for t in TRANSITIONS.values() if case.status in t.sources and actor.kind in t.actors and not t.panel]


def _check_inputs(transition: Transition, data: StepInput) -> None:
    for need in transition.needs:
        value = getattr(data, need)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationFailed(_REQUIRED_MESSAGES[need], code=f"{need}_required")
    if "ground" in transition.needs and data.ground not in transition.grounds.values:
        raise ValidationFailed(_REQUIRED_MESSAGES["ground"], code="ground_invalid")
    if "outcome" in transition.needs and data.outcome not in Outcome.values:
        raise ValidationFailed(_REQUIRED_MESSAGES["outcome"], code="outcome_invalid")


def _status_before_waiting(case: Case) -> str:
    last = (
        CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION, to_status=S.AWAITING_MEMBER)
        .order_by("-created_at", "-id")
        .values_list("from_status", flat=True)
        .first()
    )
    return last or S.INVESTIGATING


def _check_late(transition: Transition, case: Case, data: StepInput, record: dict) -> None:
    """A step taken after its deadline passed is flagged to the mediator first, and counted (on its event)."""
    if not transition.confirm_late:
        return
    late = deadlines.late_deadline(case, transition.confirm_late)
    if late is None:
        return
    if not data.late_confirmed:
        raise ValidationFailed(
            _("The deadline passed on %(date)s: tick the confirmation to go ahead late (it is counted as late).")
            % {"date": date_format(late.due_date, "DATE_FORMAT")},
            code="late_unconfirmed",
        )
    record["late"] = {"deadline": late.kind, "due_date": late.due_date.isoformat()}


def _email_context(case: Case, transition: Transition, data: StepInput) -> dict:
    # Labels stay lazy: the e-mail is rendered in the case's language, not the mediator's.
    return {
        "message": data.message,
        "reason": data.reason,
        "ground": transition.grounds(data.ground).label if data.ground else "",
        "outcome": Outcome(data.outcome).label if data.outcome else "",
        # The department chosen with the step, else the case's (the one the complaint was handed over to).
        "department": (data.department or case.department).name_in(case.language)
        if (data.department or case.department_id)
        else "",
        "outcome_text": OUTCOME_MEMBER_TEXT.get(data.outcome, ""),
        "no_response": data.ground == DiscontinueGround.NO_RESPONSE,
        "contest_until": cycles.contest_until(case),
        "come_back_until": cycles.come_back_until(case),
        # The hand-over: the day the department answers the member by; what the department settled, in its words.
        "due_date": data.due_date,
        "department_outcome_text": OUTCOME_BY_DEPARTMENT_MEMBER_TEXT.get(data.outcome, ""),
        "outcome_due": case.deadlines.open()
        .filter(kind=DeadlineKind.OUTCOME)
        .values_list("due_date", flat=True)
        .first(),
    }


def case_transition(*, case: Case, name: str, actor: Actor, data: StepInput = StepInput()) -> Case:
    """Take one step of the procedure. Raises a coded, translated error when it may not happen."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionNotAllowed()
    if actor.kind not in transition.actors:
        raise PermissionDenied()
    if actor.kind == "mediator":
        from accord.cases.permissions import require_work

        require_work(actor.user, case)
    _check_inputs(transition, data)

    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        if case.status not in transition.sources:
            raise TransitionNotAllowed()
        now = timezone.now()
        from_status = case.status
        target = transition.target or _status_before_waiting(case)
        record: dict = {"transition": transition.name}
        for key in ("reason", "ground", "outcome"):
            if getattr(data, key):
                record[key] = getattr(data, key)
        _check_late(transition, case, data, record)
        fields = transition.effect(case, actor, data, now, record) if transition.effect else []
        if target in ENDED_STATUSES:
            cycles.cycle_end(
                case,
                status=target,
                at=now,
                outcome=case.outcome,
                refusal_ground=case.refusal_ground,
                discontinue_ground=data.ground if name == "discontinue" else "",
                withdrawal_reason=record.get("withdrawal_reason", ""),
                withdrawal_note=record.get("withdrawal_note", ""),
            )
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.TRANSITION,
            actor=actor.user,
            actor_kind=actor.event_kind,
            created_at=now,
            from_status=from_status,
            to_status=target,
            data=record,
        )
        case.status = target
        case.save(update_fields=sorted({"status", "updated_at", *fields}))
        if transition.notify:
            from accord.notifications.services import member_email_queue

            member_email_queue(case=case, template=transition.notify, context=_email_context(case, transition, data))
    return case
