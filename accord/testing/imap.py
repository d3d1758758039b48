"""A real IMAP server for the tests and the benchmark: Debian's Dovecot on 127.0.0.1 and a free port.

Each server gets a throwaway configuration, user and Maildir in a temporary folder, and is
stopped (its master process killed) afterwards. Run as root (CI), Dovecot refuses to run its
login process as root, so the login user is `dovenull`, the internal user `dovecot`, and the
mail user gets the `dovecot` uid/gid (docs: /work/shared/design/notes.md). Without Dovecot the
tests are skipped with the reason shown, unless ACCORD_REQUIRE_IMAP=1 (CI), where it fails.
"""

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = os.environ.get("ACCORD_DOVECOT", "/usr/sbin/dovecot")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class DovecotUnavailable(RuntimeError):
    pass


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    mailbox: str = "INBOX"
    maildir: Path | None = None
    _connection: imaplib.IMAP4 | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The ACCORD_MAILBOX_URL that reads this server (plain IMAP on loopback, no STARTTLS)."""
        return f"imap://{self.user}:{self.password}@{self.host}:{self.port}/{self.mailbox}?starttls=no"

    def connect(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=30)
        connection.login(self.user, self.password)
        return connection

    def append(self, raw: bytes, *, flags: str = "", mailbox: str | None = None) -> None:
        """Deliver one message to the mailbox as a mail server would (IMAP APPEND)."""
        if self._connection is None:
            self._connection = self.connect()
        typ, data = self._connection.append(mailbox or self.mailbox, flags or None, None, raw)
        if typ != "OK":
            raise RuntimeError(f"APPEND failed: {data!r}")

    def messages(self, mailbox: str | None = None) -> list[tuple[int, set[str]]]:
        """(uid, flags) of every message in the mailbox, as the server sees them."""
        connection = self.connect()
        try:
            connection.select(mailbox or self.mailbox, readonly=True)
            typ, data = connection.uid("FETCH", "1:*", "(UID FLAGS)")
            result = []
            for item in data or []:
                if not item:
                    continue
                text = item.decode() if isinstance(item, bytes) else item[0].decode()
                uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                flags = set(text.split("FLAGS (", 1)[1].split(")", 1)[0].split())
                result.append((uid, flags))
            return result
        finally:
            connection.logout()

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.logout()
            self._connection = None


_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {base}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


@contextlib.contextmanager
def dovecot_server(*, user: str = "accord", password: str = "accord-test-password") -> Iterator[ImapServer]:
    """Start a private Dovecot; yield how to reach it; stop it and remove its files."""
    if not Path(DOVECOT).exists():
        raise DovecotUnavailable(f"Dovecot is not installed ({DOVECOT} missing: apt-get install dovecot-imapd)")
    base = Path(tempfile.mkdtemp(prefix="accord-dovecot-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        # As root, Dovecot's processes must not run as root: the mail user gets dovecot's ids.
        mail_account = pwd.getpwnam("dovecot")
        login_user, internal_user = "dovenull", "dovecot"
    else:
        mail_account = pwd.getpwuid(os.geteuid())
        login_user = internal_user = mail_account.pw_name
    uid, gid = mail_account.pw_uid, mail_account.pw_gid
    home = base / "home"
    (home / "Maildir" / "cur").mkdir(parents=True)
    (home / "Maildir" / "new").mkdir()
    (home / "Maildir" / "tmp").mkdir()
    (base / "users").write_text(f"{user}:{password}:{uid}:{gid}::{home}::\n")
    port = free_port()
    config = base / "dovecot.conf"
    config.write_text(_CONFIG.format(base=base, port=port, login_user=login_user, internal_user=internal_user))
    if os.geteuid() == 0:
        for path in [home, *home.rglob("*")]:
            os.chown(path, uid, gid)
    # The master daemonises; its output goes to a file (a pipe would stay open in the daemon).
    with open(base / "start.log", "wb") as output:
        started = subprocess.run(
            [DOVECOT, "-c", str(config)], stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    if started.returncode != 0:
        message = (base / "start.log").read_text(errors="replace").strip()
        shutil.rmtree(base, ignore_errors=True)
        raise DovecotUnavailable(f"Dovecot did not start: {message}")
    server = ImapServer(host="127.0.0.1", port=port, user=user, password=password, maildir=home / "Maildir")
    try:
        _wait_for_login(server, base)
        yield server
    finally:
        server.close()
        _stop(base)
        shutil.rmtree(base, ignore_errors=True)


def _wait_for_login(server: ImapServer, base: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            server.connect().logout()
            return
        except (OSError, imaplib.IMAP4.error) as error:
            last_error = error
            time.sleep(0.1)
    log = (base / "dovecot.log").read_text(errors="replace")[-2000:] if (base / "dovecot.log").exists() else ""
    raise DovecotUnavailable(f"Dovecot did not accept a login within {timeout}s: {last_error}\n{log}")


def _stop(base: Path) -> None:
    """Stop the throwaway server. Its data is thrown away too, so there is nothing to shut down
    cleanly: the master daemonised into its own process group (it leads it), which is killed at
    once (a SIGTERM makes Dovecot wait ~2 s for its children, too slow for a fixture)."""
    pid_file = base / "run" / "master.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().strip())
    try:
        group = os.getpgid(pid)
    except ProcessLookupError:
        return
    with contextlib.suppress(ProcessLookupError):
        if group == pid and group != os.getpgid(0):
            os.killpg(group, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.02)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return state not in ("Z", "X")


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A real Dovecot with one empty INBOX; skipped (with the reason) where Dovecot is missing,
    unless ACCORD_REQUIRE_IMAP=1, where that is a failure."""
    try:
        manager = dovecot_server()
        server = manager.__enter__()
    except DovecotUnavailable as error:
        if os.environ.get("ACCORD_REQUIRE_IMAP") == "1":
            pytest.fail(f"{error} (ACCORD_REQUIRE_IMAP=1)", pytrace=False)
        pytest.skip(str(error))
    try:
        yield server
    finally:
        manager.__exit__(None, None, None)
