"""Every report as CSV (semicolon-separated, for Dutch Excel), Excel (a sheet per table and a
sheet with the definitions) and JSON. Suppressed cells are written as "< 5" everywhere. Text cells never become
formulas (safe_cells)."""

from __future__ import annotations

import io
import json

from baanbehoud.safe_cells import SafeCsvWriter, append_row

from .table import Report, json_value


def to_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = SafeCsvWriter(out, delimiter=";")
    for label, value in report.about:
        writer.writerow([label, value])
    for index, table in enumerate(report.tables):
        if index or report.about:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerows(table.as_lists())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook  # here: every command would load it (0.2 s)
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in report.tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        lists = table.as_lists()
        append_row(sheet, lists[0])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            # Numbers stay numbers in Excel; hidden cells become the text "< 5".
            append_row(sheet, [json_value(row.get(key)) for key, _label in table.columns])
        for index, (_key, label) in enumerate(table.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                12, min(len(label) + 2, 40)
            )
    if report.about:
        about = book.create_sheet("Over dit rapport")
        for label, value in report.about:
            append_row(about, [label, value])
        about.column_dimensions["A"].width = 16
        about.column_dimensions["B"].width = 80
    definitions = book.create_sheet("Definities")
    definitions.append(["Definities"])
    definitions["A1"].font = Font(bold=True)
    for line in report.definitions:
        append_row(definitions, [line])
    definitions.column_dimensions["A"].width = 140
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(
        {
            "report": report.key,
            "title": report.title,
            "tables": [t.as_json() for t in report.tables],
            "definitions": report.definitions,
            "about": dict(report.about),
        },
        ensure_ascii=False,
        indent=2,
    )
