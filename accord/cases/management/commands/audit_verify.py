"""`manage.py audit_verify`: recompute every hash chain of the timeline and the access log.

Prints each case whose chain breaks (its reference and the first bad entry) and exits 1 if any does;
one summary line when all is well. Also checks the heads the housekeeping last recorded outside the
database (`ACCORD_AUDIT_DIR`, default `VAR_DIR/audit/`; or `--heads DIR` for a copy kept elsewhere). See accord/cases/audit.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord.cases.audit import chains_verify

CHAIN_NAMES = {"timeline": "timeline", "access": "access log"}


class Command(BaseCommand):
    help = "Recompute the audit trail's hash chains; exit 1 naming each case whose chain is broken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--heads", metavar="DIR", help="the directory holding heads.log and heads/ (default: ACCORD_AUDIT_DIR)"
        )

    def handle(self, *args, heads=None, **options):
        report = chains_verify(heads_dir=Path(heads) if heads else None)
        for line in report.info:
            self.stdout.write(f"heads: {line}")
        for note in report.notes:
            self.stdout.write(f"heads: {note}")
        for b in report.breaks:
            entry = f"entry {b.entry_id}"
            if b.at is not None:
                entry += f" ({b.at.isoformat()}, {b.kind})"
            self.stdout.write(f"{b.reference}: {CHAIN_NAMES[b.chain]} broken at {entry}: {b.reason}")
        counted = (
            f"{len(report.cases)} case(s), {report.entries.get('timeline', 0)} timeline and "
            f"{report.entries.get('access', 0)} access-log entries"
        )
        if report.recorded_day:
            heads = f"{report.recorded} recorded head{'s' if report.recorded != 1 else ''} of {report.recorded_day}"
        else:
            heads = "no recorded heads to compare"
        if not report.ok:
            cases = len({b.case_id for b in report.breaks})
            raise CommandError(
                f"audit trail broken: {cases} case{'s' if cases != 1 else ''} ({counted}; {heads})", returncode=1
            )
        self.stdout.write(f"audit trail intact: {counted}; {heads}")
