"""The procedure as a table: every step, from every status, by every kind of actor.

The walk uses `TRANSITIONS` itself as the oracle, so a step added to the table is tested
from every status at once; `EXPECTED_PROCEDURE` pins the table to the procedure of
domain.md so that an accidental change to a step's sources, target or actors fails here.
"""

import ast
import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.cases.deadlines import next_working_day
from accord.cases.links import member_token
from accord.cases.models import (
    Case,
    CaseEvent,
    Deadline,
    DeadlineKind,
    DiscontinueGround,
    EventKind,
    HandoverConsent,
    Outcome,
    RefusalGround,
    Status,
)
from accord.cases.permissions import MEMBER, SYSTEM, Actor
from accord.cases.services import member_message_add
from accord.cases.workflow import TRANSITIONS, StepInput, case_transition
from accord.core.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from accord.notifications.models import OutboundEmail

S = Status
OPEN = {S.RECEIVED, S.ACKNOWLEDGED, S.INVESTIGATING, S.AWAITING_MEMBER, S.REDIRECTED, S.WITH_DEPARTMENT, S.ANSWERED}
MEDIATOR_ONLY = {"mediator"}
# The department a complaint is handed over to: its liaison, or its link (no account: "system").
DEPARTMENT = {"liaison", "system"}

# name: (sources, target, actors, needs, notify)
EXPECTED_PROCEDURE = {
    "acknowledge": ({S.RECEIVED}, S.ACKNOWLEDGED, MEDIATOR_ONLY, set(), "acknowledged"),
    "accept": ({S.ACKNOWLEDGED}, S.INVESTIGATING, MEDIATOR_ONLY, set(), "admissible"),
    "refuse": ({S.RECEIVED, S.ACKNOWLEDGED}, S.REFUSED, MEDIATOR_ONLY, {"ground", "reason"}, "refused"),
    "ask_member": (
        {S.ACKNOWLEDGED, S.INVESTIGATING, S.REDIRECTED},
        S.AWAITING_MEMBER,
        MEDIATOR_ONLY,
        {"message"},
        "message",
    ),
    "member_replied": ({S.AWAITING_MEMBER}, None, {"member", "mediator", "system"}, set(), None),
    "redirect": (
        {S.ACKNOWLEDGED, S.INVESTIGATING},
        S.REDIRECTED,
        MEDIATOR_ONLY,
        {"department", "reason"},
        "redirected",
    ),
    "resume": ({S.REDIRECTED}, S.INVESTIGATING, MEDIATOR_ONLY, set(), None),
    "answer": ({S.INVESTIGATING, S.REDIRECTED}, S.ANSWERED, MEDIATOR_ONLY, {"message"}, "answer"),
    "close": ({S.ANSWERED}, S.CLOSED, MEDIATOR_ONLY, {"outcome"}, "closed"),
    "withdraw": (OPEN, S.WITHDRAWN, {"member", "mediator"}, set(), "withdrawn"),
    "discontinue": (
        {S.INVESTIGATING, S.AWAITING_MEMBER, S.REDIRECTED},
        S.DISCONTINUED,
        MEDIATOR_ONLY,
        {"ground", "reason"},
        "discontinued",
    ),
    "reopen": (
        {S.CLOSED, S.REFUSED, S.WITHDRAWN, S.DISCONTINUED},
        S.INVESTIGATING,
        MEDIATOR_ONLY,
        {"reason"},
        "reopened",
    ),
    "contest": ({S.ANSWERED, S.CLOSED}, S.INVESTIGATING, {"member"}, {"message"}, "contested"),
    # The hand-over (art. 5(4)(a)), through accord/departments/handover.py.
    "hand_over": (
        {S.RECEIVED, S.ACKNOWLEDGED},
        S.WITH_DEPARTMENT,
        MEDIATOR_ONLY,
        {"department", "consent", "reason", "due_date"},
        "handed_over",
    ),
    "handover_settled": ({S.WITH_DEPARTMENT}, S.CLOSED, DEPARTMENT, {"message", "outcome"}, "handover_settled"),
    "handover_declined": ({S.WITH_DEPARTMENT}, S.INVESTIGATING, DEPARTMENT, {"reason"}, "handover_declined"),
    "handover_take_back": ({S.WITH_DEPARTMENT}, S.INVESTIGATING, MEDIATOR_ONLY, {"reason"}, "handover_taken_back"),
    "come_back": ({S.CLOSED}, S.INVESTIGATING, {"member"}, {"message"}, "came_back"),
}

