"""When the database is down or locked, people get a translated page saying so, with their text to copy."""

from html import unescape

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation
from django.utils.html import escape

import config.urls
from accord.cases.links import member_url
from accord.cases.models import Case
from accord.core.views import server_error
from accord.public.tests.test_complaint_form import form
from accord.testing.database import database_unreachable, write_lock_held

UNAVAILABLE = "Accord is unavailable for a moment"
SERVER_ERROR = "Something went wrong on our side"
DESCRIPTION = 'Ma facture </textarea><script>alert("x")</script> & le reste.'


def tr(language, text):
    with translation.override(language):
        translated = translation.gettext(text)
    if language != "en":
        assert translated != text, f"no {language} translation for {text!r}"
    return translated


def _boom(request):
    raise RuntimeError("a bug")


# A URLconf with a view that crashes, for the 500 page (handler500 is the project's).
urlpatterns = [*config.urls.urlpatterns, *i18n_patterns(path("boom/", _boom))]
handler500 = config.urls.handler500


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_form_posted_while_the_database_is_down_answers_503_with_the_text_to_copy(client, tmp_path, language):
    data = form(subject="Facture de mars", description=DESCRIPTION, phone="+32 470 99 88 77")
    with database_unreachable(tmp_path):
        response = client.post(f"/{language}/complaint/", data)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert tr(language, UNAVAILABLE) in unescape(page)
    assert tr(language, "Keep a copy of what you wrote") in unescape(page)
    # The member's own words, escaped, read-only; no other field is echoed.
    assert 'id="kept-description" readonly' in page and escape(DESCRIPTION) in page
    assert "<script>alert" not in page
    assert 'id="kept-subject" readonly' in page and "Facture de mars" in page
    assert "sarah.smith@example.org" not in page and "470 99 88 77" not in page
    assert "Server Error" not in page


@pytest.mark.django_db
def test_a_page_read_while_the_database_is_down_answers_503_without_any_text(client, tmp_path):
    with database_unreachable(tmp_path):
        response = client.get("/nl/complaint/")
    assert response.status_code == 503
    page = response.content.decode()
    assert tr("nl", UNAVAILABLE) in unescape(page) and "kept-" not in page


@pytest.mark.django_db
def test_the_members_reply_is_kept_on_screen_when_the_database_is_down(client, tmp_path, jan, make_case):
    case = make_case(jan)
    reply = member_url(case).split("://", 1)[1].split("/", 1)[1]
    with database_unreachable(tmp_path):
        response = client.post(f"/{reply}reply/", {"body": "Hier is mijn antwoord."})
    assert response.status_code == 503
    page = response.content.decode()
    assert 'id="kept-body" readonly' in page and "Hier is mijn antwoord." in page
    assert tr("nl", UNAVAILABLE) in unescape(page)


@pytest.mark.django_db
def test_the_api_answers_503_in_its_own_error_shape(client, tmp_path):
    with database_unreachable(tmp_path):
        response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION="Token abc", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert error["message"] == tr("fr", "The service is unavailable for a moment. Please try again shortly.")


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_is_not_shown_as_too_many_complaints(client):
    """The rate limit counts in the database cache: when it cannot count, that is the database failing."""
    with write_lock_held(tables=("accord_cache", "cases_case", "people_person")):
        response = client.post("/fr/complaint/", form(description="Texte à garder."))
    assert response.status_code == 503, response.status_code
    page = response.content.decode()
    assert tr("fr", UNAVAILABLE) in unescape(page) and "Texte à garder." in page
    assert tr("fr", "Your complaint has not been sent yet") not in unescape(page)
    assert not Case.objects.exists()
    # The lock released, the same post goes through.
    assert client.post("/fr/complaint/", form()).status_code == 302


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_bug_answers_the_translated_500_page_not_a_bare_server_error(language):
    response = Client(raise_request_exception=False).get(f"/{language}/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert tr(language, SERVER_ERROR) in unescape(page) and "Server Error (500)" not in page
    assert "Retry-After" not in response


def test_a_database_error_outside_a_view_is_a_503_too():
    """handler500 sees the exception (a middleware saving the session, say) and tells a database failure apart."""
    request = RequestFactory().get("/nl/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert tr("nl", UNAVAILABLE) in unescape(response.content.decode())


@pytest.mark.django_db
def test_what_a_counsellor_typed_for_a_member_is_kept_too(client, tmp_path, ilse):
    """The staff session is read (in a middleware, before the URL is resolved) from the database that is
    down: handler500 answers, and still finds the view's kept fields."""
    client.force_login(ilse)
    client.raise_request_exception = False
    with database_unreachable(tmp_path):
        response = client.post(
            "/fr/staff/record/", {"name": "Marie", "subject": "Appel du jour", "description": "Elle a dit ceci."}
        )
    assert response.status_code == 503
    page = response.content.decode()
    assert 'id="kept-description" readonly' in page and "Elle a dit ceci." in page and "Appel du jour" in page
