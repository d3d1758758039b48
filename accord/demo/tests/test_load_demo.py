"""The demo loads a believable, complete set of cases through the real services, once."""

from io import StringIO

import pytest
from django.core.management import call_command

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
from accord.notifications.models import OutboundEmail
from accord.people.models import Language, Person


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=out)
    return out.getvalue()


def counts() -> dict:
    models = (User, Person, Case, CaseEvent, Message, InternalNote, Deadline, OutboundEmail, Category)
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
    assert set(cases.filter(status=Status.REFUSED).values_list("refusal_ground", flat=True)) == set(
        RefusalGround.values
    )
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

    assert set(Mediation.objects.values_list("state", flat=True)) == {"under_way", "proposed"}
    assert ConfidentialNote.objects.filter(mediation__state="under_way").exists()
    assert all(
        case.assignments.filter(ended_at__isnull=True, role="lead").count() == 1
        for case in cases.exclude(assigned_to=None)
    )

    expected = {
        "maya": Role.MEDIATOR,
        "pierre": Role.MEDIATOR,
        "ilse": Role.INTAKE,
        "anna": Role.ADMINISTRATOR,
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
