"""A NUL byte anywhere a user can type is a 400 or a 404 in their language, never a 500 (issue 6, item 4).

PostgreSQL refuses U+0000 in text: before the fix a NUL in a query parameter or a URL reached
the database and answered 500. The request middleware answers 400 to a NUL in the path or the
query string (the API's error shape under /api/); forms refuse it field by field; uploaded file
names and cookies are cleaned or ignored. Run on SQLite and PostgreSQL.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accord.api.services import api_token_create
from accord.cases.models import Case, Document
from accord.conftest import PDF_BYTES
from accord.public.tests.test_complaint_form import form

pytestmark = pytest.mark.django_db


def bad_request_text(language: str) -> str:
    with translation.override(language):
        return translation.gettext("The address or the form contains a character that is not allowed (a NUL byte).")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize(
    "path",
    ["/{lang}/staff/?q=x%00y", "/{lang}/staff/cases/ACC%00/", "/{lang}/staff/?status=%00", "/{lang}/staff/%00/"],
)
def test_a_nul_in_a_staff_address_is_a_400_in_the_users_language(client, maya, path, language):
    client.force_login(maya)
    response = client.get(path.format(lang=language))
    assert response.status_code == 400
    assert bad_request_text(language) in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize(
    "path", ["/{lang}/complaint/sent/ACC%00/", "/{lang}/my-case/1-1-%00/", "/{lang}/?x=%00", "/{lang}/complaint/%00"]
)
def test_a_nul_in_a_public_address_is_a_400_in_the_users_language(client, path, language):
    response = client.get(path.format(lang=language))
    assert response.status_code == 400
    assert bad_request_text(language) in response.content.decode()


def test_a_nul_in_an_address_without_a_language_prefix_is_a_400_not_a_500(client):
    assert client.get("/healthz?x=%00").status_code == 400
    assert client.get("/%00").status_code == 400


@pytest.mark.parametrize(
    "path", ["/api/v1/cases/ACC%00/", "/api/v1/cases/?status=%00", "/api/v1/cases/?page=%00", "/api/v1/%00"]
)
def test_a_nul_in_an_api_address_is_a_400_in_the_apis_error_shape(client, maya, path):
    token = api_token_create(user=maya)
    response = client.get(path, HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"code": "nul_character", "message": bad_request_text("nl")}}


def test_a_nul_in_a_posted_public_form_field_keeps_the_text_and_says_which_field(client):
    response = client.post("/fr/complaint/", form(subject="Facture\x00 de mars", description="Ma facture\x00"))
    assert response.status_code == 400
    page = response.content.decode()
    with translation.override("fr"):
        assert translation.gettext("Null characters are not allowed.") in page
    assert "Ma facture" in page
    assert not Case.objects.exists()


def test_a_nul_in_a_posted_staff_field_is_refused_not_a_500(client, maya):
    client.force_login(maya)
    response = client.post("/en/staff/record/", {"name": "Marie\x00", "subject": "x", "description": "y"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_a_nul_in_an_uploaded_files_name_is_removed_and_the_complaint_filed(client):
    upload = SimpleUploadedFile("facture\x00.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post("/en/complaint/", {**form(), "attachments": [upload]})
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert "\x00" not in document.original_name and document.original_name.endswith(".pdf")


def test_a_nul_in_the_session_cookie_is_a_400_not_a_500(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/fr/")
    assert response.status_code == 400 and bad_request_text("fr") in response.content.decode()
    del client.cookies["sessionid"]
    assert client.get("/fr/").status_code == 200


def test_a_nul_in_a_header_is_a_400_not_a_500(client, maya):
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="fr\x00").status_code == 400
    response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION="Token abc\x00def", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "nul_character", "message": bad_request_text("nl")}}


NUL_TEXT = {"body": "Bon\x00jour", "reason": "Parce\x00que", "message": "Mes\x00sage", "days": "5", "mediator": "1"}


@pytest.mark.parametrize("action", ["message", "note", "conflict", "step/refuse"])
def test_a_nul_in_any_staff_case_form_is_a_400_on_the_form_not_a_500(client, maya, make_case, marie, action):
    case = make_case(marie)
    status = case.status
    client.force_login(maya)
    prefix = f"{action.split('/')[1]}-" if action.startswith("step/") else ""
    data = {f"{prefix}{key}": value for key, value in NUL_TEXT.items()} | {f"{prefix}ground": "not_member"}
    response = client.post(f"/en/staff/cases/{case.reference}/{action}/", data)
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    case.refresh_from_db()
    assert case.status == status and case.messages.count() == 0 and not case.notes.exists()


def test_a_nul_in_the_extension_form_is_a_400_not_a_500(client, maya, make_case, marie):
    case = make_case(marie)
    client.force_login(maya)
    assert client.post(f"/en/staff/cases/{case.reference}/extend/", NUL_TEXT).status_code == 400


def test_a_nul_in_the_login_form_is_refused_not_a_500(client, maya):
    response = client.post("/fr/accounts/login/", {"username": "maya\x00", "password": "x\x00y"})
    assert response.status_code == 200  # Django's login page re-shows the form with its errors
    with translation.override("fr"):
        assert translation.gettext("Null characters are not allowed.") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_nul_in_a_members_reply_is_refused_not_a_500(client, make_case, marie):
    from accord.cases.links import member_token

    case = make_case(marie)
    response = client.post(f"/fr/my-case/{member_token(case)}/reply/", {"body": "Mer\x00ci"})
    assert response.status_code == 400
    assert case.messages.filter(direction="from_member").count() == 0
