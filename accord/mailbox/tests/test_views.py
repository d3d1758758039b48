"""The mailbox page (/<lang>/staff/mailbox/): mediators only, the unfiled messages with the reason."""

import pytest

from accord.mailbox.models import InboundEmail, InboundState
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails

UNPARSEABLE = b"\r\nno header at all\r\n"


@pytest.fixture
def failed(db):
    return inbound_email_receive(raw=UNPARSEABLE, source="test").inbound


@pytest.fixture
def filed(db):
    return inbound_email_receive(raw=mails.new_complaint(), source="test").inbound


def test_a_mediator_sees_the_messages_to_deal_with_and_not_the_filed_ones(client, maya, failed, filed):
    client.force_login(maya)
    response = client.get("/fr/staff/mailbox/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Impossible de lire le message." in page and "no header found" in page
    assert filed.subject not in page
    everything = client.get("/fr/staff/mailbox/?show=all").content.decode()
    assert filed.case.reference in everything


def test_the_page_speaks_the_mediators_language(client, maya, failed):
    client.force_login(maya)
    assert "Het bericht kon niet worden gelezen." in client.get("/nl/staff/mailbox/").content.decode()


@pytest.mark.parametrize("who", ["ilse", "anna"])
def test_only_mediators_see_the_mailbox(client, request, who, failed):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/staff/mailbox/").status_code == 403
    # A message is answered as absent to whoever may not read it.
    assert client.get(f"/en/staff/mailbox/{failed.pk}/raw/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, failed):
    response = client.get("/en/staff/mailbox/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_raw_message_is_a_download(client, maya, failed):
    client.force_login(maya)
    response = client.get(f"/en/staff/mailbox/{failed.pk}/raw/")
    assert response.status_code == 200 and response.content == UNPARSEABLE
    assert response["Content-Disposition"].startswith("attachment")


def test_trying_again_files_a_message_that_failed(client, maya, failed):
    InboundEmail.objects.filter(pk=failed.pk).update(raw=mails.new_complaint())
    client.force_login(maya)
    response = client.post(f"/en/staff/mailbox/{failed.pk}/retry/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == InboundState.NEW_CASE and failed.case is not None


def test_the_case_page_folds_the_quoted_history_of_an_emailed_reply(client, maya, marie, make_case):
    case = make_case(marie)
    ack = case.emails.get(template="acknowledgement")
    inbound_email_receive(raw=mails.gmail_reply(ack=ack))
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Voici le relevé bancaire" in page
    assert "<details" in page and "a écrit" in page.split("<details", 1)[1]


def test_both_cases_name_each_other_when_a_stranger_quotes_a_reference(client, maya, marie, make_case):
    case = make_case(marie)
    other = inbound_email_receive(raw=mails.stranger_quoting(reference=case.reference)).inbound.case
    client.force_login(maya)
    page = client.get(f"/fr/staff/cases/{other.reference}/").content.decode()
    assert f'<a href="/fr/staff/cases/{case.reference}/">{case.reference}</a>' in page
    assert (
        "citait la référence du dossier d’une autre personne" in page
        or "citait la référence du dossier d'une autre personne" in page
    )
    page = client.get(f"/fr/staff/cases/{case.reference}/").content.decode()
    assert f'<a href="/fr/staff/cases/{other.reference}/">{other.reference}</a>' in page
