"""The demo loads a believable, complete set of cases through the real services, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accord.accounts.models import MediatorAbsence, Role, User
from accord.cases.models import (
    Assignment,
    AssignmentReason,
    AssignmentRole,
    Case,
    CaseEvent,
    CaseLink,
    Category,
    Channel,
    Deadline,
    InternalNote,
    LinkKind,
    Message,
    OfficeCountry,
    Outcome,
    Party,
    PartyKind,
    RefusalGround,
    Status,
)
from accord.departments.models import (
    AnswerChannel,
    Dysfunction,
    DysfunctionState,
    InformationRequest,
    Liaison,
    RequestAnswer,
    RequestState,
)
from accord.mediation.models import AccreditationBody, Mediator
from accord.notifications.models import OutboundEmail
from accord.people.models import Language, Person


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=out)
    return out.getvalue()


def counts() -> dict:
    models = (User, Person, Case, CaseEvent, Message, InternalNote, Deadline, OutboundEmail, Category, Mediator)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_load_demo_covers_the_procedure_and_runs_once():
    output = load()

    cases = Case.objects.all()
    assert 90 <= cases.count() <= 110
    assert set(cases.values_list("status", flat=True)) == set(Status.values)
    assert set(cases.values_list("channel", flat=True)) == set(Channel.values)
    assert set(cases.values_list("language", flat=True)) == set(Language.values)
    assert set(cases.values_list("office_country", flat=True)) == set(OfficeCountry.values)
    assert set(cases.values_list("office__code", flat=True)) == {"brussels", "liege", "gent", "paris", "lyon", "metz"}
    assert set(cases.exclude(category=None).values_list("category__code", flat=True)) == set(
        Category.objects.values_list("code", flat=True)
    )
    assert set(cases.filter(status=Status.CLOSED).values_list("outcome", flat=True)) == set(Outcome.values)
    # Every ground but "not first raised with the service concerned", which is the hand-over instead.
    assert set(cases.filter(status=Status.REFUSED).values_list("refusal_ground", flat=True)) == set(
        RefusalGround.values
    ) - {RefusalGround.NOT_RAISED_FIRST}
    from accord.departments.models import Handover, HandoverState

    assert set(Handover.objects.values_list("state", flat=True)) == {HandoverState.ACCEPTED, HandoverState.SETTLED}
    assert Handover.objects.get(state=HandoverState.ACCEPTED).case.status == Status.WITH_DEPARTMENT
    # A reopened case, overdue open cases, returning members, cases recorded by intake staff.
    assert CaseEvent.objects.filter(data__transition="reopen").exists()
    assert any(case.is_overdue for case in cases.filter(status__in=[Status.RECEIVED, Status.INVESTIGATING]))
    assert any(person.cases.count() >= 3 for person in Person.objects.all())
    assert cases.filter(recorded_by__username="ilse", channel__in=[Channel.PHONE, Channel.OFFICE]).exists()
    # Spread over about 18 months, with the timeline in the past.
    oldest, newest = cases.order_by("received_at").first(), cases.order_by("-received_at").first()
    assert (newest.received_at - oldest.received_at).days > 400
    assert Message.objects.filter(direction="from_member").exists() and InternalNote.objects.exists()
    assert not OutboundEmail.objects.filter(delivery="sent").exists()
    # Parties, mediators and links: every case has its complainant; a third party, a co-mediated case, a case
    # handed over after a conflict of interest, one the member asked to move, linked cases of each kind.
    assert Party.objects.filter(kind=PartyKind.COMPLAINANT).count() == cases.count()
    assert Party.objects.filter(kind=PartyKind.OTHER).exists() and Party.objects.filter(kind="department").exists()
    assert Assignment.objects.filter(role=AssignmentRole.CO).exists()
    assert Assignment.objects.filter(reason=AssignmentReason.CONFLICT).exists()
    assert Assignment.objects.filter(reason=AssignmentReason.MEMBER_REQUEST).exists()
    assert set(CaseLink.objects.values_list("kind", flat=True)) == set(LinkKind.values)
    assert MediatorAbsence.objects.count() == 2
    # Mediation: one under way (with a confidential session note), one proposed and waiting for billing.
    from accord.mediation.models import ConfidentialNote, Mediation

    assert set(Mediation.objects.values_list("state", flat=True)) == {"under_way", "proposed", "ended"}
    assert Mediation.objects.filter(
        settled=True, agreement__state="accepted", agreement__document__isnull=False
    ).exists()
    from accord.mediation.models import ExternalMediator, Meeting

    assert ExternalMediator.objects.filter(ended_at__isnull=True, notes__isnull=False).exists()

    assert Meeting.objects.filter(starts_at__gt=timezone.now()).exists()
    assert ConfidentialNote.objects.filter(mediation__state="under_way").exists()
    assert Mediator.objects.count() == 20, "the directory of professional mediators"
    assert all(
        case.assignments.filter(ended_at__isnull=True, role="lead").count() == 1
        for case in cases.exclude(assigned_to=None)
    )

    # Departments: liaisons, requests open and answered (in Accord, through the department's link, by e-mail), and
    # a dysfunction in each state, each answered by the liaison of the department it is addressed to.
    assert set(Liaison.objects.values_list("user__username", "department__code")) == {
        ("bart", "billing-service"),
        ("helene", "hr-payroll"),
    }
    requests = InformationRequest.objects.all()
    assert {RequestState.ASKED, RequestState.ANSWERED} <= set(requests.values_list("state", flat=True))
    assert any(r.is_overdue for r in requests) and requests.filter(escalated_for__isnull=False).exists()
    assert set(RequestAnswer.objects.values_list("channel", flat=True)) == set(AnswerChannel.values)
    by_link = RequestAnswer.objects.get(channel=AnswerChannel.LINK)
    assert by_link.request.department.code == "finance-department" and by_link.documents.exists()
    assert by_link.request.links.get().used_at is not None
    by_email = RequestAnswer.objects.get(channel=AnswerChannel.EMAIL)
    assert by_email.author_email == "helene@accord.example.org" and by_email.inbound.state == "attached"
    assert by_email.documents.exists() and "> " not in by_email.body  # the quoted e-mail trimmed
    dysfunctions = Dysfunction.objects.all()
    assert sorted(dysfunctions.values_list("state", flat=True)) == sorted(DysfunctionState.values)
    for dysfunction in dysfunctions:
        assert dysfunction.recorded_at > dysfunction.case.received_at
        responders = {s.author.username for s in dysfunction.steps.all() if s.kind != "close"}
        assert responders <= {"bart" if dysfunction.department.code == "billing-service" else "helene"}
    planned = dysfunctions.get(state=DysfunctionState.ACTION_PLANNED)
    assert planned.planned_for > planned.steps.get().created_at.date() and not planned.is_overdue
    assert "demo-bart-2026" in output and "demo-helene-2026" in output

    expected = {
        "maya": Role.MEDIATOR,
        "pierre": Role.MEDIATOR,
        "ilse": Role.INTAKE,
        "anna": Role.ADMINISTRATOR,
        "bart": Role.LIAISON,
        "helene": Role.LIAISON,
    }
    for username, role in expected.items():
        assert User.objects.get(username=username).role == role
    anna = User.objects.get(username="anna")
    assert anna.is_staff and not anna.is_superuser, "the administrator role configures, no more"
    assert User.objects.get(username="maya").check_password("demo-maya-2026")
    assert "demo-maya-2026" in output and "/fr/staff/" in output

    before = counts()
    again = load()
    assert counts() == before
    assert "already loaded" in again and "demo-maya-2026" in again


@pytest.mark.django_db
def test_load_demo_leaves_a_database_with_other_cases_alone(make_case, marie):
    make_case(marie)
    output = load()
    assert Case.objects.count() == 1
    assert not User.objects.filter(username="maya").exists()
    assert "nothing loaded" in output


@pytest.mark.django_db
def test_the_demo_directory_is_believable_across_belgium_and_france():
    from datetime import date

    from accord.demo.directory import directory_load

    assert directory_load(today=date(2026, 6, 1)) == 20
    mediators = Mediator.objects.all()
    assert set(mediators.values_list("accreditation_body", flat=True)) == set(AccreditationBody.values)
    assert all("DEMO" in number for number in mediators.values_list("accreditation_number", flat=True))
    assert all(email.endswith("example.org") for email in mediators.values_list("email", flat=True))
    regions = set(mediators.values_list("regions__code", flat=True))
    assert {"be-bru", "be-wlg", "be-vov", "fr-idf", "fr-ara", "fr-ges"} <= regions
    offices = set(mediators.values_list("offices__code", flat=True))
    assert offices == {"brussels", "liege", "gent", "paris", "lyon", "metz"}
    assert 3 <= mediators.filter(cooperative_member=True).count() <= 12
    assert mediators.filter(accepting_new_cases=False).exclude(availability_until=None).exists()
    assert mediators.filter(fees_include_vat=True).exists() and mediators.filter(vat_rate=0).exists()
    assert mediators.filter(active=False).count() == 1
    for field in ("speaks_fr", "speaks_nl", "speaks_en"):
        assert mediators.filter(**{field: True}).exists()
    assert mediators.filter(speaks_nl=True, speaks_fr=True).exists(), "mixed languages"
