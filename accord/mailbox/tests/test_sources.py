"""ACCORD_MAILBOX_URL, the Maildir mailbox, and the commands fetch_mail and import_mail."""

import json
import mailbox as stdlib_mailbox

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.cases.models import Case, CaseEvent, EventKind
from accord.mailbox.models import InboundEmail
from accord.mailbox.sources import MailboxConfigError, mailbox_config_parse
from accord.mailbox.tests import mails
from accord.notifications.models import OutboundEmail


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "imaps://desk%40accord.be:p%40ss@mail.accord.be/INBOX",
            dict(
                kind="imap",
                host="mail.accord.be",
                port=993,
                user="desk@accord.be",
                password="p@ss",
                folder="INBOX",
                tls="ssl",
            ),
        ),
        ("imap://desk:secret@mail.accord.be/Plaintes", dict(kind="imap", port=143, folder="Plaintes", tls="starttls")),
        ("imap://desk:secret@127.0.0.1:10143/?starttls=no", dict(port=10143, folder="INBOX", tls="none")),
        ("/var/mail/accord", dict(kind="maildir", path="/var/mail/accord")),
        ("maildir:///var/mail/accord", dict(kind="maildir", path="/var/mail/accord")),
    ],
)
def test_mailbox_url(url, expected):
    config = mailbox_config_parse(url)
    for field, value in expected.items():
        assert getattr(config, field) == value, field
    assert "secret" not in config.label and "p@ss" not in config.label


@pytest.mark.parametrize("url", ["", "pop3://a:b@host/", "imaps://host/INBOX"])
def test_a_wrong_mailbox_url_is_refused(url):
    with pytest.raises(MailboxConfigError):
        mailbox_config_parse(url)


def _maildir(path):
    box = stdlib_mailbox.Maildir(path, create=True)
    return box


def test_fetch_mail_once_reads_a_local_maildir_and_moves_what_it_filed(db, tmp_path, settings, capsys):
    box = _maildir(tmp_path / "Maildir")
    box.add(mails.new_complaint())
    box.add(mails.new_complaint(sender="jan.peeters@example.org"))
    settings.ACCORD_MAILBOX_URL = str(tmp_path / "Maildir")
    call_command("fetch_mail", "--once")
    assert json.loads(capsys.readouterr().out) == {"configured": True, "read": 2, "new_case": 2}
    assert Case.objects.count() == 2
    assert len(box) == 0 and len(box.get_folder("Accord-processed")) == 2
    call_command("fetch_mail", "--once")
    assert json.loads(capsys.readouterr().out)["read"] == 0


def test_fetch_mail_without_a_mailbox_says_so(settings):
    settings.ACCORD_MAILBOX_URL = ""
    with pytest.raises(CommandError, match="ACCORD_MAILBOX_URL"):
        call_command("fetch_mail", "--once")


def test_import_mail_reads_an_mbox_a_maildir_and_a_folder_of_eml_files_once(tmp_path, marie, capsys):
    mbox = stdlib_mailbox.mbox(tmp_path / "old.mbox", create=True)
    mbox.add(mails.new_complaint(message_id="<old-1@example.org>"))
    mbox.add(mails.new_complaint(sender="jan.peeters@example.org", message_id="<old-2@example.org>"))
    mbox.flush()
    maildir = _maildir(tmp_path / "archive")
    maildir.add(mails.new_complaint(sender="sarah.smith@example.org", message_id="<old-3@example.org>"))
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "a.eml").write_bytes(mails.new_complaint(sender="luc@example.be", message_id="<old-4@example.org>"))
    (folder / "b.box").write_bytes(mails.new_complaint(message_id="<old-1@example.org>"))  # already in the mbox

    call_command("import_mail", str(tmp_path / "old.mbox"), str(tmp_path / "archive"), str(folder))
    assert Case.objects.count() == 4 and InboundEmail.objects.count() == 4
    # The dates are those of the messages: past mail keeps its past.
    assert {c.received_at.date().isoformat() for c in Case.objects.all()} == {"2026-03-03"}
    out = capsys.readouterr().out
    assert '"duplicate": 1' in out
    call_command("import_mail", str(tmp_path / "old.mbox"), str(folder))
    assert Case.objects.count() == 4
    # Months-old mail gets no acknowledgement today; the timeline says none was sent.
    assert not OutboundEmail.objects.exists()
    assert all(not e.data["acknowledged_by_email"] for e in CaseEvent.objects.filter(kind=EventKind.CREATED))


def test_import_mail_refuses_a_missing_path(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_mail", str(tmp_path / "nothing"))