# How a case really reaches each status, through the procedure (never by writing `status`).
PATH_TO = {
    S.RECEIVED: [],
    S.ACKNOWLEDGED: ["acknowledge"],
    S.INVESTIGATING: ["acknowledge", "accept"],
    S.AWAITING_MEMBER: ["acknowledge", "accept", "ask_member"],
    S.REDIRECTED: ["acknowledge", "accept", "redirect"],
    S.WITH_DEPARTMENT: ["acknowledge", "hand_over"],
    S.ANSWERED: ["acknowledge", "accept", "answer"],
    S.CLOSED: ["acknowledge", "accept", "answer", "close"],
    S.REFUSED: ["refuse"],
    S.WITHDRAWN: ["withdraw"],
    S.DISCONTINUED: ["acknowledge", "accept", "ask_member", "discontinue"],
}
# A step that needs its status reached another way: the member comes back only to a case the department settled.
PATH_FOR_STEP = {("come_back", S.CLOSED): ["acknowledge", "hand_over", "handover_settled"]}
# Each step's ground, from its own list.
GROUNDS = {"refuse": RefusalGround.FRIVOLOUS, "discontinue": DiscontinueGround.NO_RESPONSE}


def member_time_passed(case):
    """The member let their time to answer pass (discontinuing for no response waits for it)."""
    Deadline.objects.filter(case=case, kind=DeadlineKind.AWAITING_MEMBER).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )


# What must have happened before a step may be taken (the walk does it first).
BEFORE_STEP = {"discontinue": member_time_passed}


def take(case, name, actor, finance, **overrides):
    """Take one step with everything it may need, after what must come before it."""
    if name in BEFORE_STEP:
        BEFORE_STEP[name](case)
    if name == "discontinue" and case.status != S.AWAITING_MEMBER:
        # Not awaiting the member, a case is discontinued on an art. 5(4) ground, not for no response.
        overrides.setdefault("ground", DiscontinueGround.OTHER_BODY)
    return case_transition(case=case, name=name, actor=actor, data=full_input(finance, name=name, **overrides))


def actor_taking(name, mediator):
    """Who takes a step in the walks: the mediator, the member for the member's own steps, the department's link
    (no account) for the department's."""
    actors = TRANSITIONS[name].actors
    if "mediator" in actors:
        return mediator
    return MEMBER if "member" in actors else SYSTEM


ACTOR_KINDS = ("mediator", "intake", "administrator", "member", "system", "liaison")
LANGUAGES = ("fr", "nl", "en")


def full_input(default_department, name="refuse", **overrides):
    values = {
        "message": "Pouvez-vous nous envoyer la facture concernée ?",
        "reason": "La direction financière est la mieux placée pour répondre.",
        "ground": GROUNDS.get(name, RefusalGround.FRIVOLOUS),
        "outcome": Outcome.MEMBER_FAVOUR,
        "department": default_department,
        # Reopening a withdrawn case is at the member's request; the other steps ignore it.
        "member_request": True,
        # The hand-over: the member's consent and the department's date (departments/handover.py gives them).
        "consent": HandoverConsent.PHONE,
        "due_date": timezone.localdate() + timedelta(days=14),
    }
    values.update(overrides)
    return StepInput(**values)


@pytest.fixture
def case_in(make_case, marie, maya, finance):
    """A case brought to `status` by the real procedure, in the given language."""

    def bring(status, language="fr", step=None):
        case = make_case(marie, language=language)
        mediator = Actor.for_user(maya)
        for name in PATH_FOR_STEP.get((step, status), PATH_TO[status]):
            case = take(case, name, actor_taking(name, mediator), finance)
        assert case.status == status
        return Case.objects.get(pk=case.pk)

    return bring


@pytest.fixture
def actors(maya, ilse, anna):
    from accord.accounts.models import Role
    from accord.conftest import _staff

    return {
        "mediator": Actor.for_user(maya),
        "intake": Actor.for_user(ilse),
        "administrator": Actor.for_user(anna),
        "member": MEMBER,
        "system": SYSTEM,
        "liaison": Actor.for_user(_staff("bart", "Bart", "Claes", Role.LIAISON)),
    }


