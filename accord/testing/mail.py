"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1 and a free port, keeping what it receives.

Accord sends its e-mail by SMTP after the transaction commits (notifications/services.py); with
this server the tests see the very bytes a mail server would get, parsed back into
`email.message.EmailMessage` objects.
"""

import email
import logging
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Received:
    """One message as the server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage


class MailCollector:
    """aiosmtpd handler that keeps every message it accepts (thread-safe: the server runs in its own thread)."""

    def __init__(self):
        self.host = ""
        self.port = 0
        self._received: list[Received] = []
        self._condition = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=default_policy)
        with self._condition:
            self._received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message))
            self._condition.notify_all()
        return "250 Message accepted for delivery"

    @property
    def received(self) -> list[Received]:
        with self._condition:
            return list(self._received)

    @property
    def messages(self) -> list[EmailMessage]:
        return [r.message for r in self.received]

    def wait_for(self, count: int, *, timeout: float = 10.0) -> list[EmailMessage]:
        """Wait until at least `count` messages have arrived; all messages so far, oldest first."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while len(self._received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    subjects = [r.message["Subject"] for r in self._received]
                    raise AssertionError(f"expected {count} e-mails within {timeout}s, got {len(subjects)}: {subjects}")
                self._condition.wait(left)
            return [r.message for r in self._received]

    def clear(self) -> None:
        with self._condition:
            self._received.clear()


def body_text(message: EmailMessage) -> str:
    """The plain-text part of a message (Accord sends text with an HTML alternative)."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def body_html(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; settings.EMAIL_HOST/EMAIL_PORT point at it for the test."""
    collector = MailCollector()
    # aiosmtpd logs every SMTP command at INFO: keep failing tests' output readable.
    server_log = logging.getLogger("mail.log")
    previous_level = server_log.level
    server_log.setLevel(logging.WARNING)
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    collector.host, collector.port = controller.hostname, controller.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = collector.host
    settings.EMAIL_PORT = collector.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield collector
    finally:
        controller.stop()
        server_log.setLevel(previous_level)
