"""`python manage.py framing_check --language fr "TEXT"` (TEXT "-": read from stdin): the framing aid's
findings on TEXT as a JSON list (code, start, end, message, suggestion), exit 0; an unknown language, exit 2."""

import json
import sys
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accord.mediation.framing import MAX_CHARS, framing_languages, framing_review


class Command(BaseCommand):
    help = "Review the framing of a text (the purpose of a mediation) and print the findings as JSON."

    def add_arguments(self, parser):
        parser.add_argument("text", help='the text to review, or "-" to read it from standard input')
        parser.add_argument("--language", required=True, help="the text's language: " + ", ".join(framing_languages()))
        parser.add_argument(
            "--messages-language",
            default="en",
            help="the language of the findings' messages and suggestions (default: en)",
        )

    def handle(self, *args, text, language, messages_language, **options):
        known = framing_languages()
        pages = [code for code, _name in settings.LANGUAGES]
        if language not in known:
            raise CommandError(
                f"Unknown language {language!r}: the framing aid reads {', '.join(known)}.", returncode=2
            )
        if messages_language not in pages:
            raise CommandError(
                f"Unknown messages language {messages_language!r}: use one of {', '.join(pages)}.", returncode=2
            )
        if text == "-":
            # Read a little past the cap: what lies beyond it is not reviewed anyway.
            text = sys.stdin.read(MAX_CHARS + 1)
        with translation.override(messages_language):
            findings = framing_review(text, language)
        self.stdout.write(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
