"""Personas for the dysfunctions' tests (import the fixtures into a test module).

- Luc Lenoir, liaison of the finance department (office: Paris)
- Hélène Hautier, liaison of the HR department only
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accord.accounts.models import Role, User
from accord.cases.models import Department, Office
from accord.conftest import PASSWORD
from accord.departments.models import DepartmentContact, Liaison

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date, hour: int = 10):
    """Move the clock to that day in Brussels (the code reads the real clock)."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


def _liaison(username, first, last, department, language="fr"):
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@accord.test",
        role=Role.LIAISON,
        language=language,
    )
    Liaison.objects.create(user=user, department=department)
    return user


@pytest.fixture
def finance_contact(finance):
    return DepartmentContact.objects.create(
        department=finance,
        shared_email="finance@coop.test",
        head_email="head.finance@coop.test",
        office=Office.objects.get(code="paris"),
        language="fr",
    )


@pytest.fixture
def hr(db):
    return Department.objects.create(
        code="hr", name_fr="Ressources humaines", name_nl="Personeelsdienst", name_en="Human resources"
    )


@pytest.fixture
def luc(finance, finance_contact):
    return _liaison("luc", "Luc", "Lenoir", finance)


@pytest.fixture
def helene(hr):
    return _liaison("helene", "Hélène", "Hautier", hr, language="nl")