def test_the_transitions_table_is_the_procedure_of_the_domain():
    assert set(TRANSITIONS) == set(EXPECTED_PROCEDURE)
    for name, (sources, target, actors, needs, notify) in EXPECTED_PROCEDURE.items():
        t = TRANSITIONS[name]
        assert set(t.sources) == sources, name
        assert t.target == target, name
        assert set(t.actors) == actors, name
        assert set(t.needs) == needs, name
        assert t.notify == notify, name


@pytest.mark.parametrize("name,status", list(itertools.product(EXPECTED_PROCEDURE, PATH_TO)), ids=lambda v: str(v))
def test_each_step_is_allowed_exactly_from_its_sources(case_in, maya, finance, name, status):
    transition = TRANSITIONS[name]
    language = LANGUAGES[list(PATH_TO).index(status) % 3]
    case = case_in(status, language=language, step=name)
    events_before = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).count()
    emails_before = set(OutboundEmail.objects.filter(case=case).values_list("pk", flat=True))
    actor = actor_taking(name, Actor.for_user(maya))

    if status not in transition.sources:
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, name=name, actor=actor, data=full_input(finance, name=name))
        case.refresh_from_db()
        assert case.status == status
        assert CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).count() == events_before
        assert set(OutboundEmail.objects.filter(case=case).values_list("pk", flat=True)) == emails_before
        return

    case = take(case, name, actor, finance)
    case.refresh_from_db()
    # member_replied goes back where the case was before it started waiting.
    expected_target = transition.target or S.INVESTIGATING
    assert case.status == expected_target

    new_events = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).order_by("id")[events_before:]
    assert len(new_events) == 1
    event = new_events[0]
    assert (event.actor, event.actor_kind, event.from_status, event.to_status) == (
        actor.user,
        actor.event_kind,
        status,
        expected_target,
    )
    assert event.data["transition"] == name

    new_emails = OutboundEmail.objects.filter(case=case).exclude(pk__in=emails_before)
    if transition.notify is None:
        assert not new_emails.exists()
    else:
        email = new_emails.get()
        assert email.template == transition.notify
        assert email.language == language
        assert email.to == "marie.lambert@example.org"
        assert case.reference in email.subject


@pytest.mark.parametrize("name", list(EXPECTED_PROCEDURE))
def test_each_step_refuses_every_actor_kind_not_allowed_to_take_it(case_in, actors, finance, name):
    transition = TRANSITIONS[name]
    case = case_in(transition.sources[0], step=name)
    refused = [kind for kind in ACTOR_KINDS if kind not in transition.actors]
    for kind in refused:
        with pytest.raises(PermissionDenied):
            case_transition(case=case, name=name, actor=actors[kind], data=full_input(finance, name=name))
    case.refresh_from_db()
    assert case.status == transition.sources[0]
    # And the allowed ones really may (each on a fresh case in the same status).
    for kind in transition.actors:
        fresh = case_in(transition.sources[0], step=name)
        take(fresh, name, actors[kind], finance)


@pytest.mark.parametrize("name", [n for n, spec in EXPECTED_PROCEDURE.items() if spec[3]])
def test_each_step_refuses_missing_inputs(case_in, maya, finance, name):
    transition = TRANSITIONS[name]
    case = case_in(transition.sources[0], step=name)
    events_before = case.events.count()
    blank = {
        "message": "  ",
        "reason": "\n",
        "ground": "",
        "outcome": "",
        "department": None,
        "consent": "",
        "due_date": None,
    }
    for need in transition.needs:
        with pytest.raises(ValidationFailed) as error:
            case_transition(
                case=case,
                name=name,
                actor=actor_taking(name, Actor.for_user(maya)),
                data=full_input(finance, name=name, **{need: blank[need]}),
            )
        assert error.value.code == f"{need}_required"
    case.refresh_from_db()
    assert case.status == transition.sources[0]
    assert case.events.count() == events_before


