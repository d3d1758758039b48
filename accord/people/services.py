"""Writes on people: recognise a returning member by their address or record a new one."""

from dataclasses import dataclass

import phonenumbers
from django.db import connection
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed
from accord.lib.text import name_clean
from accord.people.models import Person
from accord.people.selectors import CLAIMABLE, people_holding, person_find


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


def _lock_identity(*, email: str) -> None:
    """Serialise the look-up-then-create of one address until the caller's transaction ends, so that
    two complaints of the same new member arriving at once (two web processes, two mailbox pollers)
    make one person. PostgreSQL: a transaction-level advisory lock on the e-mail address.
    SQLite needs none: its write transactions (IMMEDIATE, see settings) already run one at a time.
    """
    if not email or connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"accord.person.email:{email}"])


@dataclass(frozen=True)
class Claim:
    """A detail given with a complaint that is on someone else's record: for a mediator to confirm."""

    field: str  # one of selectors.CLAIMABLE
    value: str
    person: Person  # the record it points at


@dataclass(frozen=True)
class Recognition:
    person: Person
    created: bool
    given: dict  # the details as given with the complaint (normalised), kept on the case
    claims: tuple[Claim, ...] = ()


def person_recognise(
    *, name: str, email: str = "", phone: str = "", member_number: str = "", language: str = "fr"
) -> Recognition:
    """Who sent a complaint, by the identity rule (docs/architecture.md, "Identity: claims, not proofs").

    The person is the record of the e-mail address the complaint comes from, or a new record. Nothing
    given with the complaint changes an existing record. A member number, phone or name that is on
    another record is returned as a claim (the new record then keeps that member number off: it is
    someone else's); only a mediator's decision moves the case or changes details (cases/identity.py).
    """
    given = {
        "name": " ".join(name_clean(name or "").split())[:200],
        "email": (email or "").strip().lower(),
        "phone": (phone or "").strip(),
        "member_number": (member_number or "").strip(),
    }
    _lock_identity(email=given["email"])
    person = person_find(email=given["email"])
    claims = []
    for field in CLAIMABLE:
        value = given[field]
        if not value or (person is not None and getattr(person, field).casefold() == value.casefold()):
            continue
        claims.extend(Claim(field, value, other) for other in people_holding(field=field, value=value, exclude=person))
    created = person is None
    if created:
        person = Person.objects.create(
            name=given["name"],
            email=given["email"],
            # A phone may be shared (a household): it stays, it is how to reach this person. A member
            # number is one member's: on another record, it is only a claim.
            phone=given["phone"],
            member_number="" if any(c.field == "member_number" for c in claims) else given["member_number"],
            language=language,
        )
    return Recognition(person=person, created=created, given=given, claims=tuple(claims))


CONTACT_FIELDS = ("name", "email", "phone", "member_number")


def person_details_update(*, person: Person, name: str, email: str, phone: str, member_number: str) -> dict:
    """Write a person's contact details; only cases/identity.person_details_change calls it (a
    mediator's recorded action). Returns {field: (old, new)} for what changed. Refuses an address or
    a member number that is on another record: those identify one person (merge with "same person").
    Must run inside the caller's transaction."""
    wanted = {
        "name": " ".join((name or "").split())[:200],
        "email": (email or "").strip().lower(),
        "phone": (phone or "").strip(),
        "member_number": (member_number or "").strip(),
    }
    if not wanted["name"]:
        raise ValidationFailed(_("The name cannot be empty."), code="name_required")
    _lock_identity(email=wanted["email"])
    person = Person.objects.select_for_update().get(pk=person.pk)
    changes = {f: (getattr(person, f), wanted[f]) for f in CONTACT_FIELDS if getattr(person, f) != wanted[f]}
    others = Person.objects.exclude(pk=person.pk)
    if "email" in changes and wanted["email"] and others.filter(email=wanted["email"]).exists():
        raise ValidationFailed(
            _("This e-mail address is already on another person's record."),
            code="email_on_another_record",
        )
    if (
        "member_number" in changes
        and wanted["member_number"]
        and others.filter(member_number=wanted["member_number"]).exists()
    ):
        raise ValidationFailed(
            _("This member number is already on another person's record."),
            code="member_number_on_another_record",
        )
    for field, (_old, new) in changes.items():
        setattr(person, field, new)
    if changes:
        person.save(update_fields=list(changes))
    return changes
