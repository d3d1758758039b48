"""A person's name never carries bidirectional controls, however it came in (issue 6, Low).

A right-to-left override in a name ("Marie\u202e Lambert") would reorder the staff pages
and e-mails around it. Names are cleaned where a person is recorded (`person_recognise`,
which every channel uses), so the public form, the intake form, e-mail and the API are alike.
"""

import pytest

from accord.cases.models import Case
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.people.models import Person
from accord.people.services import person_recognise
from accord.public.tests.test_complaint_form import form

pytestmark = pytest.mark.django_db

SPOOFED = "Sarah\u202e Smith\u2066\u200f"


def test_bidi_controls_are_removed_from_a_new_persons_name():
    person = person_recognise(name=f"  {SPOOFED}  ", email="sarah@example.org").person
    assert person.name == "Sarah Smith"


def test_arabic_and_hebrew_letters_are_kept():
    assert person_recognise(name="\u202bسارة כהן\u202c", email="s@example.org").person.name == "سارة כהן"


def test_a_name_typed_on_the_public_form_is_stored_without_bidi_controls(client):
    assert client.post("/en/complaint/", form(name=SPOOFED)).status_code == 302
    assert Person.objects.get().name == "Sarah Smith"


def test_a_name_from_an_email_header_is_stored_without_bidi_controls():
    inbound_email_receive(raw=mails.new_complaint(sender="=?utf-8?q?Paul=E2=80=AE_Durand?= <paul@example.net>"))
    assert Case.objects.get().person.name == "Paul Durand"
