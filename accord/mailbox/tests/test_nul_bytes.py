"""A NUL byte in a message (header or body) never stops intake (issue 6, item 4).

PostgreSQL's text columns (and jsonb) refuse U+0000: before the fix such a message raised
DataError on every poll and blocked every later one. Each message is kept raw, its text is
stored without the NUL, and the messages after it are filed. Through the real Dovecot and
through `import_mail`, on SQLite and PostgreSQL.
"""

import mailbox as stdlib_mailbox

import pytest
from django.core.management import call_command

from accord.cases.models import Case
from accord.mailbox.models import InboundEmail, InboundState
from accord.mailbox.services import mailbox_poll_once
from accord.mailbox.sources import PROCESSED_KEYWORD
from accord.mailbox.tests import mails

pytestmark = pytest.mark.django_db

# NUL as it travels: encoded (an RFC 2047 word, quoted-printable) and as a raw byte.
ENCODED_SUBJECT = "=?utf-8?q?Facture=00_de_mars?="


def nul_in_subject(*, raw: bool) -> bytes:
    message = mails.new_complaint(
        sender="Paul Durand <paul.durand@example.net>", subject="SUBJECT-HERE", message_id="<nul-subject@example.net>"
    )
    return message.replace(b"SUBJECT-HERE", b"Facture\x00 de mars" if raw else ENCODED_SUBJECT.encode())


def nul_in_body(*, raw: bool) -> bytes:
    message = mails.new_complaint(
        sender="Luc Janssens <luc@example.be>", body="BODY-HERE\n", message_id="<nul-body@example.be>"
    )
    if raw:
        return message.replace(b"BODY-HERE", b"Mon compteur\x00 est faux.")
    return message.replace(b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: quoted-printable").replace(
        b"BODY-HERE", b"Mon compteur=00 est faux."
    )


def normal() -> bytes:
    return mails.new_complaint(message_id="<normal@example.org>")


def assert_all_three_filed():
    assert InboundEmail.objects.count() == 3
    for inbound in InboundEmail.objects.all():
        assert inbound.state in (InboundState.NEW_CASE, InboundState.FAILED), inbound.state
        for field in ("subject", "from_name", "body_text", "body_new_text", "body_html", "reason"):
            assert "\x00" not in getattr(inbound, field)
    # The raw message is kept byte for byte, the NUL included.
    subject_mail = InboundEmail.objects.get(message_id="nul-subject@example.net")
    assert subject_mail.state == InboundState.NEW_CASE
    assert subject_mail.subject == "Facture de mars"
    body_mail = InboundEmail.objects.get(message_id="nul-body@example.be")
    assert body_mail.state == InboundState.NEW_CASE
    assert "Mon compteur est faux." in body_mail.body_text
    assert "Mon compteur est faux." in body_mail.case.description
    normal_mail = InboundEmail.objects.get(message_id="normal@example.org")
    assert normal_mail.state == InboundState.NEW_CASE and normal_mail.case.person.email == "marie.lambert@example.org"
    assert Case.objects.count() == 3
    assert not any("\x00" in c.subject + c.description + c.person.name for c in Case.objects.select_related("person"))


@pytest.fixture
def mailbox(imap_server, settings):
    settings.ACCORD_MAILBOX_URL = imap_server.url
    return imap_server


def test_nul_bytes_over_imap_are_cleaned_and_do_not_block_the_next_message(mailbox):
    mailbox.append(nul_in_subject(raw=False))
    mailbox.append(nul_in_body(raw=False))
    mailbox.append(normal())
    assert mailbox_poll_once() == {"configured": True, "read": 3, "new_case": 3}
    assert_all_three_filed()
    assert all(PROCESSED_KEYWORD in flags for _, flags in mailbox.messages())
    assert b"=00" in bytes(InboundEmail.objects.get(message_id="nul-body@example.be").raw)
    assert mailbox_poll_once() == {"configured": True, "read": 0}


@pytest.mark.parametrize("raw", [True, False], ids=["raw-nul", "encoded-nul"])
def test_import_mail_files_messages_with_nul_bytes_and_the_normal_one_after_them(tmp_path, raw, capsys):
    archive = stdlib_mailbox.mbox(tmp_path / "old.mbox", create=True)
    for message in (nul_in_subject(raw=raw), nul_in_body(raw=raw), normal()):
        archive.add(message)
    archive.flush()
    call_command("import_mail", str(tmp_path / "old.mbox"))
    assert '"new_case": 3' in capsys.readouterr().out
    assert_all_three_filed()
    if raw:
        assert b"Facture\x00 de mars" in bytes(InboundEmail.objects.get(message_id="nul-subject@example.net").raw)


def eight_bit_ids() -> bytes:
    """Raw 8-bit bytes in the Message-ID and References (a broken mailer): the parser keeps them as
    surrogates, which no database driver encodes (UnicodeEncodeError on SQLite and PostgreSQL)."""
    message = mails.new_complaint(sender="Paul Durand <paul.durand@example.net>", message_id="<ID-HERE>")
    return message.replace(b"<ID-HERE>", b"<caf\xe9\xed\xa0\x80@example.net>\r\nReferences: <r\xff@example.net>")


def test_raw_8bit_bytes_in_the_message_id_do_not_block_the_next_message(mailbox):
    mailbox.append(eight_bit_ids())
    mailbox.append(normal())
    assert mailbox_poll_once() == {"configured": True, "read": 2, "new_case": 2}
    assert InboundEmail.objects.get(from_email="paul.durand@example.net").message_id.startswith("caf")
    assert mailbox_poll_once() == {"configured": True, "read": 0}
    assert InboundEmail.objects.count() == 2
