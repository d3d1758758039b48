"""Issue 7, items 7–10: the member contests an answer within their time, discontinuing on an art. 5(4)
ground, the withdrawal's reason, the report's outcomes with their member wording, compliance recorded
later, and reopening that keeps every earlier cycle (its deadlines, outcome, ground and answer)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accord.cases.cycles import contest_until, outcome_compliance_record
from accord.cases.links import member_token
from accord.cases.models import (
    Case,
    CaseCycle,
    CaseEvent,
    Compliance,
    CycleStart,
    Deadline,
    DeadlineKind,
    DiscontinueGround,
    EventKind,
    Message,
    MessageDirection,
    Outcome,
    RefusalGround,
    Status,
    WithdrawalReason,
)
from accord.cases.permissions import MEMBER, Actor
from accord.cases.workflow import StepInput, case_transition
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.notifications.models import OutboundEmail

BRUSSELS = ZoneInfo("Europe/Brussels")
K = DeadlineKind


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


def steps(case, mediator, *names, **data):
    for name in names:
        case = case_transition(case=case, name=name, actor=Actor.for_user(mediator), data=StepInput(**data))
    return case


def answered_case(make_case, person, maya, *, on: date, language="fr"):
    with at(on - timedelta(days=10)):
        case = make_case(person, language=language)
        case = steps(case, maya, "acknowledge", "accept")
    with at(on):
        return steps(case, maya, "answer", message="Voici notre réponse.")


def contest_url(case):
    with translation.override("fr"):
        return reverse("public:member_contest", kwargs={"token": member_token(case)})


# -- 7. contest --------------------------------------------------------------------------------


def test_the_member_contests_within_the_window_and_the_case_is_examined_again_in_a_new_cycle(
    client, make_case, marie, maya, settings
):
    settings.ACCORD_CONTEST_DAYS = 30
    case = answered_case(make_case, marie, maya, on=date(2027, 3, 1))
    assert contest_until(case) == date(2027, 3, 31)
    with at(date(2027, 3, 31), hour=20):  # the last day, in the evening
        page = client.get(f"/fr/my-case/{member_token(case)}/").content.decode()
        assert f'action="{contest_url(case)}"' in page
        response = client.post(contest_url(case), {"body": "Je ne suis pas d’accord : rien n’a changé."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING and case.cycle == 2
    words = Message.objects.filter(case=case, direction=MessageDirection.FROM_MEMBER).latest("id")
    assert words.body == "Je ne suis pas d’accord : rien n’a changé."
    first, second = CaseCycle.objects.filter(case=case).order_by("number")
    assert first.answered_at is not None and first.contested_at is not None and first.end_status == Status.ANSWERED
    assert second.started_by == CycleStart.CONTESTED
    # The new cycle's clocks: a new outcome from the contest day, and the reply owed to the member's words.
    outcome = Deadline.objects.get(case=case, cycle=2, kind=K.OUTCOME)
    assert outcome.due_date == date(2027, 6, 29) and outcome.is_open
    assert Deadline.objects.get(case=case, cycle=2, kind=K.REPLY).is_open
    assert Deadline.objects.get(case=case, cycle=1, kind=K.OUTCOME).met_at is not None  # kept, met by the answer
    email = OutboundEmail.objects.get(case=case, template="contested")
    assert email.language == "fr" and "29 juin 2027" in email.body_text
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert (event.actor_kind, event.data["transition"], event.data["cycle"]) == ("member", "contest", 2)


def test_after_the_window_the_page_offers_no_contest_and_the_step_is_refused(client, make_case, marie, maya, settings):
    settings.ACCORD_CONTEST_DAYS = 30
    case = answered_case(make_case, marie, maya, on=date(2027, 3, 1))
    with at(date(2027, 4, 1)):
        page = client.get(f"/fr/my-case/{member_token(case)}/").content.decode()
        assert contest_url(case) not in page
        response = client.post(contest_url(case), {"body": "Trop tard ?"})
        assert response.status_code == 400
        assert "Le délai pour contester cette réponse est dépassé." in response.content.decode()
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, name="contest", actor=MEMBER, data=StepInput(message="Trop tard"))
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.cycle == 1


def test_a_closed_case_can_be_contested_until_the_window_ends(make_case, jan, maya, settings):
    settings.ACCORD_CONTEST_DAYS = 30
    case = answered_case(make_case, jan, maya, on=date(2027, 3, 1), language="nl")
    with at(date(2027, 3, 5)):
        case = steps(case, maya, "close", outcome=Outcome.COOPERATIVE_FAVOUR)
    closed = OutboundEmail.objects.get(case=case, template="closed")
    assert "31 maart 2027" in closed.body_text and "standpunt van de coöperatie gegrond" in closed.body_text
    with at(date(2027, 3, 20)):
        case = case_transition(case=case, name="contest", actor=MEMBER, data=StepInput(message="Niet akkoord."))
    assert case.status == Status.INVESTIGATING and case.outcome == "" and case.closed_at is None
    assert CaseCycle.objects.get(case=case, number=1).outcome == Outcome.COOPERATIVE_FAVOUR  # kept


def test_the_answer_email_says_until_when_the_member_may_contest(make_case, marie, maya, settings):
    settings.ACCORD_CONTEST_DAYS = 30
    case = answered_case(make_case, marie, maya, on=date(2027, 3, 1), language="en")
    email = OutboundEmail.objects.get(case=case, template="answer")
    assert "contest it on your case’s page until 31 March 2027" in email.body_text


def test_only_the_member_contests(make_case, marie, maya):
    case = answered_case(make_case, marie, maya, on=date(2027, 3, 1))
    from accord.core.errors import PermissionDenied

    with at(date(2027, 3, 2)), pytest.raises(PermissionDenied):
        case_transition(case=case, name="contest", actor=Actor.for_user(maya), data=StepInput(message="x"))


# -- 8. discontinue and withdrawal --------------------------------------------------------------


def test_an_admissible_case_is_discontinued_on_an_art_5_4_ground_and_the_cycle_keeps_it(make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge", "accept")
    case = steps(
        case, maya, "discontinue", ground=DiscontinueGround.OTHER_BODY, reason="Le tribunal du travail est saisi."
    )
    assert case.status == Status.DISCONTINUED
    cycle = CaseCycle.objects.get(case=case, number=1)
    assert (cycle.end_status, cycle.discontinue_ground) == (Status.DISCONTINUED, DiscontinueGround.OTHER_BODY)
    assert not case.deadlines.open().exists()
    email = OutboundEmail.objects.get(case=case, template="discontinued")
    assert "Le tribunal du travail est saisi." in email.body_text
    assert "ce que nous avions demandé" not in email.body_text  # that sentence is for no response only


def test_before_admissibility_a_case_is_refused_not_discontinued(make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge")
    with pytest.raises(TransitionNotAllowed):
        case_transition(
            case=case, name="discontinue", actor=Actor.for_user(maya), data=StepInput(ground="abusive", reason="x")
        )


def test_the_member_withdraws_with_an_optional_reason_kept_for_the_report(client, make_case, marie):
    case = make_case(marie)
    url = reverse("public:member_withdraw", kwargs={"token": member_token(case)})
    response = client.post(url, {"confirm": "on", "reason": "solved_directly", "note": "Réglé par téléphone."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert event.data["withdrawal_reason"] == "solved_directly"
    assert event.data["withdrawal_note"] == "Réglé par téléphone."
    cycle = CaseCycle.objects.get(case=case, number=1)
    assert (cycle.withdrawal_reason, cycle.withdrawal_note) == (
        WithdrawalReason.SOLVED_DIRECTLY,
        "Réglé par téléphone.",
    )


def test_a_withdrawal_without_reason_is_fine_and_an_unknown_reason_is_refused(client, make_case, marie, maya):
    case = make_case(marie)
    with pytest.raises(ValidationFailed):
        case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput(withdrawal_reason="bored"))
    url = reverse("public:member_withdraw", kwargs={"token": member_token(case)})
    assert client.post(url, {"confirm": "on", "reason": "bored"}).status_code == 400
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert CaseCycle.objects.get(case=case, number=1).withdrawal_reason == ""


def test_a_withdrawn_case_is_reopened_only_at_the_members_request(make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge", "withdraw")
    with pytest.raises(ValidationFailed) as error:
        steps(case, maya, "reopen", reason="Le service n’a rien fait.")
    assert error.value.code == "member_request_required"
    case = steps(case, maya, "reopen", reason="À sa demande : « rien n’a bougé ».", member_request=True)
    assert case.status == Status.INVESTIGATING and case.cycle == 2
    assert CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id").data["member_request"] is True


def test_a_closed_case_is_reopened_without_the_members_request(make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge", "accept")
    case = steps(case, maya, "answer", message="Réponse.")
    case = steps(case, maya, "close", outcome=Outcome.AMICABLE)
    case = steps(case, maya, "reopen", reason="Faits nouveaux.")
    assert case.status == Status.INVESTIGATING


# -- 9. outcomes and compliance -----------------------------------------------------------------


@pytest.mark.parametrize(
    "language,outcome,words",
    [
        ("en", Outcome.MEMBER_FAVOUR, "We found in your favour."),
        ("fr", Outcome.PARTLY, "Nous vous avons donné raison en partie."),
        ("nl", Outcome.AMICABLE, "minnelijke schikking"),
        ("en", Outcome.NO_FINDING, "We could not reach a finding on your complaint."),
    ],
)
def test_each_outcome_reads_in_the_members_words_on_their_page_and_in_the_closing_email(
    client, make_case, marie, maya, language, outcome, words
):
    case = steps(make_case(marie, language=language), maya, "acknowledge", "accept")
    case = steps(case, maya, "answer", message="Réponse.")
    case = steps(case, maya, "close", outcome=outcome)
    assert words in OutboundEmail.objects.get(case=case, template="closed").body_text
    page = client.get(f"/{language}/my-case/{member_token(case)}/").content.decode()
    assert words in page


def test_the_outcomes_are_those_of_the_annual_report():
    assert set(Outcome.values) == {"member_favour", "partly", "cooperative_favour", "amicable", "no_finding"}


def test_compliance_is_recorded_later_on_a_closed_case_and_each_record_stays_on_the_timeline(make_case, marie, maya):
    with at(date(2027, 3, 1)):
        case = steps(make_case(marie), maya, "acknowledge", "accept")
        case = steps(case, maya, "answer", message="Réponse.")
    with at(date(2027, 3, 8)):
        case = steps(case, maya, "close", outcome=Outcome.MEMBER_FAVOUR)
    with at(date(2027, 3, 10)), pytest.raises(ValidationFailed):
        outcome_compliance_record(case=case, user=maya, compliance=Compliance.COMPLIED, on=date(2027, 3, 7))
    with at(date(2027, 4, 1)):
        outcome_compliance_record(case=case, user=maya, compliance=Compliance.PARTLY, on=date(2027, 3, 30))
        cycle = outcome_compliance_record(case=case, user=maya, compliance=Compliance.COMPLIED, on=date(2027, 4, 1))
    assert (cycle.compliance, cycle.compliance_on) == (Compliance.COMPLIED, date(2027, 4, 1))
    records = CaseEvent.objects.filter(case=case, kind=EventKind.COMPLIANCE).order_by("id")
    assert [r.data["compliance"] for r in records] == ["partly", "complied"]
    assert records[1].data["previous"] == {"compliance": "partly", "on": "2027-03-30"}
    assert not OutboundEmail.objects.filter(case=case, template__icontains="compli").exists()


def test_compliance_is_refused_on_an_open_case(make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge", "accept")
    with pytest.raises(TransitionNotAllowed):
        outcome_compliance_record(case=case, user=maya, compliance=Compliance.COMPLIED, on=date.today())


def test_the_case_page_records_compliance(client, make_case, marie, maya):
    case = steps(make_case(marie), maya, "acknowledge", "accept")
    case = steps(case, maya, "answer", message="Réponse.")
    case = steps(case, maya, "close", outcome=Outcome.PARTLY)
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Record whether the cooperative complied" in page
    from django.utils import timezone

    url = reverse("cases:compliance", kwargs={"reference": case.reference})
    response = client.post(url, {"compliance": "not_complied", "on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Not complied" in page


# -- 10. reopening keeps history ----------------------------------------------------------------


def test_a_reopened_case_keeps_both_cycles_deadlines_outcome_and_answer(client, make_case, marie, maya):
    with at(date(2027, 3, 1)):
        case = steps(make_case(marie), maya, "acknowledge", "accept")
    first_deadlines = {d.kind: d.due_date for d in Deadline.objects.filter(case=case, cycle=1)}
    with at(date(2027, 3, 15)):
        case = steps(case, maya, "answer", message="Première réponse.")
        case = steps(case, maya, "close", outcome=Outcome.MEMBER_FAVOUR)
    with at(date(2027, 5, 3)):
        case = steps(case, maya, "reopen", reason="La correction n’a pas été faite.")
    assert case.cycle == 2 and case.outcome == ""
    # The first cycle's deadlines are all still there, with their dates and how they ended.
    kept = {d.kind: d for d in Deadline.objects.filter(case=case, cycle=1)}
    assert {kind: d.due_date for kind, d in kept.items()} == first_deadlines
    assert kept[K.OUTCOME].met_at is not None
    assert Deadline.objects.get(case=case, cycle=2, kind=K.OUTCOME).due_date == date(2027, 8, 2)
    first = CaseCycle.objects.get(case=case, number=1)
    assert (first.end_status, first.outcome) == (Status.CLOSED, Outcome.MEMBER_FAVOUR)
    assert first.answered_at is not None
    assert Message.objects.filter(case=case, is_answer=True).count() == 1  # the answer stays
    with at(date(2027, 5, 20)):
        case = steps(case, maya, "answer", message="Seconde réponse.")
        case = steps(case, maya, "close", outcome=Outcome.PARTLY)
    assert CaseCycle.objects.get(case=case, number=2).outcome == Outcome.PARTLY
    assert CaseCycle.objects.get(case=case, number=1).outcome == Outcome.MEMBER_FAVOUR
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert 'data-testid="earlier-cycles"' in page and "In the member&#x27;s favour" in page


def test_a_refused_then_reopened_case_keeps_the_refusal_ground_in_its_first_cycle(make_case, marie, maya):
    case = steps(make_case(marie), maya, "refuse", ground=RefusalGround.TOO_LATE, reason="Hors délai.")
    case = steps(case, maya, "reopen", reason="Le sociétaire prouve l’envoi à temps.")
    assert case.refusal_ground == ""
    assert CaseCycle.objects.get(case=case, number=1).refusal_ground == RefusalGround.TOO_LATE


def test_every_new_case_starts_its_first_cycle(make_case, marie):
    case = make_case(marie)
    cycle = CaseCycle.objects.get(case=case)
    assert (cycle.number, cycle.started_by, case.cycle) == (1, CycleStart.COMPLAINT, 1)
    assert set(Deadline.objects.filter(case=case).values_list("cycle", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_old_outcomes_and_gives_every_case_its_first_cycle():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0012_refusal_ground_plain_words")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, OldCase = apps.get_model("people", "Person"), apps.get_model("cases", "Case")
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    common = {"person": person, "channel": "web", "subject": "s", "description": "d", "language": "fr"}
    received = datetime(2027, 3, 1, 10, tzinfo=BRUSSELS)
    closed = OldCase.objects.create(
        reference="ACC-2027-000001",
        received_at=received,
        status="closed",
        outcome="partly_resolved",
        closed_at=received + timedelta(days=20),
        **common,
    )
    open_case = OldCase.objects.create(reference="ACC-2027-000002", received_at=received, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    closed = Case.objects.get(pk=closed.pk)
    assert closed.outcome == Outcome.PARTLY and closed.cycle == 1
    cycle = CaseCycle.objects.get(case=closed)
    assert (cycle.end_status, cycle.outcome, cycle.ended_at) == (Status.CLOSED, Outcome.PARTLY, closed.closed_at)
    assert CaseCycle.objects.get(case_id=open_case.pk).ended_at is None
