"""The description has a length cap on the forms, with the limit in the error; e-mail is never cut (issue 6, Low).

`ACCORD_DESCRIPTION_MAX_CHARS` (20,000 by default) bounds what is typed on the public form and
the staff intake form. The text is kept on the page to shorten (no `maxlength` attribute: a
browser would cut pasted text silently). An e-mail is the member's own words, kept whole
whatever its length.
"""

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape

from accord.cases.models import Case
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.public.tests.test_complaint_form import form

pytestmark = pytest.mark.django_db

TOO_LONG = (
    "The description has %(count)s characters; the limit is %(limit)s. Shorten it, or send the rest as a document."
)


def expected_error(language, *, count, limit):
    with translation.override(language):
        text = translation.gettext(TOO_LONG)
        return text % {
            "count": number_format(count, force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        }


def test_the_default_cap_is_twenty_thousand_characters():
    assert django_settings.ACCORD_DESCRIPTION_MAX_CHARS == 20000


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_description_over_the_cap_on_the_public_form_is_refused_with_the_limit_and_kept(client, settings, language):
    settings.ACCORD_DESCRIPTION_MAX_CHARS = 1000
    text = ("Mon long récit. " * 70).strip()  # 1,119 characters
    response = client.post(f"/{language}/complaint/", form(language=language, description=text))
    assert response.status_code == 400
    page = response.content.decode()
    error = expected_error(language, count=len(text), limit=1000)
    if language != "en":
        with translation.override(language):
            assert translation.gettext(TOO_LONG) != TOO_LONG, f"no {language} translation"
    assert escape(error) in page
    assert escape(text) in page  # kept on the page to shorten
    assert "maxlength" not in page.split('name="description"')[1].split(">")[0]
    assert not Case.objects.exists()
    assert client.post(f"/{language}/complaint/", form(language=language, description=text[:1000])).status_code == 302


def test_a_description_over_the_cap_on_the_intake_form_is_refused(client, settings, ilse):
    settings.ACCORD_DESCRIPTION_MAX_CHARS = 50
    client.force_login(ilse)
    data = {
        "channel": "phone",
        "received_at": "2026-03-03T10:00",
        "name": "Marie Lambert",
        "email": "marie@example.org",
        "language": "fr",
        "office": "brussels",
        "subject": "Facture",
        "description": "x" * 51,
    }
    response = client.post("/en/staff/record/", data)
    assert response.status_code == 400
    assert escape(expected_error("en", count=51, limit=50)) in response.content.decode()
    assert client.post("/en/staff/record/", {**data, "description": "x" * 50}).status_code == 302


def test_an_email_longer_than_the_cap_is_kept_whole(settings):
    settings.ACCORD_DESCRIPTION_MAX_CHARS = 1000
    body = "".join(
        f"Paragraphe {n} de ma longue réclamation, que je tiens à vous envoyer en entier.\n\n" for n in range(40)
    )
    inbound_email_receive(raw=mails.new_complaint(body=body))
    case = Case.objects.get()
    assert len(case.description) > 3000
    assert "Paragraphe 39 de ma longue réclamation" in case.description
