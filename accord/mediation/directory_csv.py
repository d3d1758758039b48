"""The directory's CSV import and export: the one code behind the admin's buttons and the commands
`mediators_import` / `mediators_export`.

- **Columns** (`COLUMNS`): stable English identifiers, documented in the admin's import page (from this list) and
  in docs/architecture.md ("Directory"). Lists inside a cell are separated by `|`.
- **Reading**: UTF-8 with or without BOM; `;` or `,` between cells, told by the first line (the column names).
  A column left out keeps what an existing entry had (a new entry gets the default, or an error where there is
  none). An empty line is skipped.
- **All or nothing**: every line is read and checked first; one error anywhere and nothing is written, every
  error said with its line ("Line 7: accreditation number missing", in the active language). Then one
  transaction writes them all.
- **Updates**: an entry is found again by its accreditation body and number, so importing a file twice changes
  nothing the second time, and an export imports back to the same directory.
- **Formulas** (OWASP "CSV injection"): a cell of an export that begins with = + - @, a tab or a carriage return
  is written with a leading apostrophe (so a phone reads '+3222345678), which the import removes again.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.cases.models import Office
from accord.lib.sizes import file_size
from accord.mediation.models import (
    LANGUAGE_FIELDS,
    TYPE_FIELDS,
    AccreditationBody,
    CourtOfAppeal,
    Currency,
    MediationType,
    Mediator,
    Region,
)
from accord.people.models import Language

MAX_BYTES = 5 * 1024 * 1024
EXPORT_DELIMITER = ";"
DELIMITERS = (";", ",")
LIST_SEPARATOR = "|"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUE = {"yes", "y", "true", "1", "oui", "ja", "x"}
FALSE = {"no", "n", "false", "0", "non", "nee"}
KEY = ("accreditation_body", "accreditation_number")


class CellError(Exception):
    """A cell that cannot be read; the message is for the line's error."""


@dataclass(frozen=True)
class Column:
    name: str
    help: Promise
    example: str
    kind: str = "text"  # text, choice, list, bool, decimal, date
    choices: tuple = ()  # for choice and list
    default: Any = ""  # for a new entry, when the cell is empty or the column left out
    missing: Promise | None = None  # required: the error when empty (or left out for a new entry)
    invalid: Promise | None = None  # for choice, list, decimal, date: the error naming the value

    @property
    def required(self) -> bool:
        return self.missing is not None


def _codes(choices) -> str:
    return ", ".join(choices)


