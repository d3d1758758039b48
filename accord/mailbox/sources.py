"""Where mail is read from: the mailbox (IMAP or a local Maildir) and archives of past mail.

The one place `ACCORD_MAILBOX_URL` is read:
- `imaps://user:password@host:993/INBOX`: IMAP over TLS (port 993 unless given);
- `imap://user:password@host:143/INBOX`: IMAP upgraded with STARTTLS, which is required (a
  server that does not offer it is refused) except with `?starttls=no`, meant for a server on
  the loopback interface (the tests' Dovecot);
- a path (`/var/mail/accord`, or `maildir:///var/mail/accord`): a local Maildir.
User and password are percent-decoded (`%40` for "@"); the folder defaults to INBOX.

How a message is marked as processed, only after its case is committed (services.py):
- IMAP: the flags `\\Seen` and the keyword `$AccordProcessed` are set; unprocessed messages are
  found with `UID SEARCH UNKEYWORD $AccordProcessed`. The keyword, not `\\Seen`, is what counts,
  so a person reading the mailbox in a mail program cannot hide a message from Accord; the
  messages stay where they are. (A server that allows no keywords falls back to `\\Seen`.)
- Maildir: the message is moved to the Maildir++ sub-folder `.Accord-processed`.
"""

import contextlib
import imaplib
import mailbox
import os
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PROCESSED_KEYWORD = "$AccordProcessed"
PROCESSED_MAILDIR_FOLDER = "Accord-processed"
FETCH_BATCH = 50


class MailboxConfigError(ValueError):
    pass


@dataclass(frozen=True)
class MailboxConfig:
    kind: str  # "imap" or "maildir"
    host: str = ""
    port: int = 0
    user: str = ""
    password: str = ""
    folder: str = "INBOX"
    tls: str = ""  # "ssl" (imaps), "starttls" or "none"
    path: str = ""

    @property
    def label(self) -> str:
        """Where the mail came from, without the password (stored on each message)."""
        if self.kind == "maildir":
            return f"maildir:{self.path}"
        scheme = "imaps" if self.tls == "ssl" else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def mailbox_config_parse(url: str) -> MailboxConfig:
    url = (url or "").strip()
    if not url:
        raise MailboxConfigError("ACCORD_MAILBOX_URL is not set")
    if url.startswith("maildir://"):
        return MailboxConfig(kind="maildir", path=unquote(urlsplit(url).path))
    if "://" not in url:
        return MailboxConfig(kind="maildir", path=url)
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps"):
        raise MailboxConfigError(f"ACCORD_MAILBOX_URL: unknown scheme {parts.scheme!r} (imaps://, imap:// or a path)")
    if not parts.hostname or not parts.username:
        raise MailboxConfigError("ACCORD_MAILBOX_URL: an IMAP address needs a user and a host")
    options = parse_qs(parts.query)
    if parts.scheme == "imaps":
        tls = "ssl"
    elif options.get("starttls", ["yes"])[0].lower() in ("no", "0", "false"):
        tls = "none"
    else:
        tls = "starttls"
    return MailboxConfig(
        kind="imap",
        host=parts.hostname,
        port=parts.port or (993 if tls == "ssl" else 143),
        user=unquote(parts.username),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
        tls=tls,
    )


@dataclass(frozen=True)
class Fetched:
    """One message read from a mailbox or an archive: its bytes and where it is."""

    uid: str
    raw: bytes
    arrived_at: datetime | None = None


