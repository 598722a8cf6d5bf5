"""Rows of a spreadsheet of claims (CSV or .xlsx), as text cells keyed by column name.

Curators keep claims in LibreOffice, Excel or pandas, and each of those writes its files a
little differently (a byte-order mark, semicolons in some locales, dates turned into date
cells, numbers into floats). This module takes all of that away: what it returns is one
``SheetRow`` per non-blank row, numbered as the spreadsheet numbers it (the header is row 1),
with every cell as stripped text. It also checks the header, because a misspelt column
(``stated_om``) would otherwise drop a value without a word; errors are ``FactError`` s whose
line is the row and whose field is the column, so they print as ``FILE:ROW: COLUMN: message``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ontology.errors import FactError

REQUIRED_COLUMNS = ("subject", "relation", "object", "quote", "source", "claimant", "stance")
OPTIONAL_COLUMNS = (
    "id",
    "stated_on",
    "valid_from",
    "valid_until",
    "note",
    "hedge",
    "voiced_by",
    "via",
    "statement",
    "date_basis",
)
EXPORT_COLUMNS = (
    "relation_id",
    "subject_name",
    "object_name",
    "source_title",
    "claimant_name",
    "relation_label",
    "status",
)
"""Columns our own CSV export writes besides the claim's fields: ignored, so that an exported
``claims.csv`` imports again. Any other column is an error (it is most likely a typo)."""
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
XLSX_SUFFIXES = (".xlsx", ".xlsm")
FILE_FIELD = "<file>"


@dataclass(frozen=True)
class SheetRow:
    """One row of claims: its number in the spreadsheet and its cells (blank ones left out)."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        """The cell's text, or ``None`` when it is blank."""
        return self.cells.get(column)


@dataclass(frozen=True)
class Sheet:
    """The rows of one spreadsheet and the errors found reading it."""

    shown: str  # the file as errors name it
    rows: tuple[SheetRow, ...]
    errors: tuple[FactError, ...]


def read_sheet(path: Path, shown: str | None = None) -> Sheet:
    """The rows of the CSV or .xlsx file ``path``, or the reasons it cannot be read.

    When the header is wrong no row is returned: every row would repeat the same problem.
    """
    shown = shown or str(path)
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            table = _xlsx_table(path)
        else:
            table = _csv_table(path.read_bytes())
    except FileNotFoundError:
        return Sheet(shown, (), (FactError(shown, 0, FILE_FIELD, "file not found"),))
    except (OSError, ValueError) as exc:
        return Sheet(shown, (), (FactError(shown, 0, FILE_FIELD, str(exc)),))
    return _rows(shown, table)


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not UTF-8 (byte {exc.start}): save the sheet as 'CSV UTF-8' and try again"
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:  # a spreadsheet set to a locale that separates cells otherwise
        delimiter = max((";", "\t"), key=first.count) if (";" in first or "\t" in first) else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ValueError(f"malformed CSV: {exc}") from exc


def _xlsx_table(path: Path) -> list[list[str]]:
    """The first worksheet's cells as text (openpyxl is imported only for .xlsx files)."""
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise ValueError("reading .xlsx needs openpyxl: pip install openpyxl") from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(f"not a readable .xlsx workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the size some writers record is wrong: read every row
        return [[_xlsx_text(cell) for cell in row] for row in sheet.iter_rows()]
    finally:
        book.close()


def _xlsx_text(cell: Any) -> str:
    """A cell's value as the text a curator typed.

    Spreadsheets turn ``2022-05`` into a date cell and ``2022`` into a number: a date cell
    shown without its day (number format ``mmm yyyy``, ``yyyy-mm``) is read back as ``YYYY-MM``,
    so its precision survives; a whole number loses its ``.0``.
    """
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        shown = str(getattr(cell, "number_format", "") or "").lower()
        if "d" in shown or not shown or shown == "general":
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(shown: str, table: list[list[str]]) -> Sheet:
    if not table or not any(c.strip() for c in table[0]):
        return Sheet(shown, (), (FactError(shown, 1, FILE_FIELD, _no_header()),))
    header = [column_name(c) for c in table[0]]
    errors = _header_errors(shown, header, table[1:])
    if errors:
        return Sheet(shown, (), tuple(errors))
    rows: list[SheetRow] = []
    for number, raw in enumerate(table[1:], start=2):
        cells: dict[str, str] = {}
        for position, text in enumerate(raw):
            text = text.strip()
            if not text:
                continue
            if position >= len(header):
                errors.append(
                    FactError(
                        shown,
                        number,
                        f"column {position + 1}",
                        f"a cell beyond the last column of the header ({len(header)})",
                    )
                )
            elif header[position] in COLUMNS:
                cells[header[position]] = text
        if any(text.strip() for text in raw):  # blank rows are left out, their numbers kept
            rows.append(SheetRow(number, cells))
    if not rows and not errors:
        errors.append(FactError(shown, 2, FILE_FIELD, "no claims: the sheet has only a header"))
    return Sheet(shown, tuple(rows), tuple(errors))


def column_name(text: str) -> str:
    """A header cell as the column it names: ``Valid From`` and ``valid_from`` are one."""
    return "_".join(text.lower().split())


def _header_errors(shown: str, header: list[str], body: list[list[str]]) -> list[FactError]:
    """What is wrong with the header: unknown, repeated, missing or unnamed columns."""
    errors: list[FactError] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name:
            # an unnamed column: harmless when empty (spreadsheets keep stray blank columns)
            if any(position < len(r) and r[position].strip() for r in body):
                errors.append(
                    FactError(shown, 1, f"column {position + 1}", "a column with no name")
                )
        elif name in seen:
            errors.append(
                FactError(
                    shown,
                    1,
                    name,
                    f"column given twice (columns {seen[name] + 1} and {position + 1})",
                )
            )
        elif name not in COLUMNS and name not in EXPORT_COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            errors.append(
                FactError(
                    shown,
                    1,
                    name,
                    f"unknown column '{name}'{hint} (columns: {', '.join(COLUMNS)})",
                )
            )
        seen.setdefault(name, position)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(FactError(shown, 1, name, f"missing required column '{name}'"))
    return errors


def _no_header() -> str:
    return (
        "the first row must name the columns: "
        f"{', '.join(REQUIRED_COLUMNS)} (required), {', '.join(OPTIONAL_COLUMNS)} (optional)"
    )
