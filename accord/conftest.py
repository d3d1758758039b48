"""Named personas and helpers shared by every test, on the real database (SQLite or PostgreSQL).

- Maya Mertens, mediator; Pierre Dubois, second mediator
- Ilse Claes, intake counsellor; Bruno Facq, intake at the billing service
- Anna Admin, administrator
- Marie Lambert (fr), Jan Peeters (nl), Sarah Smith (en): members
"""

import io
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accord.accounts.models import Role, User
from accord.cases.models import Category, Department
from accord.cases.services import case_create
from accord.people.models import Person

PASSWORD = "correct horse battery staple"

# The smallest valid PDF: enough for the content check, which reads the bytes, not the name.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test on a file as production does, not on Django's shared-cache in-memory database.

    The in-memory database's table locks fail at once under concurrent writers ("database
    table is locked") instead of waiting as the file database's IMMEDIATE transactions do,
    so concurrency tests (references, live server) would test SQLite's test mode, not Accord.
    Each run gets its own directory, so parallel runs never share a file.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        directory = Path(tempfile.mkdtemp(prefix="accord-tests-"))
        database.setdefault("TEST", {})["NAME"] = str(directory / "test.sqlite3")
        yield
        shutil.rmtree(directory, ignore_errors=True)
    else:
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_triggers():
    """Transactional and live-server tests end with Django's flush, which the audit trail's triggers
    refuse: in the tests only, the flush suspends them (accord/testing/audit.py)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from accord.testing.audit import flush_with_audit_triggers_suspended

    with pytest.MonkeyPatch.context() as patch:
        original = BaseDatabaseOperations.execute_sql_flush
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", flush_with_audit_triggers_suspended(original))
        yield


@pytest.fixture(scope="session", autouse=True)
def _offices_back_after_a_flush():
    """The offices and the directory's regions are data (migrations cases/0009_default_offices and
    mediation/0002_regions), which the flush ending a transactional or live-server test removes; Django
    sends post_migrate after that flush, and in the tests only they come back then, as every real
    database has them."""
    import importlib

    from django.apps import apps
    from django.db.models.signals import post_migrate

    create_offices = importlib.import_module("accord.cases.migrations.0009_default_offices").create_offices
    # The directory's regions are data too (mediation/0002_regions).
    create_regions = importlib.import_module("accord.mediation.migrations.0002_regions").create_regions

    def restore(sender, using="default", **kwargs):
        if sender.label == "cases":
            create_offices(apps, None)
        elif sender.label == "mediation":
            create_regions(apps, None)

    post_migrate.connect(restore, dispatch_uid="accord-tests-offices")
    yield
    post_migrate.disconnect(dispatch_uid="accord-tests-offices")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_HOST = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ACCORD_COMPLAINT_RATE = "1000/h"
    # The housekeeping records the audit heads there: never in the working copy's var/.
    settings.ACCORD_AUDIT_DIR = tmp_path / "audit"
    # Personas are built in nearly every test: a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _staff(username, first, last, role, **extra):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        email=f"{username}@accord.test",
        role=role,
        **extra,
    )


@pytest.fixture
def client():
    """Django's test client whose `force_login` also completes the second factor (accord/testing/auth.py).

    Use it (or `accord.testing.auth.APIClient`) to log staff in; log in through the pages only to test
    the login itself."""
    from accord.testing.auth import Client

    return Client()


@pytest.fixture
def maya(db):
    return _staff("maya", "Maya", "Mertens", Role.MEDIATOR)


@pytest.fixture
def pierre(db):
    return _staff("pierre", "Pierre", "Dubois", Role.MEDIATOR)


@pytest.fixture
def ilse(db):
    return _staff("ilse", "Ilse", "Claes", Role.INTAKE)


@pytest.fixture
def bruno(db):
    return _staff("bruno", "Bruno", "Facq", Role.INTAKE)


@pytest.fixture
def anna(db):
    # Not a superuser: the administrator role's permissions are exactly what configuring needs.
    return _staff("anna", "Anna", "Admin", Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def marie(db):
    return Person.objects.create(
        name="Marie Lambert", email="marie.lambert@example.org", language="fr", member_number="M-10001"
    )


@pytest.fixture
def jan(db):
    return Person.objects.create(name="Jan Peeters", email="jan.peeters@example.org", language="nl")


@pytest.fixture
def sarah(db):
    return Person.objects.create(name="Sarah Smith", email="sarah.smith@example.org", language="en")


@pytest.fixture
def billing(db):
    return Category.objects.create(code="billing", name_fr="Facturation", name_nl="Facturatie", name_en="Billing")


@pytest.fixture
def finance(db):
    return Department.objects.create(
        code="finance", name_fr="Direction financière", name_nl="Financiële directie", name_en="Finance department"
    )


@pytest.fixture
def make_case(db):
    """Record a complaint the way Accord does (with its reference, deadlines and acknowledgement)."""

    def make(person, *, channel="web", language=None, received_at: datetime | None = None, recorded_by=None, **extra):
        return case_create(
            person=person,
            channel=channel,
            subject=extra.pop("subject", "Facture payée en retard"),
            description=extra.pop("description", "Ma facture de mars a été payée avec six semaines de retard."),
            language=language or person.language,
            received_at=received_at or timezone.now(),
            recorded_by=recorded_by,
            **extra,
        )

    return make


def pdf_upload(name="justificatif.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def text_upload(name="note.txt", text="Bonjour"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def file_like(content: bytes, name: str):
    f = io.BytesIO(content)
    f.name = name
    return f


# Real SMTP server and real browser (accord/testing/): `smtp_server`, `browser`, `new_page`, `page`.
from accord.testing.browser import (  # noqa: E402, F401
    _plain_http_for_live_server,
    accord_live_server,
    browser,
    csp_violations,
    new_page,
    page,
)

# A real IMAP server (accord/testing/imap.py): `imap_server`, Dovecot on loopback with a throwaway user.
from accord.testing.imap import imap_server  # noqa: E402, F401
from accord.testing.mail import smtp_server  # noqa: E402, F401

# Background tasks (accord/testing/tasks.py): `run_queued_tasks` runs what is queued, `background_worker` a worker thread.
from accord.testing.tasks import background_worker, run_queued_tasks_fixture  # noqa: E402, F401
