"""Print how Accord reads e-mail files: `python manage.py parse_mail FILE...` (.eml or .box).

One JSON object per file, one per line. A file that cannot be read or parsed prints
{"file": ..., "error": reason} and the command goes on; it exits with 1 if any failed.
"""

import json
import sys

from django.core.management.base import BaseCommand

from accord.lib.mailparse import MailParseError, ParsedMail, parse_message


def parse_as_json(parsed: ParsedMail) -> dict:
    return {
        "from": parsed.from_,
        "from_email": parsed.from_email,
        "from_display_name": parsed.from_display_name,
        "to": parsed.to,
        "cc": parsed.cc,
        "subject": parsed.subject,
        "date": parsed.date.isoformat() if parsed.date else None,
        "message_id": parsed.message_id,
        "body_text": parsed.body_text,
        "language": parsed.language,
        "is_auto_reply": parsed.is_auto_reply,
        "attachments": [
            {"filename": a.filename, "content_type": a.content_type, "size": a.size, "sha256": a.sha256}
            for a in parsed.attachments
        ],
    }


class Command(BaseCommand):
    help = "Parse .eml/.box files as the mailbox poller would and print each parse as JSON."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")

    def handle(self, *args, files, indent, **options):
        failed = 0
        for path in files:
            try:
                with open(path, "rb") as fh:
                    result = {"file": path, **parse_as_json(parse_message(fh.read()))}
            except MailParseError as exc:
                failed += 1
                result = {"file": path, "error": exc.reason}
            except OSError as exc:
                failed += 1
                result = {"file": path, "error": f"cannot read: {exc.strerror or exc}"}
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))
        if failed:
            self.stderr.write(f"{failed} of {len(files)} file(s) could not be parsed")
            sys.exit(1)
