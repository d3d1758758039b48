"""The intake form: what a counsellor sees when recording a complaint received elsewhere."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from accord.cases.models import Case, Channel, EventKind
from accord.cases.services import complaint_receive


def _post(client, **changes):
    data = {
        "channel": Channel.PHONE,
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "received_by": "Ilse Claes",
        "name": "Luc Martin",
        "email": "",
        "phone": "+32 471 23 45 67",
        "member_number": "",
        "language": "fr",
        "office": "brussels",
        "subject": "Conseiller injoignable",
        "description": "M. Martin n'arrive pas à joindre son conseiller depuis trois semaines.",
    }
    data.update(changes)
    return client.post("/en/staff/record/", data)


def test_the_date_received_defaults_to_now(client, ilse):
    client.force_login(ilse)
    form = client.get("/en/staff/record/").context["form"]
    initial = form.initial["received_at"]
    assert abs(initial - timezone.now()) < timedelta(minutes=1)
    assert timezone.localtime(initial).strftime("%Y-%m-%dT%H:%M") in form["received_at"].value().strftime(
        "%Y-%m-%dT%H:%M"
    )


def test_the_staff_form_says_office_not_your_office_and_offers_no_api_channel(client, ilse):
    client.force_login(ilse)
    with translation.override("fr"):
        form = client.get("/fr/staff/record/").context["form"]
        assert str(form.fields["office"].label) == "Bureau"
    channels = {value for value, label in form.fields["channel"].choices}
    assert Channel.API not in channels and Channel.WEB not in channels
    assert Channel.PHONE in channels


def test_without_an_email_the_form_warns_and_says_no_e_mail_will_reach_the_member(client, ilse):
    client.force_login(ilse)
    page = client.get("/en/staff/record/").content.decode()
    assert "Without one the member gets no e-mail" in page
    response = _post(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "no e-mail address" in page
    assert "call them to give the reference" in page and Case.objects.get().reference in page
    assert "Print an acknowledgement letter" in page


def test_the_same_complaint_recorded_twice_within_minutes_asks_to_confirm(client, ilse):
    client.force_login(ilse)
    assert _post(client).status_code == 302
    first = Case.objects.get()
    response = _post(client, description="M. Martin n'arrive pas à joindre son conseiller depuis 3 semaines.")
    assert response.status_code == 400
    assert first.reference in response.content.decode()
    assert Case.objects.count() == 1
    response = _post(client, duplicate_confirmed="on")
    assert response.status_code == 302
    assert Case.objects.count() == 2


def test_a_different_complaint_of_the_same_person_is_no_duplicate(client, ilse):
    client.force_login(ilse)
    assert _post(client).status_code == 302
    assert _post(client, subject="Facture", description="Ma facture de mars est fausse.").status_code == 302
    assert Case.objects.count() == 2


def test_an_earlier_complaint_long_ago_is_no_duplicate(client, ilse, settings):
    client.force_login(ilse)
    assert _post(client).status_code == 302
    Case.objects.update(created_at=timezone.now() - timedelta(minutes=settings.ACCORD_DUPLICATE_MINUTES + 1))
    assert _post(client).status_code == 302


def test_an_api_channel_posted_to_the_form_is_refused(client, ilse):
    client.force_login(ilse)
    assert _post(client, channel=Channel.API).status_code == 400
    assert not Case.objects.exists()


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.API, Channel.PHONE])
def test_every_channel_refuses_a_complaint_without_a_way_to_reach_the_member(db, channel):
    from accord.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        complaint_receive(
            complainant={"name": "Luc Martin", "email": "", "phone": "", "member_number": "", "language": "fr"},
            channel=channel,
            subject="S",
            description="D",
            language="fr",
        )
    assert not Case.objects.exists()


def test_the_received_event_is_on_the_timeline(client, ilse):
    client.force_login(ilse)
    _post(client)
    assert Case.objects.get().events.filter(kind=EventKind.CREATED).exists()
