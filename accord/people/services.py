"""Writes on people: recognise a returning member or record a new one."""

import phonenumbers
from django.db import connection
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed
from accord.lib.text import name_clean
from accord.people.models import Person
from accord.people.selectors import person_find


def phone_normalise(raw: str, *, country: str = "BE") -> str:
    """The phone number in E.164 form, or a translated error.

    A number without a country code is read as one of the office's country.
    """
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException as error:
        raise ValidationFailed(
            _("This phone number cannot be read. Write it with the country code, e.g. +32 470 12 34 56."),
            code="invalid_phone",
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationFailed(
            _("This phone number does not exist. Write it with the country code, e.g. +32 470 12 34 56."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _lock_identity(*, email: str, member_number: str) -> None:
    """Serialise the look-up-then-create of one identity until the caller's transaction ends, so that
    two complaints of the same new member arriving at once (two web processes, two mailbox pollers)
    make one person. PostgreSQL: transaction-level advisory locks on the e-mail and the member number.
    SQLite needs none: its write transactions (IMMEDIATE, see settings) already run one at a time.
    """
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for key in sorted(
            k for k in (f"email:{email}" if email else "", f"member:{member_number}" if member_number else "") if k
        ):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"accord.person.{key}"])


def person_find_or_create(
    *, name: str, email: str = "", phone: str = "", member_number: str = "", language: str = "fr"
) -> Person:
    """The known person with this e-mail or member number, completed with what is new; else a new one.

    Existing details are never overwritten by a later form: a member who writes from a new
    phone keeps their record, and the new number is only added where none was known. The name
    is kept without bidirectional controls (`name_clean`): whatever channel it came by, it
    cannot reorder the pages and e-mails that show it.
    """
    email = email.strip().lower()
    _lock_identity(email=email, member_number=member_number.strip())
    person = person_find(email=email, member_number=member_number)
    if person is None:
        return Person.objects.create(
            name=name_clean(name).strip(),
            email=email,
            phone=phone,
            member_number=member_number.strip(),
            language=language,
        )
    changed = []
    for field, value in (("email", email), ("phone", phone), ("member_number", member_number.strip())):
        if value and not getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    if changed:
        person.save(update_fields=changed)
    return person
