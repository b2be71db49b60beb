"""The quarterly report (docs/reports.md): jobs gained and lost per quarter, and trial placements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from . import domain
from .charts import bar_chart
from .suppression import Key, Suppressed
from .table import Cell, Report, ReportTable, suppress_rows, total


def quarterly_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    report_date: date,
    minimum: int | None,
) -> Report:
    quarters = domain.quarterly(records, start, end, report_date)
    counts = [
        "new_jobs",
        "jobs_lost",
        "lost_registered",
        "lost_unregistered",
        "trials_started",
        "trials_converted",
        "trials_not_converted",
        "trials_running",
    ]
    rows: list[dict[str, Cell]] = [
        {
            "label": q.quarter,
            "new_jobs": q.new_jobs,
            "jobs_lost": q.jobs_lost,
            "lost_registered": q.jobs_lost - q.lost_unregistered,
            "lost_unregistered": q.lost_unregistered,
            "trials_started": q.trials_started,
            "trials_converted": q.trials_converted,
            "trials_not_converted": q.trials_not_converted,
            "trials_running": q.trials_running,
        }
        for q in quarters
    ]
    rows.append({"label": "Totaal", **{c: total(rows, c) for c in counts}})

    def groups(label: str) -> list[tuple[Key, list[Key]]]:
        return [
            ((label, "jobs_lost"), [(label, "lost_registered"), (label, "lost_unregistered")]),
            (
                (label, "trials_started"),
                [
                    (label, "trials_converted"),
                    (label, "trials_not_converted"),
                    (label, "trials_running"),
                ],
            ),
        ]

    suppress_rows(rows, counts, minimum, groups)
    for row in rows:
        new, lost = row["new_jobs"], row["jobs_lost"]
        # Net is derived: hidden when either figure is hidden.
        row["net"] = (
            new - lost
            if isinstance(new, int) and isinstance(lost, int)
            else Suppressed(minimum or 0, complementary=True)
        )
    columns = [
        ("label", "Kwartaal"),
        ("new_jobs", "Nieuwe banen"),
        ("jobs_lost", "Banen verloren"),
        ("lost_registered", "waarvan einde vastgelegd"),
        ("lost_unregistered", "waarvan niet vastgelegd"),
        ("net", "Netto"),
        ("trials_started", "Proefplaatsingen gestart"),
        ("trials_converted", "omgezet in contract"),
        ("trials_not_converted", "niet omgezet"),
        ("trials_running", "loopt nog"),
    ]
    body = [r for r in rows if r["label"] != "Totaal"]
    chart = bar_chart(
        title="Nieuwe en verloren banen per kwartaal",
        description="Staafdiagram: per kwartaal het aantal nieuwe banen en het aantal verloren banen. "
        "De tabel hieronder geeft dezelfde cijfers.",
        categories=[str(r["label"]) for r in body],
        series=[
            ("Nieuwe banen", [r["new_jobs"] for r in body]),
            ("Banen verloren", [r["jobs_lost"] for r in body]),
        ],
    )
    return Report(
        key="kwartaal",
        title="Kwartaalrapportage",
        tables=[ReportTable("kwartalen", "Banen per kwartaal", columns, rows)],
        definitions=QUARTERLY_DEFINITIONS,
        charts=[chart],
    )


QUARTERLY_DEFINITIONS = [
    "Een baan begint met het eerste arbeidscontract (tijdelijk, vast of detachering) van een plaatsing. "
    "Een proefplaatsing is geen baan.",
    "Nieuwe banen in een kwartaal: plaatsingen waarvan het eerste arbeidscontract in dat kwartaal begint.",
    "Banen verloren: plaatsingen die een baan zijn en waarvan het einde in het kwartaal valt. Het einde is de "
    "vastgelegde einddatum; zonder vastgelegd einde de einddatum van het laatste contract als daarna niets volgt "
    "(niet vastgelegd verlies).",
    "Netto = nieuwe banen min verloren banen.",
    "Proefplaatsing omgezet: binnen 31 dagen na het einde begint een arbeidscontract in dezelfde plaatsing; "
    "niet omgezet: de proefplaatsing is geëindigd zonder zo'n contract.",
]
