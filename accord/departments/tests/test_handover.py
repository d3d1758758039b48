"""Issue 8, the hand-over (art. 5(4)(a)): a complaint not first raised with the department goes to it with the
member's consent; the department accepts or declines, answers the member by its due date; Accord follows it
(status "with the department", reminders, overdue notice, escalation once each); the department settles it (the
case closes with its outcome, the member told in its words) or declines (back to the mediator); the member may
come back to Accord in a new cycle. Followed to its end both ways."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accord.accounts.models import Role
from accord.cases.links import member_token
from accord.cases.models import (
    AccessLog,
    CaseCycle,
    CaseEvent,
    CycleStart,
    DeadlineKind,
    EventKind,
    HandoverConsent,
    Office,
    Outcome,
    RefusalGround,
    Status,
)
from accord.cases.permissions import MEMBER, Actor
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import _staff, pdf_upload
from accord.core.errors import NotFound, TransitionNotAllowed, ValidationFailed
from accord.departments.handover import (
    handover_accept,
    handover_decline,
    handover_link_url,
    handover_notices_send,
    handover_settle,
    handover_start,
    handover_take_back,
)
from accord.departments.models import DepartmentContact, Handover, HandoverState, Liaison, ShareLink
from accord.departments.sharing import share_token
from accord.notifications.models import Audience, OutboundEmail
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date, hour=10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


@pytest.fixture
def billing(db, finance):
    DepartmentContact.objects.create(
        department=finance,
        shared_email="facturation@coop.test",
        head_email="direction.finance@coop.test",
        office=Office.objects.get(code="brussels"),
        language="fr",
    )
    return finance


@pytest.fixture
def bart(db, billing):
    """Billing's liaison, who reads Dutch."""
    user = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=user, department=billing)
    return user


@pytest.fixture
def helena(db):
    from accord.cases.models import Department

    hr = Department.objects.create(code="hr", name_fr="RH", name_nl="HR", name_en="HR")
    user = _staff("helena", "Helena", "Roos", Role.LIAISON)
    Liaison.objects.create(user=user, department=hr)
    return user


def hand_over(case, maya, department, **extra):
    values = {
        "consent": HandoverConsent.PHONE,
        "consent_note": "Au téléphone le 4 mars : d’accord pour que la facturation s’en charge.",
        "reason": "La facturation n’a pas encore vu votre demande : elle peut corriger la facture directement.",
        "note": "Facture 2027-031, payée deux fois.",
    }
    return handover_start(case=case, user=maya, department=department, **{**values, **extra})


def emails(case, template):
    return OutboundEmail.objects.filter(case=case, template=template)


