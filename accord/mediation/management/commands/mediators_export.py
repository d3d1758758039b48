"""`python manage.py mediators_export [--output FILE]`: the directory as CSV (mediation/directory_csv.py), the
admin's export: UTF-8 with BOM, `;`, every entry, cells guarded against formulas; on stdout without --output."""

from django.core.management.base import BaseCommand

from accord.mediation.directory_csv import mediators_export


class Command(BaseCommand):
    help = "Export the directory of professional mediators as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="write to this file instead of the standard output")

    def handle(self, *args, output, **options):
        text = mediators_export()
        if output:
            with open(output, "w", encoding="utf-8", newline="") as target:
                target.write(text)
        else:
            self.stdout.write(text, ending="")
