"""Cells that are safe to open in a spreadsheet program (CSV and xlsx injection, OWASP).

Text typed by users (learning points, supervisor names, free text) ends up in CSV and Excel files.
A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice, so `=HYPERLINK("http://…","klik")` would become a live link. Every CSV and
xlsx the product writes goes through this module:

- CSV: such text gets a leading apostrophe, which spreadsheet programs show as text;
- xlsx: such text is stored as a string cell with Excel's own "quote prefix" (never a formula).

Numbers stay numbers: only text is changed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported where a workbook is made: every command would load it
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number written as text ("-4", "-2,5": a report's net change) is no formula; it stays as it is.
PLAIN_NUMBER = re.compile(r"^-\d+([.,]\d+)?$")


def is_formula_like(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not PLAIN_NUMBER.fullmatch(value)
    )


def neutralise(value: Any) -> Any:
    """The value for a CSV cell: formula-like text behind an apostrophe, the rest unchanged."""
    return "'" + value if is_formula_like(value) else value


class SafeCsvWriter:
    """`csv.writer` that neutralises every cell."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append` that never writes a formula: formula-like text becomes a text cell."""
    values = list(values)
    sheet.append(values)
    for index, value in enumerate(values, start=1):
        if is_formula_like(value):
            cell = sheet.cell(row=sheet.max_row, column=index)
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True


def csv_file(header: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A list as a CSV file for Dutch Excel (semicolons, a byte-order mark), formula-safe."""
    out = io.StringIO()
    writer = SafeCsvWriter(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_file(title: str, header: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A list as an Excel file with one sheet, formula-safe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
