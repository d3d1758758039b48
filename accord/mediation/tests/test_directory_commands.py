"""`mediators_import FILE` and `mediators_export`: the admin's CSV code from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accord.mediation.models import Mediator
from accord.mediation.tests.test_directory_csv import GOOD, csv_bytes

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_then_export_then_import_again(tmp_path):
    source = tmp_path / "directory.csv"
    source.write_bytes(csv_bytes(GOOD, delimiter=",", bom=True))

    assert "2 created, 0 updated, 0 unchanged" in run("mediators_import", str(source))
    assert Mediator.objects.count() == 2

    exported = tmp_path / "export.csv"
    run("mediators_export", "--output", str(exported))
    assert exported.read_bytes().startswith("\ufeff".encode())
    assert run("mediators_export") == exported.read_bytes().decode("utf-8")
    assert "0 created, 0 updated, 2 unchanged" in run("mediators_import", str(exported))


def test_a_bad_file_writes_nothing_says_each_line_and_fails(tmp_path):
    source = tmp_path / "directory.csv"
    source.write_bytes(csv_bytes([GOOD[0], {**GOOD[1], "accreditation_number": ""}]))
    with pytest.raises(CommandError) as failed:
        run("mediators_import", str(source), "--language", "nl")
    assert "Regel 4: erkenningsnummer ontbreekt" in str(failed.value)
    assert str(failed.value).endswith("Er is niets geïmporteerd.")
    assert not Mediator.objects.exists()


def test_a_missing_file_or_an_unknown_language_is_said(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run("mediators_import", str(tmp_path / "absent.csv"))
    with pytest.raises(CommandError, match="Unknown language"):
        run("mediators_import", str(tmp_path / "absent.csv"), "--language", "de")
