"""The demo's directory of professional mediators (issue 9), loaded before the cases: a demo mediation brings one
of them in."""

import csv
import io
from datetime import timedelta

from accord.demo.content import directory as demo_directory
from accord.mediation.directory_csv import mediators_import


def directory_load(*, today) -> int:
    """The directory of professional mediators: twenty fictional entries (demo/content/directory.py) through the
    directory's own CSV import, as an administrator would load them. Returns how many were created."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(demo_directory.COLUMNS)
    for row in demo_directory.MEDIATORS:
        values = dict(zip(demo_directory.COLUMNS, row, strict=True))
        days = values["availability_until"]
        values["availability_until"] = (today + timedelta(days=days)).isoformat() if days else ""
        writer.writerow(values.values())
    result = mediators_import(data=out.getvalue().encode("utf-8"))
    if not result.ok:
        raise AssertionError("the demo's directory does not import: " + "; ".join(result.errors))
    return result.created
