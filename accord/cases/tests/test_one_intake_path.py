"""One intake path (issue 7, "Mistakes seen while using it"): every channel (web form, intake form, API, e-mail)
files its complaint through `services.complaint_receive` and its staff notes through `services.note_add`; the
channels' rules (a way to reach the member, no date received in the future, the phone in E.164) are written once,
in `cases/intake.py`, and hold for every caller; the open statuses are defined once."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accord.cases import services
from accord.cases.models import OPEN_STATUSES, Case, Channel, InternalNote, Status
from accord.core.errors import ValidationFailed
from accord.mailbox.models import InboundState, Reason
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.people.models import Person

ROOT = Path(__file__).resolve().parents[3]
# The ways a complaint comes in: the web form, the intake form, the API, the mailbox.
CHANNEL_MODULES = [
    "accord/public/forms.py",
    "accord/public/views.py",
    "accord/cases/views.py",
    "accord/api/serializers.py",
    "accord/api/views.py",
    "accord/mailbox/services.py",
]
CONTACT = "Give at least an e-mail address or a phone number to reach the member."
FUTURE = "The date received cannot be in the future."


def _sources():
    """The project's own Python modules (tests and migrations apart)."""
    for path in [*(ROOT / "accord").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]:
        if "tests" in path.parts or "migrations" in path.parts or path.name == "conftest.py":
            continue
        yield path


def _complaint(**changes):
    fields = {
        "complainant": {"name": "Luc Martin", "email": "", "phone": "0470 12 34 56", "language": "fr"},
        "channel": Channel.PHONE,
        "subject": "Conseiller injoignable",
        "description": "M. Martin n'arrive pas à joindre son conseiller.",
        "language": "fr",
    }
    fields.update(changes)
    return fields


# ---------------------------------------------------------------------------------------
# The rules hold for every caller of complaint_receive


def test_complaint_receive_writes_the_phone_in_international_form_for_any_caller(db):
    case = services.complaint_receive(**_complaint(office_country="BE"))
    assert case.person.phone == "+32470123456"
    french = services.complaint_receive(
        **_complaint(
            complainant={"name": "Julie Petit", "phone": "06 12 34 56 78", "language": "fr"}, office_country="FR"
        )
    )
    assert french.person.phone == "+33612345678"


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"complainant": {"name": "Luc Martin", "email": "", "phone": "", "language": "fr"}}, "contact_required"),
        ({"complainant": {"name": "Luc Martin", "phone": "+32 12", "language": "fr"}}, "invalid_phone"),
        ({"received_at": timezone.now() + timedelta(days=2)}, "received_in_future"),
    ],
)
def test_complaint_receive_refuses_what_breaks_a_rule_and_leaves_nothing_behind(db, changes, code):
    with pytest.raises(ValidationFailed) as refused:
        services.complaint_receive(**_complaint(**changes))
    assert refused.value.code == code
    assert not Case.objects.exists() and not Person.objects.exists()


def test_the_channels_rules_are_written_once():
    """Their words in one module, cases/intake.py, which the ways in call for the phone too (people.services
    holds phonenumbers itself; the queue's search and the directory of mediators read numbers with it)."""
    rules = ROOT / "accord" / "cases" / "intake.py"
    for words in (CONTACT, FUTURE):
        holding = [p.relative_to(ROOT).as_posix() for p in _sources() if words in p.read_text()]
        assert holding == [rules.relative_to(ROOT).as_posix()], (words, holding)
    # The ways in read a complainant's phone through intake.py only, never phonenumbers' normaliser themselves.
    for way_in in CHANNEL_MODULES:
        assert "phone_normalise" not in (ROOT / way_in).read_text(), way_in
    # forms.py once, for a mediator's change of contact details (PersonDetailsForm), never for a complaint.
    assert (ROOT / "accord/cases/forms.py").read_text().count("phone_normalise(") <= 1


# ---------------------------------------------------------------------------------------
# The e-mail channel goes the same way