def test_refusal_ground_and_outcome_must_be_known_values(case_in, maya, finance):
    received = case_in(S.RECEIVED)
    with pytest.raises(ValidationFailed) as error:
        case_transition(
            case=received, name="refuse", actor=Actor.for_user(maya), data=full_input(finance, ground="bored")
        )
    assert error.value.code == "ground_invalid"
    answered = case_in(S.ANSWERED)
    with pytest.raises(ValidationFailed) as error:
        case_transition(
            case=answered, name="close", actor=Actor.for_user(maya), data=full_input(finance, outcome="won")
        )
    assert error.value.code == "outcome_invalid"


def test_an_unknown_step_is_not_allowed(case_in, maya):
    with pytest.raises(TransitionNotAllowed):
        case_transition(case=case_in(S.RECEIVED), name="archive", actor=Actor.for_user(maya))


def _transitions(case):
    return list(
        CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION)
        .order_by("id")
        .values_list("from_status", "to_status")
    )


def test_full_path_from_receipt_to_closing_with_questions_to_the_member(make_case, marie, maya, finance):
    mediator = Actor.for_user(maya)
    case = make_case(marie, language="nl")
    assert case.status == S.RECEIVED and case.assigned_to is None

    case = case_transition(case=case, name="acknowledge", actor=mediator)
    assert case.status == S.ACKNOWLEDGED and case.assigned_to == maya

    case = case_transition(
        case=case, name="ask_member", actor=mediator, data=full_input(finance, message="Welke factuur?")
    )
    assert case.status == S.AWAITING_MEMBER and case.paused_since is not None
    member_message_add(case=case, body="Factuur 2025-031.")
    case.refresh_from_db()
    assert case.status == S.ACKNOWLEDGED and case.paused_since is None  # back to where it was

    case = case_transition(case=case, name="accept", actor=mediator)
    case = case_transition(
        case=case, name="ask_member", actor=mediator, data=full_input(finance, message="Welk bedrag?")
    )
    member_message_add(case=case, body="120 euro.")
    case.refresh_from_db()
    assert case.status == S.INVESTIGATING

    case = case_transition(
        case=case, name="answer", actor=mediator, data=full_input(finance, message="Het bedrag is terugbetaald.")
    )
    assert case.messages.filter(is_answer=True).count() == 1
    case = case_transition(
        case=case, name="close", actor=mediator, data=full_input(finance, outcome=Outcome.MEMBER_FAVOUR)
    )
    assert case.status == S.CLOSED and case.outcome == Outcome.MEMBER_FAVOUR and case.closed_at is not None

    assert _transitions(case) == [
        (S.RECEIVED, S.ACKNOWLEDGED),
        (S.ACKNOWLEDGED, S.AWAITING_MEMBER),
        (S.AWAITING_MEMBER, S.ACKNOWLEDGED),
        (S.ACKNOWLEDGED, S.INVESTIGATING),
        (S.INVESTIGATING, S.AWAITING_MEMBER),
        (S.AWAITING_MEMBER, S.INVESTIGATING),
        (S.INVESTIGATING, S.ANSWERED),
        (S.ANSWERED, S.CLOSED),
    ]
    replies = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION, data__transition="member_replied")
    assert {(e.actor_id, e.actor_kind) for e in replies} == {(None, "member")}
    emails = list(OutboundEmail.objects.filter(case=case).order_by("created_at", "id"))
    assert [e.template for e in emails] == [
        "acknowledgement",
        "acknowledged",
        "message",
        "admissible",
        "message",
        "answer",
        "closed",
    ]
    assert {e.language for e in emails} == {"nl"}
    assert all(case.reference in e.subject for e in emails)
    assert not Deadline.objects.filter(case=case, met_at__isnull=True, cancelled_at__isnull=True).exists()


def test_member_reply_returns_a_redirected_case_to_redirected(case_in, maya, finance):
    case = case_in(S.REDIRECTED)
    case = case_transition(case=case, name="ask_member", actor=Actor.for_user(maya), data=full_input(finance))
    member_message_add(case=case, body="Voici la facture.")
    case.refresh_from_db()
    assert case.status == S.REDIRECTED


def test_refusal_states_its_ground_and_reason_to_the_member(make_case, sarah, maya, finance):
    case = make_case(sarah)
    case = case_transition(
        case=case,
        name="refuse",
        actor=Actor.for_user(maya),
        data=full_input(finance, ground=RefusalGround.OTHER_BODY, reason="The labour court is already seized."),
    )
    assert case.status == S.REFUSED and case.refusal_ground == RefusalGround.OTHER_BODY and case.closed_at
    assert not case.deadlines.filter(met_at__isnull=True, cancelled_at__isnull=True).exists()
    assert case.next_deadline is None
    email = OutboundEmail.objects.get(case=case, template="refused")
    assert email.language == "en"
    assert "The labour court is already seized." in email.body_text
    assert "Already before another body or a court" in email.body_text


