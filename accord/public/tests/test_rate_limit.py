"""The public form's rate limit: counts only valid complaints, per real client behind the proxy, and never a dead end."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape

from accord.cases.links import member_url
from accord.cases.models import AccessLog, Case
from accord.public.tests.test_complaint_form import form

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _limit(settings):
    # The rate limit counts in the database cache, which transactional (browser) tests do not flush.
    cache.clear()
    settings.ACCORD_COMPLAINT_RATE = "2/h"
    settings.ACCORD_CONTACT_PHONE = ""
    settings.ACCORD_CONTACT_EMAIL = ""
    settings.ACCORD_CONTACT_ADDRESS = ""
    settings.ACCORD_CONTACT_HOURS = ""


def post(client, page="en", meta=None, **overrides):
    return client.post(f"/{page}/complaint/", form(**overrides), **(meta or {}))


def test_invalid_posts_do_not_count(client):
    for _ in range(5):
        assert post(client, consent="").status_code == 400
    assert post(client, subject="First").status_code == 302
    assert post(client, subject="Second").status_code == 302
    limited = post(client, subject="Third")
    assert limited.status_code == 429 and 0 < int(limited["Retry-After"]) <= 3600
    assert Case.objects.count() == 2


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client):
    for n in range(2):
        assert post(client, subject=f"C{n}", meta={"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}).status_code == 302
    assert post(client, meta={"HTTP_X_FORWARDED_FOR": "198.51.100.9"}).status_code == 429


def test_behind_the_trusted_proxy_each_member_has_their_own_limit(client, settings):
    settings.ACCORD_TRUSTED_PROXIES = "1"
    alice = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    bob = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert post(client, meta=alice).status_code == 302
    assert post(client, meta=alice).status_code == 302
    assert post(client, meta=alice).status_code == 429
    # What the client writes on the left of the header does not make a new person of them.
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1"}
    assert post(client, meta=forged).status_code == 429
    assert post(client, meta=bob).status_code == 302
    assert Case.objects.count() == 3


def test_the_trusted_proxy_can_be_named_by_its_network(client, settings):
    settings.ACCORD_TRUSTED_PROXIES = "10.0.0.0/8"
    for n in range(2):
        meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        assert post(client, subject=f"C{n}", meta=meta).status_code == 302
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert post(client, meta=other).status_code == 302


def test_the_member_page_records_the_clients_address_behind_the_proxy(client, settings, sarah, make_case):
    settings.ACCORD_TRUSTED_PROXIES = "1"
    case = make_case(sarah)
    client.get(member_url(case), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessLog.objects.get(case=case, action="member_view").ip_address == "198.51.100.7"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_at_the_limit_the_form_comes_back_with_everything_typed_and_why(client, language):
    for n in range(2):
        post(client, page=language, subject=f"C{n}")
    description = "Ma facture <b>de mars</b> & « le reste »\nsur deux lignes."
    response = post(client, page=language, subject="Facture n°3", description=description, name="Zoé Martin")
    assert response.status_code == 429
    page = response.content.decode()
    with translation.override(language):
        expected = translation.gettext("Your complaint has not been sent yet")
    if language != "en":
        assert expected != "Your complaint has not been sent yet", f"no {language} translation"
    assert expected in unescape(page)
    assert escape(description) in page and "<b>de mars</b>" not in page
    assert 'value="Facture n°3"' in page and 'value="Zoé Martin"' in page
    assert 'value="sarah.smith@example.org"' in page
    assert 'name="consent" checked' in page or "checked" in page
    assert Case.objects.count() == 2


def test_the_limit_page_promises_only_the_ways_in_that_are_configured(client, settings):
    for n in range(2):
        post(client, subject=f"C{n}")
    page = post(client).content.decode()
    assert "tel:" not in page and "mailto:" not in page and "Other ways to reach us" not in page
    settings.ACCORD_CONTACT_PHONE = "+32 2 123 45 67"
    settings.ACCORD_CONTACT_HOURS = "Mon–Fri 9:00–12:00"
    settings.ACCORD_CONTACT_EMAIL = "accord@coop.example"
    settings.ACCORD_CONTACT_ADDRESS = "Rue de la Coopération 1, 1000 Bruxelles"
    page = post(client).content.decode()
    assert 'href="tel:+3221234567"' in page and "+32 2 123 45 67" in page and "Mon–Fri 9:00–12:00" in page
    assert 'href="mailto:accord@coop.example"' in page
    assert "Rue de la Coopération 1, 1000 Bruxelles" in page


def _answer(page: str) -> tuple[str, str]:
    token = re.search(r'name="challenge-token" value="([^"]+)"', page).group(1)
    a, b = re.search(r"How much is (\d+) plus (\d+)\?", page).groups()
    return token, str(int(a) + int(b))


def test_a_person_goes_on_past_the_limit_by_answering_the_question(client):
    for n in range(2):
        post(client, subject=f"C{n}")
    page = post(client, subject="Third").content.decode()
    token, answer = _answer(page)
    response = post(client, subject="Third", **{"challenge-token": token, "challenge-answer": answer})
    assert response.status_code == 302
    assert Case.objects.filter(subject="Third").count() == 1


def test_a_wrong_answer_keeps_the_form_and_asks_again(client):
    for n in range(2):
        post(client, subject=f"C{n}")
    token, answer = _answer(post(client).content.decode())
    response = post(client, subject="Third", **{"challenge-token": token, "challenge-answer": str(int(answer) + 1)})
    assert response.status_code == 429
    page = response.content.decode()
    assert "That is not the right answer" in page and 'value="Third"' in page
    assert _answer(page)[0] != token
    assert Case.objects.count() == 2


def test_an_answered_question_cannot_be_used_twice_nor_forged(client):
    for n in range(2):
        post(client, subject=f"C{n}")
    token, answer = _answer(post(client).content.decode())
    assert post(client, **{"challenge-token": token, "challenge-answer": answer}).status_code == 302
    assert post(client, **{"challenge-token": token, "challenge-answer": answer}).status_code == 429
    assert post(client, **{"challenge-token": "forged:token", "challenge-answer": "2"}).status_code == 429
    assert Case.objects.count() == 3


def test_past_the_questions_own_limit_only_the_other_ways_in_are_offered(client, settings):
    settings.ACCORD_COMPLAINT_CHALLENGE_RATE = "1/h"
    settings.ACCORD_CONTACT_PHONE = "+32 2 123 45 67"
    for n in range(2):
        post(client, subject=f"C{n}")
    token, answer = _answer(post(client).content.decode())
    assert post(client, **{"challenge-token": token, "challenge-answer": answer}).status_code == 302
    page = post(client).content.decode()
    assert "challenge-token" not in page and "tel:+3221234567" in page


def test_a_question_collected_earlier_does_not_pass_beyond_the_questions_own_limit(client, settings):
    settings.ACCORD_COMPLAINT_CHALLENGE_RATE = "1/h"
    for n in range(2):
        post(client, subject=f"C{n}")
    first = _answer(post(client).content.decode())
    second = _answer(post(client).content.decode())
    assert post(client, **{"challenge-token": first[0], "challenge-answer": first[1]}).status_code == 302
    assert post(client, **{"challenge-token": second[0], "challenge-answer": second[1]}).status_code == 429
    assert Case.objects.count() == 3


def test_reading_the_form_is_never_limited_and_another_address_still_files(client):
    for n in range(3):
        post(client, subject=f"C{n}")
    assert client.get("/en/complaint/").status_code == 200
    assert post(client, meta={"REMOTE_ADDR": "192.0.2.7"}).status_code == 302


def test_the_limit_holds_for_its_whole_window_not_five_minutes(client):
    """Django's database cache re-sets a counter with its default timeout (300 s) on every increment: the
    counters live in their own cache whose timeout outlasts the longest window."""
    import time
    import zlib
    from datetime import UTC, datetime

    import time_machine

    hour = 3600
    now = int(time.time())
    offset = zlib.crc32(b"127.0.0.1") % hour  # django-ratelimit's per-client window edge
    start = now - (now % hour) + offset - hour
    with time_machine.travel(datetime.fromtimestamp(start + 5, tz=UTC), tick=False):
        assert post(client, subject="First").status_code == 302
        assert post(client, subject="Second").status_code == 302
    with time_machine.travel(datetime.fromtimestamp(start + 40 * 60, tz=UTC), tick=False):
        assert post(client, subject="Third, forty quiet minutes later").status_code == 429
    assert Case.objects.count() == 2
