"""What follows a case wherever its content is shown: the outbox, the mailbox, the member's link.

- the outbox lists and opens only the e-mails of the cases the viewer may work on, and the staff
  e-mails addressed to them; the mailbox likewise, except messages filed on no case;
- no staff page and no download shows a member's private link or a reply address's signature;
- the member's link is the member's alone: a signed-in member of staff is refused;
- every read of a case's content (an e-mail, a raw message, a list) is in AccessLog;
- a case, e-mail, message or document the viewer may not see answers 404, like a missing one.
"""

import email
import re
from email import policy

import pytest
from django.urls import reverse
from django.utils import translation

from accord.cases.links import case_reply_address, member_token, member_url
from accord.cases.models import AccessLog, Case
from accord.cases.permissions import Actor
from accord.cases.services import conflict_declare, staff_message_send
from accord.cases.workflow import case_transition
from accord.conftest import pdf_upload
from accord.mailbox.models import InboundEmail, InboundState
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.notifications.models import Audience, OutboundEmail
from accord.notifications.services import staff_email_queue

UNPARSEABLE = b"\r\nno header at all\r\n"


@pytest.fixture
def conflicted(make_case, marie, maya, pierre):
    """Marie's case, on which Maya declared a conflict (it went to Pierre), with a reply by e-mail."""
    case = make_case(marie, attachments=[pdf_upload("releve.pdf")])
    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    staff_message_send(case=case, user=maya, body="Pouvez-vous nous envoyer le relevé ?", attachments=[])
    ack = case.emails.get(template="acknowledgement")
    inbound_email_receive(raw=mails.gmail_reply(ack=ack))
    conflict_declare(case=case, user=maya, reason="Marie Lambert est ma belle-sœur.")
    return Case.objects.get(pk=case.pk)


def secrets_of(case):
    """What must never reach a member of staff: the link's signature and the reply address's."""
    token = member_token(case)
    reply = case_reply_address(case)
    return [token.rsplit("-", 1)[1], reply.split("@")[0].rsplit("-", 1)[1]]


def assert_no_secret(content: bytes | str, case):
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    for secret in secrets_of(case):
        assert secret not in text


def assert_same_answer(hidden, missing, hidden_key, missing_key):
    """The same status and the same page, but for the address itself (echoed by the language
    switcher) and the CSRF token."""
    assert hidden.status_code == missing.status_code == 404

    def normal(response, key):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return text.replace(f"/{key}/", "/KEY/")

    assert normal(hidden, hidden_key) == normal(missing, missing_key)


# --- The outbox ---------------------------------------------------------------------------


def test_a_mediator_with_a_conflict_no_longer_sees_the_cases_emails_in_the_outbox(client, conflicted, maya, pierre):
    emails = list(OutboundEmail.objects.filter(case=conflicted))
    assert len(emails) >= 3
    client.force_login(maya)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert conflicted.reference not in page
    missing = client.get(reverse("notifications:email", kwargs={"email_id": 999999}))
    for e in emails:
        response = client.get(reverse("notifications:email", kwargs={"email_id": e.pk}))
        assert_same_answer(response, missing, e.pk, 999999)
    assert not AccessLog.objects.filter(case=conflicted, user=maya).exists()

    client.force_login(pierre)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert conflicted.reference in page
    assert client.get(reverse("notifications:email", kwargs={"email_id": emails[0].pk})).status_code == 200


def test_opening_an_email_of_a_case_is_a_read_of_the_case(client, conflicted, pierre):
    e = conflicted.emails.get(template="acknowledgement")
    client.force_login(pierre)
    assert client.get(reverse("notifications:email", kwargs={"email_id": e.pk})).status_code == 200
    log = AccessLog.objects.get(case=conflicted, user=pierre, action="email_view")
    assert log.detail == f"email {e.pk}" and log.ip_address == "127.0.0.1"


def test_the_outbox_never_shows_the_members_link_or_the_reply_address(client, conflicted, pierre):
    client.force_login(pierre)
    token = member_token(conflicted)
    case_id, version, _ = token.split("-", 2)
    for e in conflicted.emails.filter(audience="member"):
        assert token in e.body_text  # the member's e-mail does carry it
        response = client.get(reverse("notifications:email", kwargs={"email_id": e.pk}), HTTP_ACCEPT_LANGUAGE="en")
        assert_no_secret(response.content, conflicted)
        page = response.content.decode()
        assert f"/my-case/{case_id}-{version}-••••/" in page
        assert f"+c{conflicted.pk}-••••@" in page
    assert_no_secret(client.get(reverse("notifications:outbox")).content, conflicted)