def test_redirect_names_the_department_in_the_members_language_then_resume(make_case, jan, maya, finance):
    mediator = Actor.for_user(maya)
    case = case_transition(case=make_case(jan), name="acknowledge", actor=mediator)
    case = case_transition(
        case=case,
        name="redirect",
        actor=mediator,
        data=full_input(finance, reason="De financiële directie beslist."),
    )
    assert case.status == S.REDIRECTED and case.department == finance
    email = OutboundEmail.objects.get(case=case, template="redirected")
    assert email.language == "nl" and "Financiële directie" in email.body_text
    case = case_transition(case=case, name="resume", actor=mediator)
    assert case.status == S.INVESTIGATING
    assert OutboundEmail.objects.filter(case=case).count() == 3  # acknowledgement, acknowledged, redirected


def test_an_investigation_resumed_after_a_redirection_has_an_outcome_deadline(make_case, marie, maya, finance):
    """A case under investigation always runs against the 90-day outcome delay, whichever way it got there."""
    mediator = Actor.for_user(maya)
    case = case_transition(case=make_case(marie), name="acknowledge", actor=mediator)
    case = case_transition(case=case, name="redirect", actor=mediator, data=full_input(finance))
    case = case_transition(case=case, name="resume", actor=mediator)
    outcome = case.deadlines.get(kind=DeadlineKind.OUTCOME, cycle=case.cycle)
    assert outcome.is_open and outcome.due_date == next_working_day(timezone.localdate() + timedelta(days=90), "BE")
    assert case.next_deadline == outcome.due_date


@pytest.mark.parametrize("status", sorted(OPEN))
def test_member_can_withdraw_from_every_open_status(case_in, status):
    case = case_in(status)
    case = case_transition(case=case, name="withdraw", actor=MEMBER)
    assert case.status == S.WITHDRAWN and case.closed_at is not None and case.paused_since is None
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert (event.actor, event.actor_kind, event.from_status) == (None, "member", status)
    assert not case.deadlines.filter(met_at__isnull=True, cancelled_at__isnull=True).exists()
    assert OutboundEmail.objects.filter(case=case, template="withdrawn").count() == 1