@pytest.fixture
def spied(monkeypatch):
    """What the mailbox calls of the cases' services (the real ones run)."""
    from accord.mailbox import services as mailbox

    calls = []
    for name in ("complaint_receive", "note_add"):
        real = getattr(mailbox, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls.append((_name, kwargs))
            return _real(*args, **kwargs)

        monkeypatch.setattr(mailbox, name, spy)
    return calls


def test_a_complaint_by_e_mail_is_received_like_any_other(db, spied):
    inbound = inbound_email_receive(raw=mails.new_complaint(), source="test").inbound
    assert inbound.state == InboundState.NEW_CASE
    assert [(name, kwargs["channel"]) for name, kwargs in spied] == [("complaint_receive", Channel.EMAIL)]
    assert spied[0][1]["complainant"]["email"] == "marie.lambert@example.org"


def test_a_forward_and_its_comment_go_through_complaint_receive_and_note_add(bruno, spied):
    inbound = inbound_email_receive(raw=mails.staff_forward(), source="test").inbound
    assert inbound.state == InboundState.NEW_CASE
    assert [name for name, _ in spied] == ["complaint_receive", "note_add"]
    assert spied[1][1]["user"] == bruno and "je vous la transmets" in spied[1][1]["body"]
    assert InternalNote.objects.get(case=inbound.case).author == bruno


def test_a_member_of_staff_writing_in_the_members_thread_adds_a_note_through_note_add(maya, marie, make_case, spied):
    case = make_case(marie, channel=Channel.WEB)
    ack = case.emails.get(template="acknowledgement")
    raw = mails.gmail_reply(ack=ack, sender="Maya Mertens <maya@accord.test>", text="J'ai appelé Marie.")
    inbound = inbound_email_receive(raw=raw, source="test").inbound
    assert inbound.state == InboundState.ATTACHED
    assert [name for name, _ in spied] == ["note_add"]
    assert InternalNote.objects.get(case=case).body.startswith("J'ai appelé Marie")


def test_a_forward_naming_its_sender_without_an_address_waits_for_a_mediator(bruno):
    """The contact rule holds for e-mail too: nobody can be reached, so no case is opened for nobody; the
    message is kept for a mediator, who records the complaint from the intake page."""
    raw = mails.staff_forward(original_sender="Luc Martin")
    inbound = inbound_email_receive(raw=raw, source="test").inbound
    assert inbound.state == InboundState.NEEDS_ATTENTION and inbound.reason_code == Reason.NO_SENDER
    assert not Case.objects.exists() and not Person.objects.exists()


# ---------------------------------------------------------------------------------------
# Open statuses, once


def _status_sets(tree) -> list[int]:
    """Lines of tuple/list/set literals naming three or more statuses (Status.X or their values)."""
    values = set(Status.values)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) >= 3:
            named = [
                e
                for e in node.elts
                if (isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "Status")
                or (isinstance(e, ast.Constant) and e.value in values)
            ]
            if len(named) == len(node.elts):
                found.append(node.lineno)
    return found


def test_no_module_lists_the_statuses_again():
    """The open and ended statuses are models.OPEN_STATUSES / ENDED_STATUSES: no other module lists some."""
    models = ROOT / "accord" / "cases" / "models.py"
    found = {
        p.relative_to(ROOT).as_posix(): lines
        for p in _sources()
        if p != models and (lines := _status_sets(ast.parse(p.read_text())))
    }
    assert not found, found
    assert Status.ANSWERED in OPEN_STATUSES


def test_the_intake_form_shows_each_broken_rule_on_its_field(client, ilse):
    client.force_login(ilse)
    response = client.post(
        "/en/staff/record/",
        {
            "channel": Channel.PHONE,
            "received_at": (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "name": "Luc Martin",
            "email": "",
            "phone": "",
            "language": "fr",
            "office": "brussels",
            "subject": "Conseiller injoignable",
            "description": "M. Martin n'arrive pas à joindre son conseiller.",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["email"] == [CONTACT] and errors["received_at"] == [FUTURE]
    assert not Case.objects.exists()
