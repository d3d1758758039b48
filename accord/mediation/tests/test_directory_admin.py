"""The administrator keeps the directory in the admin, in the page's language: entries, and the CSV import (its
columns explained on the page, errors per line, nothing half-imported) and export. Nobody else reaches it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accord.mediation.directory_csv import COLUMNS
from accord.mediation.models import Mediator
from accord.mediation.tests.directory_data import mediator_make
from accord.mediation.tests.test_directory_csv import GOOD, csv_bytes

LIST = "/{language}/admin/mediation/mediator/"


def upload(data: bytes) -> dict:
    return {"file": SimpleUploadedFile("annuaire.csv", data, content_type="text/csv")}


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_import_page_explains_every_column_in_the_pages_language(client, anna, language):
    client.force_login(anna)
    listing = client.get(LIST.format(language=language)).content.decode()
    assert (
        f"{LIST.format(language=language)}import/" in listing and f"{LIST.format(language=language)}export/" in listing
    )
    page = client.get(f"{LIST.format(language=language)}import/")
    html = page.content.decode()
    assert page.status_code == 200
    with translation.override(language):
        for column in COLUMNS:
            assert f"<code>{column.name}</code>" in html and str(column.help).replace("'", "&#x27;") in html
        assert translation.gettext("Import professional mediators") in html
    if language != "en":
        assert "Who accredits" not in html and "A CSV file in UTF-8" not in html


def test_a_good_file_is_imported_from_the_admin(client, anna):
    client.force_login(anna)
    response = client.post(f"{LIST.format(language='en')}import/", upload(csv_bytes(GOOD, bom=True)), follow=True)
    assert response.redirect_chain[-1][0] == LIST.format(language="en")
    assert "2 created, 0 updated, 0 unchanged" in response.content.decode()
    assert Mediator.objects.count() == 2


def test_a_bad_file_shows_each_line_in_french_and_imports_nothing(client, anna):
    client.force_login(anna)
    data = csv_bytes([GOOD[0], {**GOOD[1], "accreditation_number": ""}, {**GOOD[1], "languages": "de"}])
    response = client.post(f"{LIST.format(language='fr')}import/", upload(data))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ligne 4\u202f: numéro d’agrément manquant" in html and "Ligne 5\u202f: langue inconnue" in html
    assert "Rien n’a été importé" in html
    assert not Mediator.objects.exists()


def test_the_export_is_a_csv_download_of_every_entry(client, anna):
    mediator_make(regions=["be-vov"], offices=["gent"])
    mediator_make(accreditation_number="CFM-T-0202", last_name="Anciaux", active=False)
    client.force_login(anna)
    response = client.get(f"{LIST.format(language='nl')}export/")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mediators-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffaccreditation_body;") and "Anciaux" in text and "be-vov" in text


def test_an_entry_shows_both_amounts_and_cannot_be_deleted(client, anna):
    mediator = mediator_make()
    client.force_login(anna)
    html = client.get(f"{LIST.format(language='en')}{mediator.pk}/change/").content.decode()
    assert "100.00 EUR excluding VAT · 121.00 EUR including VAT (21%)" in html
    assert client.get(f"{LIST.format(language='en')}{mediator.pk}/delete/").status_code == 403


def test_an_entry_added_in_the_admin_follows_the_rules(client, anna):
    client.force_login(anna)
    data = {
        "first_name": "Koen",
        "last_name": "De Smet",
        "accreditation_body": "be_fmc",
        "accreditation_number": "CFM-T-0303",
        "speaks_nl": "on",
        "language": "nl",
        "email": "koen.desmet@mediation.example.org",
        "phone": "09 235 01 01",
        "hourly_rate": "90",
        "currency": "EUR",
        "vat_rate": "21",
        "accepting_new_cases": "on",
        "active": "on",
    }
    refused = client.post(f"{LIST.format(language='en')}add/", data)
    assert refused.status_code == 200 and "at least one type" in refused.content.decode()
    created = client.post(f"{LIST.format(language='en')}add/", {**data, "type_social": "on"})
    assert created.status_code == 302
    assert Mediator.objects.get().phone == "+3292350101"


@pytest.mark.parametrize("persona", ["maya", "ilse"])
def test_staff_other_than_administrators_reach_no_part_of_it(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for page in ("", "import/", "export/"):
        response = client.get(f"{LIST.format(language='en')}{page}", follow=True)
        assert response.redirect_chain[-1][0].startswith("/en/accounts/login/?next="), page
    assert not Mediator.objects.exists()