def test_member_withdraws_through_their_private_link(client, case_in):
    case = case_in(S.INVESTIGATING)
    url = reverse("public:member_withdraw", kwargs={"token": member_token(case)})
    assert client.post(url, {}).status_code == 400  # the confirmation box is required
    case.refresh_from_db()
    assert case.status == S.INVESTIGATING
    assert client.post(url, {"confirm": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.status == S.WITHDRAWN


def test_every_event_of_a_members_withdrawal_is_attributed_to_the_member(case_in):
    case = case_in(S.AWAITING_MEMBER)
    # The member has kept us waiting for ten days.
    Case.objects.filter(pk=case.pk).update(paused_since=timezone.now() - timedelta(days=10))
    last = CaseEvent.objects.filter(case=case).latest("id").pk
    case_transition(case=case, name="withdraw", actor=MEMBER)
    written = CaseEvent.objects.filter(case=case, pk__gt=last).exclude(kind=EventKind.EMAIL)
    assert written.exists()
    assert {(e.actor_id, e.actor_kind) for e in written} == {(None, "member")}


@pytest.mark.parametrize("status", [S.CLOSED, S.REFUSED, S.WITHDRAWN, S.DISCONTINUED])
def test_reopen_with_a_reason_restarts_the_outcome_delay(case_in, maya, finance, status):
    case = case_in(status, language="en")
    case = case_transition(
        case=case,
        name="reopen",
        actor=Actor.for_user(maya),
        data=full_input(finance, reason="New facts came to light."),
    )
    assert case.status == S.INVESTIGATING
    assert (case.closed_at, case.outcome, case.refusal_ground) == (None, "", "")
    outcome = case.deadlines.get(kind=DeadlineKind.OUTCOME, cycle=case.cycle)
    assert case.cycle == 2
    assert outcome.is_open and outcome.due_date == next_working_day(timezone.localdate() + timedelta(days=90), "BE")
    assert case.next_deadline == outcome.due_date
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert event.data["reason"] == "New facts came to light."
    email = OutboundEmail.objects.get(case=case, template="reopened")
    assert email.language == "en" and "New facts came to light." in email.body_text


def test_a_rolled_back_step_leaves_no_trace(case_in, maya, finance, settings):
    """The step's event, status and e-mail are written together or not at all."""
    case = case_in(S.ACKNOWLEDGED)
    before = (case.events.count(), OutboundEmail.objects.filter(case=case).count())
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    from accord.conftest import pdf_upload

    with pytest.raises(ValidationFailed):
        case_transition(
            case=case,
            name="ask_member",
            actor=Actor.for_user(maya),
            data=full_input(finance, attachments=[pdf_upload()]),
        )
    case.refresh_from_db()
    assert case.status == S.ACKNOWLEDGED and case.paused_since is None
    assert (case.events.count(), OutboundEmail.objects.filter(case=case).count()) == before


# -- Only workflow.py writes a case's status ---------------------------------------------------

ACCORD_DIR = Path(__file__).resolve().parents[2]
STATUS_NAMES = {"Status", "S"}
STATUS_VALUES = set(Status.values)
READ_METHODS = {"filter", "exclude", "get", "count", "exists", "values", "values_list", "annotate", "order_by", "first"}


def _mentions_case_status(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in STATUS_NAMES:
            return True
        if isinstance(sub, ast.Constant) and sub.value in STATUS_VALUES:
            return True
    return False


def _names_a_case(node: ast.AST) -> bool:
    return any(
        (isinstance(sub, ast.Name) and "case" in sub.id.lower())
        or (isinstance(sub, ast.Attribute) and "case" in sub.attr.lower())
        for sub in ast.walk(node)
    )


def status_writes(source: str) -> list[int]:
    """Line numbers where this source writes a case's status (assignment, create, update, raw SQL...)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "status"
                    and (_names_a_case(target.value) or (node.value is not None and _mentions_case_status(node.value)))
                ):
                    lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            method = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if method == "setattr" and len(node.args) >= 2 and getattr(node.args[1], "value", None) == "status":
                lines.append(node.lineno)
            if method in READ_METHODS or method in {"render", "JsonResponse", "HttpResponse", "TemplateResponse"}:
                continue
            for keyword in node.keywords:
                if keyword.arg == "status" and _mentions_case_status(keyword.value):
                    lines.append(node.lineno)
                if keyword.arg in ("update_fields", "fields") and _names_a_case(node.func):
                    if any(isinstance(s, ast.Constant) and s.value == "status" for s in ast.walk(keyword.value)):
                        lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            sql = " ".join(node.value.lower().split())
            if "cases_case" in sql and "set" in sql and "status" in sql:
                lines.append(node.lineno)
    return sorted(set(lines))


def test_the_status_write_detector_finds_every_kind_of_write():
    source = """
case.status = "closed"
obj.status = Status.CLOSED
Case.objects.filter(pk=1).update(status=S.REFUSED)
Case.objects.create(status="withdrawn", reference="x")
the_case.save(update_fields=["status"])
setattr(case, "status", value)
cursor.execute("UPDATE cases_case SET status = 'closed'")
email.delivery = EmailStatus.SENT
cases.filter(status=Status.CLOSED)
render(request, "x.html", status=400)
"""
    assert status_writes(source) == [2, 3, 4, 5, 6, 7, 8]


def test_nothing_but_workflow_writes_a_cases_status():
    offenders = {}
    for path in sorted(ACCORD_DIR.rglob("*.py")):
        relative = path.relative_to(ACCORD_DIR)
        if {"tests", "migrations"} & set(relative.parts) or relative.name == "conftest.py":
            continue
        if relative.as_posix() == "cases/workflow.py":
            continue
        lines = status_writes(path.read_text())
        if lines:
            offenders[relative.as_posix()] = lines
    assert offenders == {}, f"only accord/cases/workflow.py may write a case's status: {offenders}"
    # And workflow.py itself does write it (the detector is not blind).
    assert status_writes((ACCORD_DIR / "cases" / "workflow.py").read_text())