def test_a_staff_email_is_its_addressees_alone(client, make_case, jan, maya, pierre, ilse):
    case = make_case(jan)
    reminder = staff_email_queue(user=maya, template="reminder", context=_reminder_context(case), case=case)
    assert reminder.audience == Audience.STAFF
    url = reverse("notifications:email", kwargs={"email_id": reminder.pk})
    client.force_login(pierre)
    assert client.get(url).status_code == 404
    assert reminder.subject not in client.get(reverse("notifications:outbox")).content.decode()
    client.force_login(maya)
    assert client.get(url).status_code == 200
    assert reminder.subject in client.get(reverse("notifications:outbox")).content.decode()
    # Once she declares a conflict, even her own reminder about the case is closed to her.
    conflict_declare(case=case, user=maya, reason="Je connais Jan Peeters.")
    assert client.get(url).status_code == 404


def _reminder_context(case):
    from accord.cases.models import Deadline

    deadline = Deadline.objects.filter(case=case).order_by("due_date").first()
    return {"deadline": deadline, "case_url": f"http://accord.test/en/staff/cases/{case.reference}/"}


@pytest.mark.parametrize("who", ["ilse", "anna"])
def test_intake_and_administrators_get_no_outbox_and_no_email(client, request, who, conflicted):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("notifications:outbox")).status_code == 403
    e = conflicted.emails.first()
    assert client.get(reverse("notifications:email", kwargs={"email_id": e.pk})).status_code == 404


# --- The mailbox --------------------------------------------------------------------------


def test_a_mediator_with_a_conflict_no_longer_sees_the_cases_incoming_mail(client, conflicted, maya, pierre):
    reply = InboundEmail.objects.get(case=conflicted)
    failed = inbound_email_receive(raw=UNPARSEABLE, source="test").inbound
    client.force_login(maya)
    page = client.get("/en/staff/mailbox/?show=all").content.decode()
    assert conflicted.reference not in page and reply.subject not in page
    missing = client.get("/en/staff/mailbox/999999/raw/")
    assert missing.status_code == 404
    response = client.get(f"/en/staff/mailbox/{reply.pk}/raw/")
    assert_same_answer(response, missing, reply.pk, 999999)
    assert client.post(f"/en/staff/mailbox/{reply.pk}/retry/").status_code == 404
    # A message filed on no case is every mediator's to deal with.
    assert client.get(f"/en/staff/mailbox/{failed.pk}/raw/").status_code == 200
    assert "no header found" in client.get("/en/staff/mailbox/").content.decode()
    assert not AccessLog.objects.filter(case=conflicted, user=maya).exists()

    client.force_login(pierre)
    assert conflicted.reference in client.get("/en/staff/mailbox/?show=all").content.decode()
    assert client.get(f"/en/staff/mailbox/{reply.pk}/raw/").status_code == 200


def test_downloading_a_raw_message_is_a_read_of_its_case(client, conflicted, pierre):
    reply = InboundEmail.objects.get(case=conflicted)
    client.force_login(pierre)
    assert client.get(f"/en/staff/mailbox/{reply.pk}/raw/").status_code == 200
    log = AccessLog.objects.get(case=conflicted, user=pierre, action="mail_download")
    assert log.detail == f"inbound {reply.pk}"


def test_the_raw_message_masks_the_members_link_and_the_reply_address_however_encoded(client, conflicted, pierre):
    reply = InboundEmail.objects.get(case=conflicted)
    raw = bytes(reply.raw)
    decoded = email.message_from_bytes(raw, policy=policy.default)
    # The member's reply does hold both: the reply address in To, the link in quoted-printable text.
    assert case_reply_address(conflicted) in str(decoded["To"])
    assert member_token(conflicted) in decoded.get_body(("plain",)).get_content()
    assert member_token(conflicted).encode() not in raw  # cut by quoted-printable's soft line breaks

    client.force_login(pierre)
    download = client.get(f"/en/staff/mailbox/{reply.pk}/raw/").content
    assert_no_secret(download, conflicted)
    served = email.message_from_bytes(download, policy=policy.default)
    assert_no_secret(str(served["To"]), conflicted)
    for part in served.walk():
        if part.get_content_maintype() == "text":
            assert_no_secret(part.get_content(), conflicted)
    text = served.get_body(("plain",)).get_content()
    assert "Voici le relevé bancaire" in text and f"/my-case/{conflicted.pk}-1-••••/" in text
    assert served["Message-ID"] == decoded["Message-ID"] and served["From"] == decoded["From"]


def test_a_raw_message_without_secrets_is_served_byte_for_byte(client, maya):
    raw = mails.new_complaint()
    inbound = inbound_email_receive(raw=raw, source="test").inbound
    client.force_login(maya)
    assert client.get(f"/en/staff/mailbox/{inbound.pk}/raw/").content == raw


