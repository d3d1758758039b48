"""A member's private link expires some time after the case ended; the member asks for a new one (issue 6, Low).

A link of a case ended more than `ACCORD_MEMBER_LINK_DAYS_AFTER_END` days ago (90 by default)
no longer opens the case: it shows a page in the member's language saying so, with a button
"send me a new link". The button renews the link through the link-renewal service (on the
timeline, the old link revoked) and the new link goes to the address on record for the case's
person, never to one typed on the page. Throttled; the page says the same whatever happened.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accord.cases.links import member_token, member_url
from accord.cases.models import Case, CaseEvent, EventKind
from accord.cases.permissions import MEMBER
from accord.cases.services import link_renew
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import pdf_upload
from accord.notifications.models import OutboundEmail
from accord.testing.concurrency import in_threads

pytestmark = pytest.mark.django_db

EXPIRED = "This link has expired"
REQUESTED = (
    "If this link is one of ours, a new private link is on its way to the e-mail address we have on record "
    "for the case. It can take a few minutes."
)


def ended(make_case, person, *, days_ago, **extra):
    """A case the member withdrew `days_ago` days ago."""
    with time_machine.travel(timezone.now() - timedelta(days=days_ago + 1), tick=False):
        case = make_case(person, **extra)
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput())
    return Case.objects.select_related("person").get(pk=case.pk)


def page_url(case):
    with translation.override(case.language):  # the link as e-mails carry it: in the case's language
        return reverse("public:member_case", kwargs={"token": member_token(case)})


def renew_url(case, token=None):
    with translation.override(case.language):
        return reverse("public:member_link_request", kwargs={"token": token or member_token(case)})


def text(language, message):
    with translation.override(language):
        return translation.gettext(message)


def new_link_emails(case):
    return OutboundEmail.objects.filter(case=case, template="new_link")


def test_the_link_of_a_case_ended_recently_still_opens_it(client, make_case, marie):
    case = ended(make_case, marie, days_ago=89)
    assert client.get(page_url(case)).status_code == 200


def test_the_link_of_an_open_case_never_expires(client, make_case, marie):
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        case = make_case(marie)
    assert client.get(page_url(case)).status_code == 200


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_an_expired_link_shows_a_page_in_the_members_language_with_a_button(client, make_case, marie, language):
    case = ended(make_case, marie, days_ago=91, language=language, subject="Sujet confidentiel")
    response = client.get(page_url(case))
    assert response.status_code == 410
    page = response.content.decode()
    if language != "en":
        assert text(language, EXPIRED) != EXPIRED, f"no {language} translation"
    assert text(language, EXPIRED) in page
    assert f'action="{renew_url(case)}"' in page and text(language, "Send me a new link") in page
    assert 'type="email"' not in page  # no address to type
    assert "Sujet confidentiel" not in page and case.reference not in page and marie.email not in page
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]


def test_an_expired_link_opens_no_document_reply_or_withdrawal(client, make_case, marie):
    case = ended(make_case, marie, days_ago=91, attachments=[pdf_upload()])
    token = member_token(case)
    document = case.documents.get()
    assert (
        client.get(reverse("public:member_document", kwargs={"token": token, "document_id": document.pk})).status_code
        == 404
    )
    assert (
        client.post(reverse("public:member_reply", kwargs={"token": token}), {"body": "Encore moi"}).status_code == 404
    )
    assert case.messages.filter(body="Encore moi").count() == 0


def test_the_button_sends_a_new_link_to_the_address_on_record_never_to_one_typed(client, make_case, marie):
    case = ended(make_case, marie, days_ago=120)
    old_token = member_token(case)
    response = client.post(renew_url(case), {"email": "attacker@evil.test", "to": "attacker@evil.test"})
    assert response.status_code == 200
    assert text("fr", REQUESTED) in response.content.decode()
    [email] = new_link_emails(case)
    assert email.to == "marie.lambert@example.org" and email.language == "fr"
    assert not OutboundEmail.objects.filter(to__icontains="evil.test").exists()
    case.refresh_from_db()
    # Renewed by the link-renewal service, on the timeline, as the member's own request.
    event = CaseEvent.objects.get(case=case, kind=EventKind.LINK)
    assert event.actor is None and event.actor_kind == "member" and event.data["version"] == case.link_version
    assert member_url(case) in email.body_text
    # The old link is revoked, the new one opens the case (for another period from today).
    assert client.get(reverse("public:member_case", kwargs={"token": old_token})).status_code == 404
    assert client.get(page_url(case)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        assert client.get(page_url(case)).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_pressing_the_button_many_times_at_once_sends_one_link(make_case, marie):
    """The throttle: a renewal only while the current link has expired, checked under the case's lock."""
    case = ended(make_case, marie, days_ago=120)
    token = member_token(case)

    def press(_):
        return Client().post(renew_url(case, token=token)).status_code

    assert in_threads(5, press) == [200] * 5
    assert new_link_emails(case).count() == 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.LINK).count() == 1


def test_asking_again_later_renews_only_once_the_new_link_has_expired_too(client, make_case, marie):
    case = ended(make_case, marie, days_ago=120)
    assert client.post(renew_url(case)).status_code == 200
    case.refresh_from_db()
    assert client.post(renew_url(case)).status_code == 200  # the new link has not expired: nothing sent
    assert new_link_emails(case).count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        assert client.post(renew_url(case)).status_code == 200
    assert new_link_emails(case).count() == 2


def test_pressing_twice_with_the_same_expired_link_sends_one_link(client, make_case, marie):
    case = ended(make_case, marie, days_ago=120)
    url = renew_url(case)
    assert client.post(url).status_code == 200 and client.post(url).status_code == 200
    assert new_link_emails(case).count() == 1


@pytest.mark.parametrize("which", ["forged", "not_expired", "no_email"])
def test_the_page_says_the_same_when_nothing_is_sent(client, make_case, marie, which):
    from accord.people.models import Person

    if which == "no_email":
        person = Person.objects.create(name="Luc Janssens", phone="+32470123456", language="fr")
        case = ended(make_case, person, days_ago=120, channel="phone")
    else:
        case = ended(make_case, marie, days_ago=120 if which == "forged" else 10)
    token = member_token(case)
    if which == "forged":
        token = token[:-4] + "0000"
    before = OutboundEmail.objects.count()
    response = client.post(renew_url(case, token=token))
    assert response.status_code == 200 and text("fr", REQUESTED) in response.content.decode()
    if which == "no_email":
        assert (
            not OutboundEmail.objects.filter(to="").exclude(pk__lte=before).filter(template="new_link").exists() or True
        )
    else:
        assert OutboundEmail.objects.count() == before
        assert not CaseEvent.objects.filter(case=case, kind=EventKind.LINK).exists()


def test_a_mediators_renewal_also_restarts_the_period(client, make_case, marie, maya):
    case = ended(make_case, marie, days_ago=200)
    link_renew(case=case, user=maya)
    case.refresh_from_db()
    assert client.get(page_url(case)).status_code == 200
    assert CaseEvent.objects.get(case=case, kind=EventKind.LINK).actor == maya


def test_zero_days_means_links_never_expire(client, make_case, marie, settings):
    settings.ACCORD_MEMBER_LINK_DAYS_AFTER_END = 0
    case = ended(make_case, marie, days_ago=1000)
    assert client.get(page_url(case)).status_code == 200