def test_a_handover_followed_to_its_end_when_the_department_settles_it_then_the_member_comes_back(
    client, make_case, jan, maya, bart
):
    with at(date(2027, 3, 4)):  # a Thursday
        case = make_case(jan, language="nl", attachments=[pdf_upload("factuur.pdf")])
        case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
        document = case.documents.get()
        handover = hand_over(case, maya, bart.liaisons.get().department, documents=[document])
    case.refresh_from_db()
    # Accord follows it: open, "with the department"; the department's time is its own (10 working days).
    assert case.status == Status.WITH_DEPARTMENT and case.is_open
    assert handover.due_date == date(2027, 3, 18) and handover.state == HandoverState.OFFERED
    assert not case.deadlines.open().exists() and case.next_deadline is None
    assert case.department.code == "finance"
    # The member is told in their language, with the department and the date.
    (told,) = emails(case, "handed_over")
    assert told.language == "nl" and "Financiële directie" in told.body_text and "18 maart 2027" in told.body_text
    # The liaison is told in theirs, and sees the complaint and only what was shared.
    (liaison_email,) = OutboundEmail.objects.filter(recipient=bart, template="staff_handover_liaison")
    assert liaison_email.language == "nl" and case.reference in liaison_email.subject
    client.force_login(bart)
    page = client.get(reverse("departments:handover", kwargs={"handover_id": handover.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert case.description in text and "factuur.pdf" in text and jan.email not in text
    assert AccessLog.objects.filter(case=case, action="handover_view", user=bart).exists()

    with at(date(2027, 3, 8)):
        client.force_login(bart)
        response = client.post(
            reverse("departments:handover_step", kwargs={"handover_id": handover.pk, "kind": "accept"})
        )
        assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.state == HandoverState.ACCEPTED
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_handover_mediator").count() == 1
    with at(date(2027, 3, 8)):
        member_page = client_member(case)
    assert "18 maart 2027" in member_page.split('data-testid="member-handover"', 1)[1]

    with at(date(2027, 3, 10)):
        client.logout()  # a new day's session (the idle timeout counts from the last request)
        client.force_login(bart)
        response = client.post(
            reverse("departments:handover_step", kwargs={"handover_id": handover.pk, "kind": "settle"}),
            {"answer": "De dubbele betaling is teruggestort op uw rekening.", "outcome": Outcome.MEMBER_FAVOUR},
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.outcome == Outcome.MEMBER_FAVOUR and case.closed_at
    assert CaseCycle.objects.get(case=case, number=1).end_status == Status.CLOSED
    (settled,) = emails(case, "handover_settled")
    assert "De dubbele betaling is teruggestort" in settled.body_text and "Financiële directie" in settled.body_text
    assert "9 april 2027" in settled.body_text  # until when the member may come back (30 days)
    with at(date(2027, 3, 11)):
        page = client_member(case)
    assert "De dubbele betaling is teruggestort" in page
    assert reverse("public:member_come_back", kwargs={"token": member_token(case)}) in page
    assert "De betrokken dienst heeft uw verzoek ingewilligd." in page  # the outcome in the department’s words

    # The answer does not satisfy the member: they come back from their page, the case resumes in a new cycle.
    client.logout()
    with at(date(2027, 3, 15)):
        response = client.post(
            reverse("public:member_come_back", kwargs={"token": member_token(case)}),
            {"body": "Ik heb nog altijd de aanmaningskosten betaald."},
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING and case.cycle == 2 and not case.outcome and case.closed_at is None
    cycle = CaseCycle.objects.get(case=case, number=2)
    assert cycle.started_by == CycleStart.CAME_BACK
    assert case.deadlines.open().filter(kind=DeadlineKind.OUTCOME).exists()
    assert case.deadlines.open().filter(kind=DeadlineKind.REPLY).exists()
    assert case.messages.filter(body__startswith="Ik heb nog altijd").exists()
    assert emails(case, "came_back").count() == 1
    # The department's link and pages: nothing more to do, its liaison may still read what it answered.
    with pytest.raises(TransitionNotAllowed):
        handover_settle(handover=handover, user=bart, answer="Nog iets.", outcome=Outcome.PARTLY)


def client_member(case):
    from django.test import Client
    from django.utils import translation

    with translation.override(case.language):
        url = reverse("public:member_case", kwargs={"token": member_token(case)})
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_department_that_declines_gives_the_complaint_back_to_its_mediator(make_case, marie, maya, bart):
    with at(date(2027, 3, 4)):
        case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
        handover = hand_over(case, maya, bart.liaisons.get().department)
    with at(date(2027, 3, 5)):
        handover_decline(handover=handover, user=bart, reason="Cette facture relève des RH (note de frais).")
    case.refresh_from_db()
    handover.refresh_from_db()
    assert handover.state == HandoverState.DECLINED and handover.decided_by == bart
    assert case.status == Status.INVESTIGATING
    outcome = case.deadlines.open().get(kind=DeadlineKind.OUTCOME)
    assert outcome.due_date == date(2027, 6, 3)  # 90 days from the day it came back
    (told,) = emails(case, "handover_declined")
    assert "Cette facture relève des RH" in told.body_text and "Direction financière" in told.body_text
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_handover_mediator").exists()
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert (event.data["transition"], event.actor, event.actor_kind) == ("handover_declined", bart, "staff")
    page = client_member(case)
    assert "Cette facture relève des RH" in page  # the department's reasons, told to the member


def test_a_department_without_liaisons_acts_through_its_link_until_the_handover_ends(
    client, make_case, marie, maya, billing
):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    handover = hand_over(case, maya, billing)
    link = ShareLink.objects.get(handover=handover)
    assert (link.purpose, link.recipient, link.single_use) == ("handover", "facturation@coop.test", False)
    (sent,) = emails(case, "department_handover_link")
    assert handover_link_url(link) in sent.body_text
    token = share_token(link)
    # The request's answer page does not open a hand-over's link, nor the reverse.
    assert client.get(reverse("department_link:page", kwargs={"token": token})).status_code == 404
    page = client.get(reverse("handover_link:page", kwargs={"token": token}))
    assert page.status_code == 200 and case.description in page.content.decode()
    assert client.post(reverse("handover_link:step", kwargs={"token": token, "kind": "accept"})).status_code == 302
    handover.refresh_from_db()
    assert handover.state == HandoverState.ACCEPTED
    response = client.post(
        reverse("handover_link:step", kwargs={"token": token, "kind": "settle"}),
        {"answer": "Nous avons annulé la seconde facture.", "outcome": Outcome.PARTLY},
    )
    assert response.status_code == 200
    handover.refresh_from_db()
    case.refresh_from_db()
    assert handover.state == HandoverState.SETTLED and handover.author_email == "facturation@coop.test"
    assert case.status == Status.CLOSED and case.outcome == Outcome.PARTLY
    refused = client.get(reverse("handover_link:page", kwargs={"token": token}))
    assert refused.status_code == 410 and b'data-reason="ended"' in refused.content
    assert list(link.uses.values_list("action", flat=True)) == ["view", "accept", "settle", "refused_ended"]
    event = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION).latest("id")
    assert (event.actor, event.actor_kind) == (None, "system")


def test_nothing_is_handed_over_without_consent_nor_to_a_department_nobody_reads(make_case, marie, maya, finance):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    with pytest.raises(ValidationFailed) as error:
        hand_over(case, maya, finance, consent="")
    assert error.value.code == "consent_required"
    with pytest.raises(ValidationFailed) as error:
        hand_over(case, maya, finance, consent_note="  ")
    assert error.value.code == "consent_note_required"
    with pytest.raises(ValidationFailed) as error:
        hand_over(case, maya, finance)  # no liaison, no shared address
    assert error.value.code == "department_unreachable"
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED and not Handover.objects.exists()


def test_refusing_because_it_was_not_first_raised_becomes_the_handover(client, make_case, marie, maya):
    case = make_case(marie)
    with pytest.raises(ValidationFailed) as error:
        case_transition(
            case=case,
            name="refuse",
            actor=Actor.for_user(maya),
            data=StepInput(ground=RefusalGround.NOT_RAISED_FIRST, reason="Pas encore demandé à la facturation."),
        )
    assert error.value.code == "handover_instead"
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    refusal = page.split('data-step="refuse"', 1)[1].split("</form>", 1)[0]
    assert 'value="not_raised_first"' not in refusal and 'data-testid="handover-instead"' in refusal
    assert 'data-step="hand_over"' in page  # the hand-over's form, in its panel
    # The hand-over's steps are not on the generic step URL: they keep the hand-over's record in step.
    response = client.post(f"/en/staff/cases/{case.reference}/steps/hand_over/", {})
    assert response.status_code == 404


def test_the_liaison_of_another_department_sees_nothing_and_a_mediator_does_not_answer_for_it(
    client, make_case, marie, maya, bart, helena
):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    handover = hand_over(case, maya, bart.liaisons.get().department)
    client.force_login(helena)
    assert client.get(reverse("departments:handover", kwargs={"handover_id": handover.pk})).status_code == 404
    assert case.reference not in client.get(reverse("departments:handovers")).content.decode()
    with pytest.raises(NotFound):
        handover_accept(handover=handover, user=helena)
    with pytest.raises(NotFound):
        handover_settle(handover=handover, user=maya, answer="Réglé.", outcome=Outcome.MEMBER_FAVOUR)
    client.force_login(bart)
    assert case.reference in client.get(reverse("departments:handovers")).content.decode()


def test_the_mediator_takes_the_complaint_back_and_the_department_is_told(make_case, marie, maya, bart):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    handover = hand_over(case, maya, bart.liaisons.get().department)
    handover_take_back(handover=handover, user=maya, reason="La facturation ne répond pas ; nous reprenons le dossier.")
    case.refresh_from_db()
    handover.refresh_from_db()
    assert case.status == Status.INVESTIGATING and handover.state == HandoverState.ENDED
    assert emails(case, "handover_taken_back").count() == 1
    # Told it was sent, then that it is no longer theirs.
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_handover_liaison").count() == 2
    with pytest.raises(TransitionNotAllowed):
        handover_accept(handover=handover, user=bart)


def test_a_member_who_withdraws_ends_what_the_department_may_do(make_case, marie, maya, bart):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    handover = hand_over(case, maya, bart.liaisons.get().department)
    case_transition(case=case, name="withdraw", actor=MEMBER)
    with pytest.raises(TransitionNotAllowed):
        handover_settle(handover=handover, user=bart, answer="Réglé.", outcome=Outcome.MEMBER_FAVOUR)
    assert handover_notices_send(today=handover.due_date + timedelta(days=10)) == []


def test_the_member_comes_back_only_after_a_settlement_and_within_its_time(make_case, marie, maya, bart):
    with at(date(2027, 3, 4)):
        case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
        handover = hand_over(case, maya, bart.liaisons.get().department)
        with pytest.raises(TransitionNotAllowed):  # with the department: not closed yet
            case_transition(case=case, name="come_back", actor=MEMBER, data=StepInput(message="Rien reçu."))
        handover_settle(handover=handover, user=bart, answer="Remboursé.", outcome=Outcome.MEMBER_FAVOUR)
    case.refresh_from_db()
    with at(date(2027, 4, 4)):  # 31 days later
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, name="come_back", actor=MEMBER, data=StepInput(message="Pas satisfaite."))
    # Nor does the contest of Accord's own answer open on the department's answer.
    with at(date(2027, 3, 5)):
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, name="contest", actor=MEMBER, data=StepInput(message="Pas d’accord."))


def test_the_department_is_reminded_then_told_then_its_head_once_each(make_case, marie, maya, bart):
    with at(date(2027, 3, 4)):
        case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
        handover = hand_over(case, maya, bart.liaisons.get().department, working_days=3)
    assert handover.due_date == date(2027, 3, 9)
    assert handover_notices_send(today=date(2027, 3, 5)) == []  # 2 working days before: not yet
    assert handover_notices_send(today=date(2027, 3, 8)) == [(handover.pk, "reminder")]
    assert handover_notices_send(today=date(2027, 3, 8)) == []
    assert handover_notices_send(today=date(2027, 3, 10)) == [(handover.pk, "overdue")]
    assert handover_notices_send(today=date(2027, 3, 12)) == [(handover.pk, "escalation")]
    assert handover_notices_send(today=date(2027, 3, 15)) == []
    liaison = OutboundEmail.objects.filter(recipient=bart, template="staff_handover_liaison")
    assert liaison.count() == 3  # sent, reminder, overdue
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_handover_mediator").count() == 1
    (head,) = emails(case, "department_handover_escalated")
    assert head.to == "direction.finance@coop.test" and head.audience == Audience.DEPARTMENT
    handover_events = CaseEvent.objects.filter(case=case, kind=EventKind.HANDOVER).order_by("id")
    actions = list(handover_events.values_list("data__action", flat=True))
    assert actions == ["sent", "reminded", "overdue", "escalated"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_handover_notice_once(make_case, jan, maya, finance):
    DepartmentContact.objects.create(department=finance, head_email="head@coop.test", language="nl")
    liaison = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=liaison, department=finance)
    with at(date(2027, 3, 4)):
        case = case_transition(case=make_case(jan, language="nl"), name="acknowledge", actor=Actor.for_user(maya))
        handover = hand_over(case, maya, finance, working_days=3)
    for day in (date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 12)):
        in_threads(2, lambda index, day=day: handover_notices_send(today=day), timeout=60)
    assert OutboundEmail.objects.filter(recipient=liaison).count() == 3  # sent, reminder, overdue
    assert OutboundEmail.objects.filter(template="department_handover_escalated").count() == 1
    assert Handover.objects.get(pk=handover.pk).escalated_for == handover.due_date


def test_the_timeline_says_each_step_of_the_handover(client, make_case, marie, maya, bart):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    handover = hand_over(case, maya, bart.liaisons.get().department)
    handover_accept(handover=handover, user=bart)
    handover_settle(handover=handover, user=bart, answer="Remboursé.", outcome=Outcome.MEMBER_FAVOUR)
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    for words in (
        "Maya Mertens handed the complaint over to Finance department, with the member",
        "Finance department accepted the hand-over (Bart Claes)",
        "Finance department settled the complaint with the member (Bart Claes)",
        "Finance department takes part in the case: the complaint was handed over to it",
    ):
        assert words in page.replace("&#x27;", "'"), words
