"""The directory's CSV: a good file is imported whole, a file with any bad line is imported not at all and each bad
line is named in the reader's language; UTF-8 with or without BOM, `;` or `,`; a re-import updates by accreditation
number and changes nothing the second time; an export imports back to the same; no cell of an export is a formula."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from accord.mediation.directory_csv import COLUMNS, mediators_export, mediators_import
from accord.mediation.models import Mediator
from accord.mediation.tests.directory_data import mediator_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The messages read below are the English ones (the suite's active language may be French)."""
    with translation.override("en"):
        yield


HEADER = [column.name for column in COLUMNS]
GOOD = [
    {
        "accreditation_body": "be_fmc",
        "accreditation_number": "CFM-T-0101",
        "types": "family|civil_commercial",
        "last_name": "Verhoeven",
        "first_name": "Annelies",
        "languages": "nl|fr",
        "regions": "be-vov|be-bru",
        "offices": "gent",
        "email": "a.verhoeven@mediation.example.org",
        "phone": "09 255 01 01",
        "address": "Kouter 1\n9000 Gent",
        "hourly_rate": "95,50",
        "vat_rate": "21",
        "fees_include_vat": "no",
        "accepting_new_cases": "yes",
        "cooperative_member": "yes",
    },
    {
        "accreditation_body": "fr_court_of_appeal",
        "accreditation_number": "CA-LYON-2024-031",
        "court_of_appeal": "lyon",
        "types": "social",
        "last_name": "Marchal",
        "first_name": "Élodie",
        "languages": "fr|en",
        "correspondence_language": "en",
        "regions": "fr-ara",
        "offices": "lyon",
        "email": "elodie.marchal@mediation.example.org",
        "phone": "04 78 55 01 01",
        "hourly_rate": "120",
        "vat_rate": "20",
        "fees_include_vat": "yes",
        "accepting_new_cases": "no",
        "availability_until": "2026-09-01",
        "availability_note": "Back from leave in September",
    },
]


