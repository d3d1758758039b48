"""Benchmark: e-mail intake over real IMAP, from arrival in the mailbox to a case in Accord.

Starts a private Dovecot (accord/testing/imap.py), appends N complaints (default 2,000; one in
ten with a PDF) from an appender thread, and meanwhile runs the poller (`mailbox_poll_once`,
what the worker calls) in a loop until every message is a case. Reports messages per second
(first append to last case) and the median and 95th percentile delay from a message's arrival
(its APPEND returning) to its case (committed with the message's processed_at).

The poller here polls again at once; in production the worker polls every
ACCORD_MAILBOX_POLL_SECONDS, which adds up to that interval to each delay.

    .venv/bin/python bench/mail_intake.py -n 200                 # SQLite in a fresh /tmp folder
    .venv/bin/python bench/mail_intake.py --rate 20              # steady arrivals, 20 per second
    .venv/bin/python bench/mail_intake.py --pollers 2            # two pollers at once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/accord_mailbench .venv/bin/python bench/mail_intake.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ACCORD_VAR_DIR", tempfile.mkdtemp(prefix="accord-mail-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production's configuration (DEBUG off: cached templates, no query log), on plain HTTP.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-0123456789abcdefghij")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from accord.mailbox.models import InboundEmail  # noqa: E402
from accord.mailbox.services import mailbox_poll_once  # noqa: E402
from accord.mailbox.tests import mails  # noqa: E402
from accord.testing.imap import dovecot_server  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"0" * 20000 + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
BODIES = [
    "Madame, Monsieur,\n\nMa facture de mars a été prélevée deux fois et le service client ne répond plus.\n\nCordialement",
    "Geachte,\n\nMijn factuur van maart werd twee keer gedebiteerd en de klantendienst antwoordt niet meer.\n\nGroeten",
    "Dear Sir or Madam,\n\nMy March bill was charged twice and customer service no longer answers.\n\nRegards",
]


def message(run: str, number: int) -> tuple[str, bytes]:
    message_id = f"<bench-{run}-{number}@example.org>"
    attachments = [("facture.pdf", "application/pdf", PDF)] if number % 10 == 0 else ()
    raw = mails.new_complaint(
        sender=f"Member {number} <member{number}.{run}@example.org>",
        subject=f"Complaint {number}",
        body=BODIES[number % 3],
        message_id=message_id,
        attachments=attachments,
    )
    return message_id.strip("<>"), raw


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="messages to append (default 2000)")
    parser.add_argument("--rate", type=float, default=0, help="arrivals per second (default: as fast as possible)")
    parser.add_argument("--pollers", type=int, default=1, help="pollers running at once (default 1)")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    run = uuid.uuid4().hex[:8]
    messages = [message(run, number) for number in range(args.n)]
    appended: dict[str, float] = {}
    done = threading.Event()
    errors: list[BaseException] = []

    with dovecot_server() as server:
        settings.ACCORD_MAILBOX_URL = server.url

        def append_all():
            try:
                start = time.monotonic()
                for index, (message_id, raw) in enumerate(messages):
                    if args.rate:
                        time.sleep(max(0.0, start + index / args.rate - time.monotonic()))
                    server.append(raw)
                    appended[message_id] = time.time()
            except BaseException as error:
                errors.append(error)

        def poll():
            try:
                while not done.is_set():
                    summary = mailbox_poll_once()
                    if not summary.get("read"):
                        time.sleep(0.05)
            except BaseException as error:
                errors.append(error)
                done.set()
            finally:
                connections.close_all()

        started = time.time()
        appender = threading.Thread(target=append_all)
        pollers = [threading.Thread(target=poll) for _ in range(args.pollers)]
        appender.start()
        for poller in pollers:
            poller.start()
        ids = [message_id for message_id, _ in messages]
        while not errors:
            filed = InboundEmail.objects.filter(message_id__in=ids, processed_at__isnull=False).count()
            if filed >= args.n:
                break
            time.sleep(0.2)
        done.set()
        appender.join()
        for poller in pollers:
            poller.join()
        if errors:
            raise errors[0]

    rows = InboundEmail.objects.filter(message_id__in=ids).values_list("message_id", "processed_at", "case_id")
    delays, cases, last = [], 0, 0.0
    for message_id, processed_at, case_id in rows:
        finished = processed_at.astimezone(UTC).timestamp()
        delays.append(finished - appended[message_id])
        last = max(last, finished)
        cases += case_id is not None
    elapsed = last - started
    print(
        f"database: {engine}; pollers: {args.pollers}; arrivals: {'as fast as possible' if not args.rate else f'{args.rate:g}/s'}"
    )
    print(
        f"messages: {args.n}, cases: {cases}, {args.n / elapsed:.1f} messages/s "
        f"({elapsed:.1f} s from the first append at {datetime.fromtimestamp(started, UTC):%H:%M:%S} to the last case)"
    )
    print(
        f"arrival → case: median {statistics.median(delays) * 1000:.0f} ms, "
        f"95th percentile {percentile(delays, 0.95) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
