"""`python manage.py mediators_import FILE [--language fr]`: the directory's CSV import (mediation/directory_csv.py),
as the admin's button does it: the whole file or, on any error, nothing; each error on its line, in `--language`
(default en); exit 1 on errors."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accord.mediation.directory_csv import mediators_import


class Command(BaseCommand):
    help = "Import professional mediators from a CSV file (all or nothing; updates by accreditation number)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file (UTF-8, ; or , between cells)")
        parser.add_argument("--language", default="en", help="the language of the messages (default: en)")

    def handle(self, *args, file, language, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        if language not in languages:
            raise CommandError(f"Unknown language {language!r}: use one of {', '.join(languages)}.", returncode=2)
        try:
            with open(file, "rb") as source:
                data = source.read()
        except OSError as error:
            raise CommandError(f"{file} cannot be read: {error.strerror}.") from error
        with translation.override(language):
            result = mediators_import(data=data)
            if not result.ok:
                raise CommandError("\n".join([*result.errors, translation.gettext("Nothing was imported.")]))
            self.stdout.write(
                translation.gettext("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