def test_the_mailbox_page_masks_a_reply_address_shown_in_a_reason(client, conflicted, pierre):
    inbound = inbound_email_receive(raw=UNPARSEABLE, source="test").inbound
    InboundEmail.objects.filter(pk=inbound.pk).update(
        reason=f"refused by {case_reply_address(conflicted)}", subject=member_url(conflicted)
    )
    client.force_login(pierre)
    page = client.get("/en/staff/mailbox/")
    assert inbound.pk and InboundEmail.objects.get(pk=inbound.pk).state == InboundState.FAILED
    assert_no_secret(page.content, conflicted)
    assert f"+c{conflicted.pk}-••••@" in page.content.decode()


# --- The case page ------------------------------------------------------------------------


def test_the_case_page_masks_the_link_quoted_in_a_members_emailed_reply(client, conflicted, pierre):
    client.force_login(pierre)
    page = client.get(reverse("cases:detail", kwargs={"reference": conflicted.reference}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Voici le relevé bancaire" in text
    assert_no_secret(text, conflicted)
    assert f"/my-case/{conflicted.pk}-1-••••/" in text


def test_masking_keeps_the_case_number_and_link_version_readable():
    from accord.cases.links import secrets_mask

    assert secrets_mask("http://x/fr/my-case/12-3-" + "a" * 40 + "/") == "http://x/fr/my-case/12-3-••••/"
    assert secrets_mask("accord+c12-0123456789ab@accord.test") == "accord+c12-••••@accord.test"
    assert secrets_mask("Facture 2026-03-15, ACC-2026-000012") == "Facture 2026-03-15, ACC-2026-000012"


# --- The member's link is the member's alone -----------------------------------------------


@pytest.mark.parametrize("who", ["maya", "pierre", "ilse", "anna"])
def test_a_signed_in_member_of_staff_cannot_use_a_members_link(client, request, who, conflicted):
    from accord.cases.models import Document

    user = request.getfixturevalue(who)
    token = member_token(conflicted)
    client.force_login(user)
    messages_before = conflicted.messages.count()
    with translation.override("fr"):
        response = client.get(reverse("public:member_case", kwargs={"token": token}))
    assert response.status_code == 403
    page = response.content.decode()
    assert "pages du personnel" in page  # in the staff member's language
    assert conflicted.reference not in page and conflicted.subject not in page
    document = Document.objects.get(case=conflicted, original_name="releve.pdf")
    url = reverse("public:member_document", kwargs={"token": token, "document_id": document.pk})
    assert client.get(url).status_code == 403
    assert client.post(reverse("public:member_reply", kwargs={"token": token}), {"body": "Hop"}).status_code == 403
    withdraw = client.post(reverse("public:member_withdraw", kwargs={"token": token}), {"confirm": "on"})
    assert withdraw.status_code == 403
    conflicted.refresh_from_db()
    assert conflicted.status != "withdrawn" and conflicted.messages.count() == messages_before
    assert not AccessLog.objects.filter(case=conflicted, by_member=True).exists()
    # Signed out, the member's link works as before.
    client.logout()
    assert client.get(reverse("public:member_case", kwargs={"token": token})).status_code == 200


# --- 404 for what one may not see -----------------------------------------------------------


@pytest.mark.parametrize("who", ["maya", "bruno", "anna"])
def test_a_case_one_may_not_see_answers_exactly_like_a_missing_one(client, request, who, conflicted, ilse):
    from accord.cases.models import Document

    Case.objects.filter(pk=conflicted.pk).update(recorded_by=ilse)
    client.force_login(request.getfixturevalue(who))
    missing = client.get(reverse("cases:detail", kwargs={"reference": "ACC-2099-999999"}))
    assert missing.status_code == 404
    hidden = client.get(reverse("cases:detail", kwargs={"reference": conflicted.reference}))
    assert_same_answer(hidden, missing, conflicted.reference, "ACC-2099-999999")
    document = Document.objects.filter(case=conflicted).first()
    ref = {"reference": conflicted.reference}
    for url in (
        reverse("cases:document", kwargs={**ref, "document_id": document.pk}),
        reverse("cases:message", kwargs=ref),
        reverse("cases:link", kwargs=ref),
        reverse("cases:step", kwargs={**ref, "name": "withdraw"}),
    ):
        response = client.get(url) if "documents" in url else client.post(url, {"body": "x", "confirm": "on"})
        assert response.status_code == 404, url
    conflicted.refresh_from_db()
    assert conflicted.link_version == 1


# --- Lists are reads too --------------------------------------------------------------------


def test_the_queue_records_a_read_of_each_case_it_lists(client, make_case, marie, jan, maya, pierre):
    cases = [make_case(marie), make_case(jan)]
    conflict_declare(case=cases[1], user=maya, reason="Voisin.")
    client.force_login(maya)
    assert client.get(reverse("cases:queue")).status_code == 200
    logged = set(AccessLog.objects.filter(user=maya, action="list", detail="queue").values_list("case_id", flat=True))
    assert logged == {cases[0].pk}
