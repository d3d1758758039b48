"""The mediation tests' people: billing's liaison Bart (Dutch), HR's Helena, and a Dutch member's admissible case."""

import pytest
from django.utils import timezone

from accord.accounts.models import Role
from accord.cases.models import Status
from accord.cases.parties import party_department_ensure
from accord.cases.permissions import Actor
from accord.cases.workflow import case_transition
from accord.conftest import _staff
from accord.departments.models import DepartmentContact, Liaison


@pytest.fixture
def billing(db, finance):
    DepartmentContact.objects.create(department=finance, shared_email="facturation@coop.test", language="fr")
    return finance


@pytest.fixture
def bart(db, billing):
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


@pytest.fixture
def case(make_case, jan, maya, billing):
    """A Dutch member's admissible case held by maya, the billing department a party to it."""
    case = make_case(jan, language="nl")
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    party_department_ensure(case=case, department=billing, user=maya, at=timezone.now(), why="classification")
    assert case.status == Status.INVESTIGATING and case.assigned_to == maya
    return case
