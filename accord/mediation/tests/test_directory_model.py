"""An entry of the directory holds together: its body's types and court, a language it writes in, a number the
re-import keys on, a phone in E.164, and its fees shown with and without VAT; the database holds the same rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accord.mediation.models import AccreditationBody, Mediator, Region
from accord.mediation.tests.directory_data import mediator_build, mediator_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The messages read below are the English ones (the suite's active language may be French)."""
    with translation.override("en"):
        yield


def errors_of(mediator) -> dict:
    with pytest.raises(ValidationError) as caught:
        mediator.full_clean()
    return caught.value.message_dict


def test_a_belgian_accreditation_holds_one_or_more_of_the_commissions_three_types():
    mediator_build(type_family=True, type_social=True, type_civil_commercial=True).full_clean()
    errors = errors_of(mediator_build(type_family=False, type_civil_commercial=False))
    assert "at least one type" in " ".join(sum(errors.values(), []))
    errors = errors_of(mediator_build(type_consumer=True))
    assert "consumer" in " ".join(sum(errors.values(), []))


def test_a_court_of_appeal_list_names_its_court_and_only_it_has_one():
    court = mediator_build(
        accreditation_body=AccreditationBody.FR_COURT, accreditation_number="CA-LYON-2024-031", phone="04 78 55 01 01"
    )
    assert "court_of_appeal" in errors_of(court)
    court.court_of_appeal = "lyon"
    court.full_clean()
    assert court.phone == "+33478550101", "a French list: the number is read as French"
    assert "court_of_appeal" in errors_of(mediator_build(court_of_appeal="paris"))


def test_a_consumer_mediator_is_of_the_consumer_type_alone():
    consumer = mediator_build(
        accreditation_body=AccreditationBody.FR_CONSUMER, accreditation_number="CECMC-2023-118", phone=""
    )
    consumer.full_clean()
    assert consumer.types == ["consumer"]


@pytest.mark.parametrize("number", ["", " ", "x", "12<script>", "A" * 41])
def test_an_accreditation_number_is_required_and_plain(number):
    assert "accreditation_number" in errors_of(mediator_build(accreditation_number=number))


def test_the_number_is_trimmed_and_unique_per_body():
    mediator_make(accreditation_number="CFM-T-0101")
    twin = mediator_build(accreditation_number="  CFM-T-0101 ")
    errors = errors_of(twin)
    assert twin.accreditation_number == "CFM-T-0101"
    assert "__all__" in errors  # the unique constraint, in words
    # The same number under another body is another accreditation.
    mediator_build(
        accreditation_body=AccreditationBody.FR_CONSUMER, accreditation_number="CFM-T-0101", phone=""
    ).full_clean()


def test_a_mediator_speaks_a_language_and_is_written_to_in_one_they_speak():
    assert "speaks_fr" in errors_of(mediator_build(speaks_fr=False, speaks_nl=False, speaks_en=False))
    assert "language" in errors_of(mediator_build(language="en"))
    unsaid = mediator_build(language="", speaks_nl=False)
    unsaid.full_clean()
    assert unsaid.language == "fr", "by default the first language they speak"


def test_the_phone_is_kept_in_e164_and_a_number_that_cannot_exist_is_refused():
    mediator = mediator_build(phone="09 255 01 01")
    mediator.full_clean()
    assert mediator.phone == "+3292550101"
    assert "phone" in errors_of(mediator_build(phone="+32 12"))


def test_rates_and_vat_are_bounded_and_only_in_euros():
    assert "hourly_rate" in errors_of(mediator_build(hourly_rate=Decimal("-1")))
    assert "vat_rate" in errors_of(mediator_build(vat_rate=Decimal("101")))
    assert "currency" in errors_of(mediator_build(currency="USD"))


def test_fees_are_shown_with_and_without_vat_whichever_way_they_are_quoted():
    without = mediator_build(hourly_rate=Decimal("100.00"), vat_rate=Decimal("21"), fees_include_vat=False)
    assert (without.rate_excluding_vat, without.rate_including_vat) == (Decimal("100.00"), Decimal("121.00"))
    including = mediator_build(hourly_rate=Decimal("90.00"), vat_rate=Decimal("20"), fees_include_vat=True)
    assert (including.rate_excluding_vat, including.rate_including_vat) == (Decimal("75.00"), Decimal("90.00"))
    exempt = mediator_build(hourly_rate=Decimal("80"), vat_rate=Decimal("0"))
    assert exempt.rate_including_vat == exempt.rate_excluding_vat == Decimal("80")


def test_the_rules_are_said_in_the_users_language():
    with translation.override("fr"):
        errors = errors_of(mediator_build(speaks_fr=False, speaks_nl=False, speaks_en=False))
    assert "langue" in errors["speaks_fr"][0]


@pytest.mark.parametrize(
    "changes",
    [
        {"accreditation_number": ""},
        {"type_family": False, "type_civil_commercial": False},
        {"type_consumer": True},
        {"court_of_appeal": "paris"},
        {"speaks_fr": False, "speaks_nl": False},
        {"language": "en"},
        {"hourly_rate": Decimal("-5")},
        {"vat_rate": Decimal("150")},
    ],
)
def test_the_database_holds_the_same_rules_whatever_writes_to_it(changes):
    """Code that skipped full_clean (a script, a bulk update) still cannot store an entry that breaks them."""
    with pytest.raises(IntegrityError), transaction.atomic():
        mediator_build(**changes).save()


def test_an_entry_lists_its_regions_and_offices():
    mediator = mediator_make(regions=["be-vov", "be-bru"], offices=["gent"])
    assert sorted(mediator.regions.values_list("code", flat=True)) == ["be-bru", "be-vov"]
    assert list(mediator.offices.values_list("code", flat=True)) == ["gent"]
    assert Region.objects.filter(country="BE").count() == 11 and Region.objects.filter(country="FR").count() == 13
    assert str(Mediator.objects.get()) == "Annelies Verhoeven"
