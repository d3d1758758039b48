"""Entries of the directory for the tests: valid by default, each test changing what it is about."""

from decimal import Decimal

from accord.mediation.models import AccreditationBody, Mediator, Region


def mediator_build(**changes) -> Mediator:
    """An unsaved, valid Belgian family and civil mediator (regions and offices: `mediator_make`)."""
    values = {
        "first_name": "Annelies",
        "last_name": "Verhoeven",
        "accreditation_body": AccreditationBody.BE_FMC,
        "accreditation_number": "CFM-T-0101",
        "type_family": True,
        "type_civil_commercial": True,
        "speaks_nl": True,
        "speaks_fr": True,
        "language": "nl",
        "email": "a.verhoeven@mediation.example.org",
        "phone": "+32 9 255 01 01",
        "address": "Kouter 1\n9000 Gent",
        "hourly_rate": Decimal("100.00"),
        "vat_rate": Decimal("21.00"),
    }
    values.update(changes)
    return Mediator(**values)


def mediator_make(*, regions=(), offices=(), **changes) -> Mediator:
    from accord.cases.models import Office

    mediator = mediator_build(**changes)
    mediator.full_clean()
    mediator.save()
    mediator.regions.set(Region.objects.filter(code__in=regions))
    mediator.offices.set(Office.objects.filter(code__in=offices))
    return mediator