class ImapMailbox:
    """An IMAP folder: lists the messages not yet processed, marks one processed."""

    def __init__(self, config: MailboxConfig, *, timeout: float = 60):
        self.config = config
        self.timeout = timeout
        self.connection: imaplib.IMAP4 | None = None
        self.uidvalidity = ""
        self.use_keyword = True

    def __enter__(self) -> "ImapMailbox":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        config = self.config
        if config.tls == "ssl":
            connection = imaplib.IMAP4_SSL(
                config.host, config.port, ssl_context=ssl.create_default_context(), timeout=self.timeout
            )
        else:
            connection = imaplib.IMAP4(config.host, config.port, timeout=self.timeout)
            if config.tls == "starttls":
                connection.starttls(ssl.create_default_context())
        connection.login(config.user, config.password)
        typ, data = connection.select(_quote(config.folder))
        if typ != "OK":
            raise imaplib.IMAP4.error(f"cannot open the folder {config.folder!r}: {data!r}")
        permanent = " ".join(_text(x) for x in connection.untagged_responses.get("PERMANENTFLAGS", []))
        self.use_keyword = "\\*" in permanent or PROCESSED_KEYWORD in permanent
        validity = connection.untagged_responses.get("UIDVALIDITY", [b""])
        self.uidvalidity = _text(validity[0])
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
            with contextlib.suppress(Exception):
                self.connection.logout()
            self.connection = None

    def unprocessed_uids(self) -> list[str]:
        criterion = f"UNKEYWORD {PROCESSED_KEYWORD}" if self.use_keyword else "UNSEEN"
        typ, data = self.connection.uid("SEARCH", None, criterion)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"SEARCH failed: {data!r}")
        return [uid for uid in _text(data[0] or b"").split() if uid]

    def fetch(self, uids: list[str]) -> Iterator[Fetched]:
        """The messages, a batch per command; BODY.PEEK leaves \\Seen alone until processed."""
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            typ, data = self.connection.uid("FETCH", ",".join(batch), "(UID INTERNALDATE BODY.PEEK[])")
            if typ != "OK":
                raise imaplib.IMAP4.error(f"FETCH failed: {data!r}")
            for item in data:
                if not isinstance(item, tuple):
                    continue
                head = _text(item[0])
                match = re.search(r"UID (\d+)", head)
                if not match:
                    continue
                arrived = None
                date_match = re.search(r'INTERNALDATE "([^"]+)"', head)
                if date_match:
                    parsed = imaplib.Internaldate2tuple(f'INTERNALDATE "{date_match[1]}"'.encode())
                    if parsed is not None:
                        arrived = datetime.fromtimestamp(_mktime(parsed), tz=UTC)
                yield Fetched(uid=f"{self.uidvalidity}:{match[1]}", raw=item[1], arrived_at=arrived)

    def mark_processed(self, uid: str) -> None:
        flags = f"(\\Seen {PROCESSED_KEYWORD})" if self.use_keyword else "(\\Seen)"
        typ, data = self.connection.uid("STORE", uid.rsplit(":", 1)[-1], "+FLAGS.SILENT", flags)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"STORE failed: {data!r}")

    def messages(self) -> Iterator[Fetched]:
        yield from self.fetch(self.unprocessed_uids())


class MaildirMailbox:
    """A local Maildir: the messages in new/ and cur/; processed ones move to a sub-folder."""

    def __init__(self, config: MailboxConfig):
        self.config = config
        self.maildir: mailbox.Maildir | None = None
        self.processed: mailbox.Maildir | None = None

    def __enter__(self) -> "MaildirMailbox":
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        path = Path(self.config.path)
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise MailboxConfigError(f"{path} is not a Maildir (no cur/ or new/)")
        self.maildir = mailbox.Maildir(path, factory=None, create=False)
        self.processed = self.maildir.add_folder(PROCESSED_MAILDIR_FOLDER)

    def close(self) -> None:
        self.maildir = self.processed = None

    def messages(self) -> Iterator[Fetched]:
        for key in sorted(self.maildir.keys()):
            try:
                raw = self.maildir.get_bytes(key)
                mtime = os.path.getmtime(os.path.join(self.maildir._path, self.maildir._lookup(key)))
            except (KeyError, FileNotFoundError):
                continue  # taken by another poller meanwhile
            yield Fetched(uid=key, raw=raw, arrived_at=datetime.fromtimestamp(mtime, tz=UTC))

    def mark_processed(self, uid: str) -> None:
        try:
            message = self.maildir.get_message(uid)
        except KeyError:
            return  # another poller moved it already
        message.add_flag("S")
        self.processed.add(message)
        with contextlib.suppress(KeyError, FileNotFoundError):
            self.maildir.remove(uid)


def mailbox_open(config: MailboxConfig):
    return ImapMailbox(config) if config.kind == "imap" else MaildirMailbox(config)


def archive_messages(path: str | Path) -> Iterator[Fetched]:
    """Every message of an archive: an mbox file, a Maildir, or a folder of .eml/.box files
    (each a message; a .box file that holds several "From " separated messages is read as mbox)."""
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() in (".eml", ".msg"):
            yield Fetched(uid=path.name, raw=path.read_bytes())
            return
        yield from _mbox_messages(path)
        return
    if not path.is_dir():
        raise MailboxConfigError(f"{path}: no such file or folder")
    if (path / "cur").is_dir() or (path / "new").is_dir():
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            yield Fetched(uid=f"{path.name}/{key}", raw=box.get_bytes(key))
        return
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        suffix = file.suffix.lower()
        if suffix in (".eml", ".msg", ".box"):
            raw = file.read_bytes()
            if suffix == ".box" and raw.startswith(b"From ") and raw.count(b"\nFrom ") > 0:
                yield from _mbox_messages(file)
            else:
                yield Fetched(uid=str(file.relative_to(path)), raw=raw)
        elif suffix in (".mbox", ".mbx"):
            yield from _mbox_messages(file)


def _mbox_messages(path: Path) -> Iterator[Fetched]:
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        for index, key in enumerate(box.keys()):
            raw = box.get_bytes(key, from_=False)
            yield Fetched(uid=f"{path.name}#{index + 1}", raw=raw)
    finally:
        box.close()


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return str(value)


def _mktime(struct) -> float:
    import time

    return time.mktime(struct)
