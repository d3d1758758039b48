"""`manage.py fetch_mail --once`: read the mailbox (ACCORD_MAILBOX_URL) once and file what it holds.

Without --once it polls in a loop (for debugging: in production the worker polls on its schedule).
"""

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.mailbox.services import mailbox_poll_once
from accord.mailbox.sources import MailboxConfigError


class Command(BaseCommand):
    help = "Read the mediator's mailbox and turn each new e-mail into a case or a message on its case."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Poll once and exit.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between polls without --once.")
        parser.add_argument("--url", default=None, help="Read this mailbox instead of ACCORD_MAILBOX_URL.")

    def handle(self, *, once, interval, url, **options):
        if not (url or settings.ACCORD_MAILBOX_URL):
            raise CommandError(
                "No mailbox: set ACCORD_MAILBOX_URL (imaps://user:password@host/INBOX or a Maildir path)."
            )
        while True:
            try:
                summary = mailbox_poll_once(url=url)
            except MailboxConfigError as error:
                raise CommandError(str(error)) from error
            except Exception as error:
                if once:
                    raise
                self.stderr.write(f"poll failed: {error.__class__.__name__}: {error}")
            else:
                self.stdout.write(json.dumps(summary, sort_keys=True))
            if once:
                return
            time.sleep(interval)
