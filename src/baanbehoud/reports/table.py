"""The one table helper of the reports: a report is tables of labelled rows and columns, and the
same structure feeds the page, the chart's data table, CSV, Excel, JSON and the command line.
Suppression of small groups happens here, once (`suppress_rows`). Each report has its module:
quarterly.py, sustainability.py, reasons.py, execution.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .suppression import Key, Suppressed, suppress

Cell = int | float | str | None | Suppressed


@dataclass
class ReportTable:
    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, label); the first column holds the row label
    rows: list[dict[str, Cell]]
    note: str = ""

    def as_lists(self) -> list[list[str]]:
        return [[label for _k, label in self.columns]] + [
            [render(row.get(k)) for k, _label in self.columns] for row in self.rows
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": [k for k, _l in self.columns],
            "rows": [{k: json_value(row.get(k)) for k, _l in self.columns} for row in self.rows],
        }


@dataclass
class Report:
    key: str
    title: str
    tables: list[ReportTable]
    definitions: list[str]
    charts: list[str] = field(default_factory=list)  # SVG markup
    # What was counted (period, report date, filters): at the top of every download.
    about: list[tuple[str, str]] = field(default_factory=list)


def total(rows: Sequence[dict[str, Cell]], column: str) -> int:
    return sum(v for v in (row[column] for row in rows) if isinstance(v, int))


def render(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def json_value(value: Cell) -> Any:
    return str(value) if isinstance(value, Suppressed) else value


def share(part: Cell, whole: Cell) -> Cell:
    """A percentage; hidden when what it is computed from is hidden."""
    if isinstance(part, Suppressed) or isinstance(whole, Suppressed):
        return part if isinstance(part, Suppressed) else whole
    if not whole or part is None:
        return None
    return round(100 * float(part) / float(whole), 1)


def suppress_rows(
    rows: list[dict[str, Cell]],
    count_columns: Sequence[str],
    minimum: int | None,
    groups: Callable[[str], list[tuple[Key, list[Key]]]] | None = None,
    totals: bool = True,
) -> None:
    """Suppress in place. The row label is the row key; a "Totaal" row sums the other rows."""
    if minimum is None:
        return
    values: dict[Key, int] = {}
    for row in rows:
        for column in count_columns:
            value = row.get(column)
            if isinstance(value, int):
                values[(str(row["label"]), column)] = value
    all_groups: list[tuple[Key, list[Key]]] = []
    labels = [str(r["label"]) for r in rows if r["label"] != "Totaal"]
    if totals and any(r["label"] == "Totaal" for r in rows):
        for column in count_columns:
            all_groups.append((("Totaal", column), [(label, column) for label in labels]))
    if groups is not None:
        for row in rows:
            all_groups += groups(str(row["label"]))
    result = suppress(values, minimum=minimum, groups=all_groups)
    for row in rows:
        for column in count_columns:
            key = (str(row["label"]), column)
            if key in result:
                row[column] = result[key]
