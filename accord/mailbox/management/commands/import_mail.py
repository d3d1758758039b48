"""`manage.py import_mail FILE.mbox|DIR`: file an archive of past mail by the mailbox's rules.

Reads an mbox file, a Maildir, or a folder of .eml/.box files. Idempotent: a message already
in Accord (same Message-ID, or same bytes without one) is skipped, so an import can be re-run.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from accord.mailbox.services import mailbox_import
from accord.mailbox.sources import MailboxConfigError


class Command(BaseCommand):
    help = "Import an archive of e-mail (mbox, Maildir, or a folder of .eml/.box files) as cases and messages."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE.mbox|DIR")

    def handle(self, *, paths, **options):
        for path in paths:
            try:
                summary = mailbox_import(path=path)
            except MailboxConfigError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{path}: {json.dumps(summary, sort_keys=True)}")
