"""The execution report (docs/reports.md): whether the recommendations are carried out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from . import domain
from .charts import hbar_chart
from .suppression import protect
from .table import Cell, Report, ReportTable, share, suppress_rows, total


def execution_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    report_date: date,
    minimum: int | None,
    contact_names: dict[int, str] | None,
) -> Report:
    by_org: dict[str, list[domain.PlacementRecord]] = defaultdict(list)
    for record in records:
        by_org[record.organisation].append(record)
    count_columns = [
        "running",
        "persons_without_contact",
        "employers_without_contact",
        "evaluations_on_time",
        "evaluations_late",
        "evaluations_missed",
        "concerns_on_time",
        "concerns_late",
        "concerns_open",
        "contact_kept",
        "contact_not_kept",
    ]
    rows: list[dict[str, Cell]] = []
    caseload_rows: list[dict[str, Cell]] = []
    for organisation, group in sorted(by_org.items()):
        e = domain.execution(group, start, end, report_date)
        rows.append(
            {
                "label": organisation,
                "running": e.running,
                "persons_without_contact": e.persons_without_contact,
                "employers_without_contact": e.employers_without_contact,
                "evaluations_on_time": e.evaluations_on_time,
                "evaluations_late": e.evaluations_late,
                "evaluations_missed": e.evaluations_missed,
                "concerns_on_time": e.concerns_on_time,
                "concerns_late": e.concerns_late,
                "concerns_open": e.concerns_open,
                "contact_kept": e.contact_kept,
                "contact_not_kept": e.running - e.contact_kept,
            }
        )
        if contact_names is not None:
            for person_id, load in sorted(e.caseload.items(), key=lambda kv: -kv[1]):
                caseload_rows.append(
                    {
                        "label": contact_names.get(person_id, "?"),
                        "organisation": organisation,
                        "caseload": load,
                    }
                )
        elif e.caseload:
            loads = list(e.caseload.values())
            caseload_rows.append(
                {
                    "label": organisation,
                    "contacts": len(loads) if minimum is None else protect(len(loads), minimum),
                    "average": round(sum(loads) / len(loads), 1 if minimum is None else 0),
                    "maximum": max(loads) if minimum is None else protect(max(loads), minimum),
                }
            )
    if rows:
        rows.append({"label": "Totaal", **{c: total(rows, c) for c in count_columns}})
    suppress_rows(
        rows,
        count_columns,
        minimum,
        lambda label: [
            ((label, "running"), [(label, "contact_kept"), (label, "contact_not_kept")])
        ],
    )
    for row in rows:
        row["contact_share"] = share(row["contact_kept"], row["running"])
    columns = [
        ("label", "Organisatie"),
        ("running", "Lopende plaatsingen"),
        ("persons_without_contact", "Personen zonder contactpersoon"),
        ("employers_without_contact", "Werkgevers zonder contactpersoon"),
        ("evaluations_on_time", "Evaluaties op tijd"),
        ("evaluations_late", "Evaluaties te laat"),
        ("evaluations_missed", "Evaluaties niet gedaan"),
        ("concerns_on_time", "Zorgsignalen binnen 2 dagen"),
        ("concerns_late", "Zorgsignalen later"),
        ("concerns_open", "Zorgsignalen open"),
        ("contact_kept", "Contact op tijd"),
        ("contact_not_kept", "Contact te laat"),
        ("contact_share", "% contact op tijd"),
    ]
    tables = [
        ReportTable("uitvoering", "Uitvoering per organisatie", columns, rows),
        _wage_values(by_org, start, end, minimum),
    ]
    if contact_names is not None:
        tables.append(
            ReportTable(
                "caseload",
                "Caseload per contactpersoon",
                [
                    ("label", "Contactpersoon"),
                    ("organisation", "Organisatie"),
                    ("caseload", "Personen met werk"),
                ],
                caseload_rows,
            )
        )
    else:
        tables.append(
            ReportTable(
                "caseload",
                "Caseload per organisatie",
                [
                    ("label", "Organisatie"),
                    ("contacts", "Contactpersonen"),
                    ("average", "Gemiddelde caseload"),
                    ("maximum", "Grootste caseload"),
                ],
                caseload_rows,
            )
        )

    chart = hbar_chart(
        title="Contact op tijd per organisatie",
        description="Staafdiagram: het percentage lopende plaatsingen waarbij het contact op tijd "
        "was, per uitvoeringsorganisatie. De tabel hieronder geeft alle cijfers.",
        rows=[
            (str(row["label"]), row["contact_share"]) for row in rows if row["label"] != "Totaal"
        ],
        unit="%",
    )
    return Report(
        key="uitvoering",
        title="Uitvoering",
        tables=tables,
        definitions=EXECUTION_DEFINITIONS,
        charts=[chart],
    )


def _wage_values(
    by_org: dict[str, list[domain.PlacementRecord]], start: date, end: date, minimum: int | None
) -> ReportTable:
    """Issue 20 §3: the loonwaarde measurements in the period per organisation."""
    columns = ["measured", "internal", "external", "disputed"]
    rows: list[dict[str, Cell]] = []
    for organisation, group in sorted(by_org.items()):
        counts = domain.wage_values_in_period(group, start, end)
        if counts.measured:
            rows.append({"label": organisation, **{c: getattr(counts, c) for c in columns}})
    if rows:
        rows.append({"label": "Totaal", **{c: total(rows, c) for c in columns}})
    suppress_rows(
        rows,
        columns,
        minimum,
        lambda label: [((label, "measured"), [(label, "internal"), (label, "external")])],
    )
    return ReportTable(
        "loonwaarde",
        "Loonwaardemetingen per organisatie",
        [
            ("label", "Organisatie"),
            ("measured", "Metingen"),
            ("internal", "Door de eigen organisatie"),
            ("external", "Door een extern bureau"),
            ("disputed", "Betwist"),
        ],
        rows,
    )


EXECUTION_DEFINITIONS = [
    "Lopende plaatsingen: een arbeidscontract loopt op de peildatum en er is geen einde vastgelegd.",
    "Caseload: personen met een lopende plaatsing per vaste contactpersoon.",
    "Evaluaties: momenten na 6 weken, 3 maanden en 6 maanden die in de periode vielen; op tijd als de evaluatie "
    "is gedaan binnen de marge van de organisatie rond het moment (standaard 14 dagen).",
    "Zorgsignalen in de periode: opgepakt binnen 2 dagen, later, of nog open.",
    "Loonwaardemetingen: metingen met een datum in de periode, door de eigen organisatie of een extern "
    "bureau, en hoeveel daarvan worden betwist.",
    "Contact op tijd: geen openstaand signaal 'Tijd voor contact' op de peildatum, met de termijnen die de "
    "organisatie heeft ingesteld (standaard elke 3 maanden bij een tijdelijk contract, elke 6 maanden bij een "
    "vast contract of zelf gevonden werk).",
]