COLUMNS: tuple[Column, ...] = (
    Column(
        "accreditation_body",
        gettext_lazy(
            "Who accredits: be_fmc (Federal Mediation Commission, Belgium), fr_court_of_appeal (a court of appeal's "
            "list, France), fr_consumer (consumer mediator, France)."
        ),
        "be_fmc",
        kind="choice",
        choices=tuple(AccreditationBody.values),
        missing=gettext_lazy("accreditation body missing"),
        invalid=gettext_lazy("unknown accreditation body “%(value)s”: write be_fmc, fr_court_of_appeal or fr_consumer"),
    ),
    Column(
        "accreditation_number",
        gettext_lazy("The body's number for the mediator; with the body, what a new import updates by."),
        "CFM-0142",
        missing=gettext_lazy("accreditation number missing"),
    ),
    Column(
        "court_of_appeal",
        gettext_lazy(
            "For fr_court_of_appeal only: the court's city in lower case without accents (paris, lyon, metz)."
        ),
        "lyon",
        kind="choice",
        choices=tuple(CourtOfAppeal.values),
        invalid=gettext_lazy("unknown court of appeal “%(value)s”: write its city in lower case, e.g. paris, lyon"),
    ),
    Column(
        "types",
        gettext_lazy(
            "Types of accreditation, separated by |: civil_commercial, social, family (consumer for a consumer "
            "mediator, who needs none written)."
        ),
        "family|civil_commercial",
        kind="list",
        choices=tuple(MediationType.values),
        invalid=gettext_lazy("unknown type “%(value)s”: write civil_commercial, social, family or consumer"),
    ),
    Column("last_name", gettext_lazy("Last name."), "Verhoeven", missing=gettext_lazy("last name missing")),
    Column("first_name", gettext_lazy("First name."), "Annelies", missing=gettext_lazy("first name missing")),
    Column(
        "languages",
        gettext_lazy("Languages they mediate in, separated by |: fr, nl, en."),
        "nl|fr",
        kind="list",
        choices=tuple(Language.values),
        missing=gettext_lazy("no language given"),
        invalid=gettext_lazy("unknown language “%(value)s”: write fr, nl or en"),
    ),
    Column(
        "correspondence_language",
        gettext_lazy("The language Accord writes to them in (one of theirs); empty: the first of their languages."),
        "nl",
        kind="choice",
        choices=tuple(Language.values),
        invalid=gettext_lazy("unknown language “%(value)s”: write fr, nl or en"),
    ),
    Column(
        "regions",
        gettext_lazy("Regions they work in, separated by |, by their code in the admin (be-bru, be-vov, fr-idf…)."),
        "be-vov|be-bru",
        kind="list",
        invalid=gettext_lazy("unknown region “%(value)s”: use the codes of the regions in the admin"),
    ),
    Column(
        "offices",
        gettext_lazy("The cooperative's offices where they meet the parties, separated by |, by code (gent, paris…)."),
        "gent",
        kind="list",
        invalid=gettext_lazy("unknown office “%(value)s”: use the codes of the offices in the admin"),
    ),
    Column(
        "email",
        gettext_lazy("E-mail address."),
        "a.verhoeven@example.org",
        missing=gettext_lazy("e-mail address missing"),
    ),
    Column(
        "phone",
        gettext_lazy("Phone; without a country code, read as a number of the body's country. Exported in E.164."),
        "+32 9 255 01 01",
    ),
    Column("address", gettext_lazy("Postal address (may span lines)."), "Kouter 1, 9000 Gent"),
    Column(
        "hourly_rate",
        gettext_lazy("Hourly rate as they quote it, 95.50 or 95,50."),
        "95.50",
        kind="decimal",
        missing=gettext_lazy("hourly rate missing"),
        invalid=gettext_lazy("hourly rate “%(value)s” is not an amount"),
    ),
    Column(
        "currency",
        gettext_lazy("EUR (the only one; empty: EUR)."),
        "EUR",
        kind="choice",
        choices=tuple(Currency.values),
        default=Currency.EUR,
        invalid=gettext_lazy("unknown currency “%(value)s”: write EUR"),
    ),
    Column(
        "vat_rate",
        gettext_lazy("VAT rate in per cent: 21, 20, 0 for a mediator exempt from VAT."),
        "21",
        kind="decimal",
        missing=gettext_lazy("VAT rate missing"),
        invalid=gettext_lazy("VAT rate “%(value)s” is not a number"),
    ),
    Column(
        "fees_include_vat",
        gettext_lazy("yes if the rate is quoted with VAT, no if without (empty: no)."),
        "no",
        kind="bool",
        default=False,
    ),
    Column(
        "accepting_new_cases",
        gettext_lazy("yes or no (empty: yes)."),
        "yes",
        kind="bool",
        default=True,
    ),
    Column(
        "availability_until",
        gettext_lazy("Until when that holds, 2026-09-01 (or 01/09/2026); may be empty."),
        "2026-09-01",
        kind="date",
        default=None,
        invalid=gettext_lazy("“%(value)s” is not a date: write 2026-09-01"),
    ),
    Column("availability_note", gettext_lazy("A short note on their availability."), "Back in September"),
    Column(
        "cooperative_member",
        gettext_lazy("yes if they are a member of the cooperative (empty: no)."),
        "no",
        kind="bool",
        default=False,
    ),
    Column(
        "active",
        gettext_lazy("no to keep the entry without listing it (empty: yes)."),
        "yes",
        kind="bool",
        default=True,
    ),
)
COLUMN_BY_NAME = {column.name: column for column in COLUMNS}
# Which column a model field's error belongs to.
FIELD_COLUMN = {
    "language": "correspondence_language",
    **{field_name: "languages" for field_name in LANGUAGE_FIELDS.values()},
    **{field_name: "types" for field_name in TYPE_FIELDS.values()},
}
NOT_A_FIELD = {"types", "languages", "correspondence_language", "regions", "offices"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    values: dict[str, Any]  # column name -> value read, for the columns the file has


def _line_error(line: int, error: str) -> str:
    return _("Line %(line)d: %(error)s") % {"line": line, "error": error}


# -- reading cells ------------------------------------------------------------------------------------------


def _unescape(cell: str) -> str:
    """What the export's formula guard added, removed again."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def _decimal(text: str) -> Decimal:
    text = "".join(text.split()).replace("\u202f", "").replace("\u00a0", "").rstrip("%").removesuffix("€")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise CellError from error
    if not value.is_finite():
        raise CellError
    return value


def _date(text: str) -> date:
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise CellError


def _split(text: str) -> list[str]:
    for separator in (",", ";", " "):
        text = text.replace(separator, LIST_SEPARATOR)
    return [part for part in (piece.strip() for piece in text.split(LIST_SEPARATOR)) if part]


def _read(column: Column, raw: str, lookups: dict[str, dict]) -> tuple[Any, list[str]]:
    """The cell's value, and the errors it raises (several for a list naming several unknown codes)."""
    text = raw if column.name == "address" else raw.strip()
    if column.name == "address":
        text = "\n".join(line.strip() for line in text.strip().splitlines())
    if not text:
        if column.required:
            return None, [str(column.missing)]
        return ([] if column.kind == "list" else column.default), []
    if column.kind == "text":
        return text, []
    if column.kind == "choice":
        value = text.lower() if column.name != "currency" else text.upper()
        if value not in column.choices:
            return None, [str(column.invalid) % {"value": text}]
        return value, []
    if column.kind == "list":
        known = lookups.get(column.name) or {code: code for code in column.choices}
        values, errors = [], []
        for part in _split(text):
            code = part.lower()
            if code not in known:
                errors.append(str(column.invalid) % {"value": part})
            elif known[code] not in values:
                values.append(known[code])
        if column.required and not values and not errors:
            errors.append(str(column.missing))
        return values, errors
    if column.kind == "bool":
        word = text.lower()
        if word in TRUE:
            return True, []
        if word in FALSE:
            return False, []
        return None, [_("%(column)s “%(value)s” is not yes or no") % {"column": column.name, "value": text}]
    parse: Callable[[str], Any] = _decimal if column.kind == "decimal" else _date
    try:
        return parse(text), []
    except CellError:
        return None, [str(column.invalid) % {"value": text}]


def _records(text: str) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    """The header's column names, each record with the line it starts on, and the errors of the file's shape."""
    first_line = text.split("\n", 1)[0]
    best, delimiter = -1, EXPORT_DELIMITER
    for candidate in DELIMITERS:
        names = next(csv.reader([first_line], delimiter=candidate), [])
        known = sum(1 for name in names if name.strip().lower() in COLUMN_BY_NAME)
        if known > best:
            best, delimiter = known, candidate
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return [], [], [_("The file is empty.")]
    errors = []
    if not all(name in header for name in KEY):
        return (
            header,
            [],
            [
                _(
                    "The first line must name the columns, among them accreditation_body and accreditation_number, "
                    "separated by ; or ,."
                )
            ],
        )
    for name in header:
        if name not in COLUMN_BY_NAME:
            errors.append(_line_error(1, _("unknown column “%(name)s”") % {"name": name}))
        elif header.count(name) > 1:
            errors.append(_line_error(1, _("column “%(name)s” named twice") % {"name": name}))
    records = []
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                errors.append(
                    _line_error(
                        start,
                        _("%(cells)d cells, but the first line names %(columns)d columns")
                        % {"cells": len(cells), "columns": len(header)},
                    )
                )
                continue
            records.append((start, cells + [""] * (len(header) - len(cells))))
    except csv.Error as error:
        errors.append(_line_error(reader.line_num, _("this line cannot be read as CSV (%(error)s)") % {"error": error}))
    return header, records, list(dict.fromkeys(errors))


def _decode(data: bytes) -> tuple[str, list[str]]:
    if len(data) > MAX_BYTES:
        return "", [_("The file is larger than %(size)s: split it in several.") % {"size": file_size(MAX_BYTES)}]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return "", [_line_error(line, _("this is not UTF-8 text: save the file as “CSV UTF-8”"))]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return "", [_line_error(line, _("this line holds a NUL character: is the file a spreadsheet rather than CSV?"))]
    if not text.strip():
        return "", [_("The file is empty.")]
    return text, []


# -- checking and writing -----------------------------------------------------------------------------------


def _lookups() -> dict[str, dict]:
    return {
        "regions": {region.code.lower(): region for region in Region.objects.all()},
        "offices": {office.code.lower(): office for office in Office.objects.all()},
    }


def _apply(mediator: Mediator, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "types":
            mediator.types = value
        elif name == "languages":
            mediator.languages = value
        elif name == "correspondence_language":
            mediator.language = value
        elif name not in ("regions", "offices"):
            setattr(mediator, name, value)
    listed = values.get("languages")
    if listed and (values.get("correspondence_language") == "" or mediator.language not in listed):
        mediator.language = listed[0]  # the first they list, when none is said


def _model_errors(mediator: Mediator) -> list[str]:
    errors = []
    try:
        mediator.clean_fields()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = FIELD_COLUMN.get(field_name, field_name)
            errors += [_("column %(column)s: %(error)s") % {"column": column, "error": message} for message in messages]
    try:  # as full_clean: the rules between fields are said too
        mediator.clean()
    except ValidationError as error:
        errors += [message for messages in error.message_dict.values() for message in messages]
    return list(dict.fromkeys(errors))


def _snapshot(mediator: Mediator, regions, offices) -> dict[str, str]:
    return mediator_row(mediator, regions=regions, offices=offices, escape=False)


def mediator_rows_import(*, rows: list[_Row], errors: list[tuple[int, str]] = ()) -> ImportResult:
    """Check every row, then write them all in one transaction, or none (see the module's docstring). `errors`:
    those already found (line, message), of lines not in `rows`; the result says them all, in line order."""
    errors = list(errors)
    result = ImportResult()
    keys: dict[tuple, int] = {}
    rows_to_check = []
    for row in rows:
        key = (row.values["accreditation_body"], " ".join(row.values["accreditation_number"].split()))
        if key in keys:
            message = _("accreditation number %(number)s is already on line %(line)d")
            errors.append((row.line, message % {"number": key[1], "line": keys[key]}))
            continue
        keys[key] = row.line
        rows_to_check.append((key, row))
    existing = {
        (mediator.accreditation_body, mediator.accreditation_number): mediator
        for mediator in Mediator.objects.filter(
            accreditation_number__in=[number for _body, number in keys]
        ).prefetch_related("regions", "offices")
    }
    plans = []
    for key, row in rows_to_check:
        mediator = existing.get(key)
        if mediator is None:
            missing = [str(c.missing) for c in COLUMNS if c.required and c.name not in row.values]
            if missing:
                errors += [(row.line, message) for message in missing]
                continue
            mediator, before = Mediator(), None
            defaults = {c.name: ([] if c.kind == "list" else c.default) for c in COLUMNS if c.name not in row.values}
            values = {**defaults, **row.values}
        else:
            values = row.values
            before = _snapshot(mediator, list(mediator.regions.all()), list(mediator.offices.all()))
        _apply(mediator, values)
        regions = values["regions"] if "regions" in values else list(mediator.regions.all())
        offices = values["offices"] if "offices" in values else list(mediator.offices.all())
        row_errors = _model_errors(mediator)
        if row_errors:
            errors += [(row.line, message) for message in row_errors]
        elif before is not None and _snapshot(mediator, regions, offices) == before:
            result.unchanged += 1
        else:
            plans.append((mediator, before is None, regions, offices))
    if errors:
        ordered = sorted(enumerate(errors), key=lambda item: (item[1][0], item[0]))
        return ImportResult(errors=[_line_error(line, message) for _i, (line, message) in ordered])
    try:
        with transaction.atomic():
            for mediator, created, regions, offices in plans:
                mediator.save()
                mediator.regions.set(regions)
                mediator.offices.set(offices)
                if created:
                    result.created += 1
                else:
                    result.updated += 1
    except IntegrityError:
        return ImportResult(
            errors=[_("The database refused the file (another import at the same time?): nothing was imported.")]
        )
    return result


def mediators_import(*, data: bytes) -> ImportResult:
    """Import a CSV file's bytes into the directory: everything or, on any error, nothing."""
    text, errors = _decode(data)
    if errors:
        return ImportResult(errors=errors)
    header, records, errors = _records(text)
    if errors:
        return ImportResult(errors=errors)
    lookups = _lookups()
    rows, cell_errors = [], []
    for line, cells in records:
        values, row_errors = {}, []
        for name, raw in zip(header, cells, strict=True):
            value, errors_of_cell = _read(COLUMN_BY_NAME[name], _unescape(raw), lookups)
            values[name] = value
            row_errors += errors_of_cell
        if row_errors:
            cell_errors += [(line, message) for message in row_errors]
        else:
            rows.append(_Row(line=line, values=values))
    if not records:
        return ImportResult(errors=[_("The file names its columns but holds no mediator.")])
    return mediator_rows_import(rows=rows, errors=cell_errors)


# -- writing ------------------------------------------------------------------------------------------------


def _escape(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def _cell(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return str(value)


def mediator_row(mediator: Mediator, *, regions=None, offices=None, escape: bool = True) -> dict[str, str]:
    """One line of the export (column -> cell); `regions` and `offices` as given, else the entry's."""
    regions = mediator.regions.all() if regions is None else regions
    offices = mediator.offices.all() if offices is None else offices
    row = {}
    for column in COLUMNS:
        name = column.name
        if name == "types":
            value = LIST_SEPARATOR.join(mediator.types)
        elif name == "languages":
            value = LIST_SEPARATOR.join(mediator.languages)
        elif name == "correspondence_language":
            value = mediator.language
        elif name in ("regions", "offices"):
            value = LIST_SEPARATOR.join(sorted(item.code for item in (regions if name == "regions" else offices)))
        else:
            value = getattr(mediator, name)
        cell = _cell(value)
        row[name] = _escape(cell) if escape else cell
    return row


def mediators_export(*, queryset=None) -> str:
    """The directory as CSV text: UTF-8 with BOM, `;` (what a spreadsheet in French or Dutch opens), every entry
    active or not, ordered by name; each cell guarded against formulas."""
    mediators = (Mediator.objects.all() if queryset is None else queryset).prefetch_related("regions", "offices")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[column.name for column in COLUMNS], delimiter=EXPORT_DELIMITER)
    writer.writeheader()
    for mediator in mediators.order_by("last_name", "first_name", "accreditation_body", "accreditation_number"):
        writer.writerow(mediator_row(mediator))
    return "\ufeff" + out.getvalue()