def csv_bytes(rows, *, delimiter=";", bom=False, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def test_a_good_file_is_imported_whole():
    result = mediators_import(data=csv_bytes(GOOD))

    assert result.errors == [] and (result.created, result.updated, result.unchanged) == (2, 0, 0)
    annelies = Mediator.objects.get(accreditation_number="CFM-T-0101")
    assert annelies.types == ["civil_commercial", "family"] and annelies.languages == ["fr", "nl"]
    assert annelies.language == "nl", "the first language listed, when none is said"
    assert annelies.phone == "+3292550101" and annelies.address == "Kouter 1\n9000 Gent"
    assert annelies.hourly_rate == Decimal("95.50") and annelies.rate_including_vat == Decimal("115.56")
    assert annelies.cooperative_member and annelies.accepting_new_cases and annelies.active
    assert sorted(annelies.regions.values_list("code", flat=True)) == ["be-bru", "be-vov"]
    elodie = Mediator.objects.get(accreditation_number="CA-LYON-2024-031")
    assert (elodie.court_of_appeal, elodie.language, elodie.phone) == ("lyon", "en", "+33478550101")
    assert elodie.fees_include_vat and elodie.rate_excluding_vat == Decimal("100.00")
    assert not elodie.accepting_new_cases and elodie.availability_until == date(2026, 9, 1)
    assert not elodie.cooperative_member, "an empty cell: the default"


def test_any_bad_line_imports_nothing_and_each_is_named_with_its_line():
    bad = [
        dict(GOOD[0]),
        {**GOOD[1], "accreditation_number": ""},
        {**GOOD[1], "accreditation_number": "CA-PARIS-1", "languages": "fr|de", "regions": "fr-xyz"},
        {**GOOD[1], "accreditation_number": "CA-PARIS-2", "hourly_rate": "cher"},
        {**GOOD[1], "accreditation_number": "CA-PARIS-3", "court_of_appeal": "", "email": "nope"},
    ]
    result = mediators_import(data=csv_bytes(bad))

    assert not Mediator.objects.exists(), "nothing half-imported"
    assert (result.created, result.updated) == (0, 0)
    text = "\n".join(result.errors)
    # The first good row spans lines 2-3 (its address has two lines): the second row starts on line 4.
    assert "Line 4: accreditation number missing" in text
    assert "Line 5: unknown language “de”" in text and "Line 5: unknown region “fr-xyz”" in text
    assert "Line 6: hourly rate “cher” is not an amount" in text
    assert "Line 7: Say which court of appeal keeps the list." in text and "Line 7: column email: " in text
    assert not any(error.startswith(("Line 2", "Line 3")) for error in result.errors)


def test_errors_are_in_the_readers_language():
    with translation.override("fr"):
        result = mediators_import(data=csv_bytes([{**GOOD[0], "accreditation_number": ""}]))
    assert result.errors == ["Ligne 2\u202f: numéro d’agrément manquant"]
    with translation.override("nl"):
        result = mediators_import(data=csv_bytes([{**GOOD[0], "accreditation_number": ""}]))
    assert result.errors == ["Regel 2: erkenningsnummer ontbreekt"]


def test_utf8_with_a_byte_order_mark_and_either_separator():
    for delimiter in (";", ","):
        for bom in (False, True):
            Mediator.objects.all().delete()
            result = mediators_import(data=csv_bytes(GOOD, delimiter=delimiter, bom=bom))
            assert result.errors == [] and result.created == 2, (delimiter, bom)
            assert Mediator.objects.get(accreditation_number="CA-LYON-2024-031").first_name == "Élodie"


def test_a_file_that_is_not_utf8_is_refused_naming_the_line():
    data = csv_bytes(GOOD).decode().replace("Élodie", "\x00").encode().replace(b"\x00", "Élodie".encode("cp1252"))
    result = mediators_import(data=data)
    assert not Mediator.objects.exists()
    assert len(result.errors) == 1 and result.errors[0].startswith("Line 4: ") and "UTF-8" in result.errors[0]


def test_the_first_line_must_name_known_columns():
    assert "accreditation_number" in " ".join(mediators_import(data=b"name;email\nA;a@b.c\n").errors)
    unknown = mediators_import(data=csv_bytes(GOOD, header=[*HEADER, "langauges"])).errors
    assert any("“langauges”" in error for error in unknown) and not Mediator.objects.exists()
    assert mediators_import(data=b"").errors and mediators_import(data="\ufeff".encode()).errors


def test_a_number_twice_in_one_file_is_an_error():
    result = mediators_import(data=csv_bytes([GOOD[0], GOOD[1], GOOD[0]]))
    assert any(error.startswith("Line 5: ") and "line 2" in error for error in result.errors)
    assert not Mediator.objects.exists()


def test_a_re_import_updates_by_accreditation_number_and_again_changes_nothing():
    mediators_import(data=csv_bytes(GOOD))
    first_ids = dict(Mediator.objects.values_list("accreditation_number", "id"))
    changed = [{**GOOD[0], "hourly_rate": "110", "regions": "be-vov"}, GOOD[1]]

    result = mediators_import(data=csv_bytes(changed))

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert dict(Mediator.objects.values_list("accreditation_number", "id")) == first_ids
    annelies = Mediator.objects.get(accreditation_number="CFM-T-0101")
    assert annelies.hourly_rate == Decimal("110") and list(annelies.regions.values_list("code", flat=True)) == [
        "be-vov"
    ]
    again = mediators_import(data=csv_bytes(changed))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_column_left_out_keeps_what_the_entry_had():
    mediators_import(data=csv_bytes(GOOD))
    Mediator.objects.filter(accreditation_number="CFM-T-0101").update(active=False)
    header = ["accreditation_body", "accreditation_number", "hourly_rate"]
    result = mediators_import(data=csv_bytes([{**GOOD[0], "hourly_rate": "99"}], header=header))
    assert result.errors == [] and result.updated == 1
    annelies = Mediator.objects.get(accreditation_number="CFM-T-0101")
    assert annelies.hourly_rate == Decimal("99") and not annelies.active and annelies.email.startswith("a.verhoeven")
    # A new entry needs what has no default.
    new = mediators_import(data=csv_bytes([{**GOOD[0], "accreditation_number": "CFM-T-0999"}], header=header))
    assert "Line 2: last name missing" in new.errors and "Line 2: e-mail address missing" in new.errors


def test_an_export_imports_back_to_the_same_and_is_excel_friendly():
    mediators_import(data=csv_bytes(GOOD))
    mediator_make(accreditation_number="CFM-T-0202", first_name="=cmd|' /C calc'!A0", last_name="-2+3", active=False)

    exported = mediators_export()

    assert exported.startswith("\ufeff") and exported.splitlines()[0].lstrip("\ufeff").split(";") == HEADER
    again = mediators_import(data=exported.encode())
    assert again.errors == [] and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    snapshot = mediators_export()
    Mediator.objects.all().delete()
    assert mediators_import(data=snapshot.encode()).created == 3
    assert mediators_export() == snapshot


def test_no_cell_of_an_export_starts_a_formula():
    mediator_make(
        accreditation_number="CFM-T-0202",
        first_name='=HYPERLINK("http://evil.example")',
        last_name="@SUM(A1)",
        address="+32 is not a formula\n-either",
        availability_note="\tindented",
    )
    rows = list(csv.DictReader(io.StringIO(mediators_export().lstrip("\ufeff")), delimiter=";"))
    cells = [value for row in rows for value in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    (row,) = rows
    assert row["first_name"] == '\'=HYPERLINK("http://evil.example")' and row["last_name"] == "'@SUM(A1)"
    assert row["phone"] == "'+3292550101" and row["availability_note"] == "'\tindented"
    # And back as they were.
    mediators_import(data=mediators_export().encode())
    mediator = Mediator.objects.get()
    assert mediator.first_name == '=HYPERLINK("http://evil.example")' and mediator.phone == "+3292550101"


def test_blank_lines_are_skipped_and_a_line_with_too_many_cells_is_an_error():
    data = csv_bytes(GOOD) + b";;;;\n\n"
    assert mediators_import(data=data).created == 2
    Mediator.objects.all().delete()
    data = csv_bytes(GOOD[:1]) + b"be_fmc;CFM-T-0303" + b";x" * len(HEADER) + b"\n"
    result = mediators_import(data=data)
    assert any(error.startswith("Line 4: ") for error in result.errors) and not Mediator.objects.exists()


def test_every_column_is_documented_in_the_architecture_page():
    from pathlib import Path

    from django.conf import settings

    page = (Path(settings.BASE_DIR) / "docs" / "architecture.md").read_text(encoding="utf-8")
    directory = page.split("### Directory", 1)[1].split("\n## ", 1)[0]
    for column in COLUMNS:
        assert f"`{column.name}`" in directory, column.name
