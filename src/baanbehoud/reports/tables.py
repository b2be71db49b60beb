"""Each report as tables of labelled rows and columns: the same structure feeds the page, the
chart's data table, CSV, Excel, JSON and the command line. Suppression happens here, once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from baanbehoud.dates import add_months, format_date_nl
from baanbehoud.placements.domain import MOMENT_LABELS, Moment

from . import domain
from .suppression import Key, Suppressed, protect, suppress
from .survival import Curve, kaplan_meier

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


def _total(rows: Sequence[dict[str, Cell]], column: str) -> int:
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


def _apply(
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


# Quarterly ---------------------------------------------------------------------------------


def quarterly_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    report_date: date,
    minimum: int | None,
) -> Report:
    from .charts import bar_chart

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
    rows.append({"label": "Totaal", **{c: _total(rows, c) for c in counts}})

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

    _apply(rows, counts, minimum, groups)
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


# Sustainability ------------------------------------------------------------------------------

ROUTE_LABELS = {
    "wsp": "Via het WSP",
    "self": "Zelf gevonden",
    "reintegration": "Re-integratiebedrijf",
    "agency": "Uitzendbureau",
    "other": "Anders",
}
REGIME_LABELS = {"wajong": "Wajong", "participatiewet": "Participatiewet", "other": "Anders"}

SPLITS: dict[str, tuple[str, Callable[[domain.PlacementRecord], str]]] = {
    "route": ("Route", lambda r: ROUTE_LABELS.get(r.route, r.route)),
    "jobcoaching": (
        "Jobcoaching",
        lambda r: "Met jobcoach" if r.jobcoaching else "Zonder jobcoach",
    ),
    "regime": ("Regeling", lambda r: REGIME_LABELS.get(r.regime, r.regime)),
    "sector": ("Sector", lambda r: r.sector or "Onbekend"),
    "education": ("Opleiding", lambda r: r.education or "unknown"),
}


def reference_dates(start: date, end: date, report_date: date) -> list[date]:
    """The first day of each quarter in the period that lies at least a year before the report date."""
    result = []
    for year, quarter in domain.quarters_between(start, end):
        day = date(year, 3 * quarter - 2, 1)
        if start <= day <= end and add_months(day, 12) <= report_date:
            result.append(day)
    return result


def sustainability_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    report_date: date,
    minimum: int | None,
    split: str = "route",
) -> Report:
    from .charts import step_chart, survival_panels

    uwv_rows: list[dict[str, Cell]] = []
    for reference in reference_dates(start, end, report_date):
        m = domain.uwv_measure(records, reference)
        uwv_rows.append(
            {
                "label": format_date_nl(reference),
                "persons": m.persons,
                "still_at_work": m.still_at_work,
                "same_employer": m.same_employer,
                "other_employer": m.still_at_work - m.same_employer,
                "not_at_work": m.not_at_work,
            }
        )

    def uwv_groups(label: str) -> list[tuple[Key, list[Key]]]:
        return [
            ((label, "persons"), [(label, "still_at_work"), (label, "not_at_work")]),
            ((label, "still_at_work"), [(label, "same_employer"), (label, "other_employer")]),
        ]

    _apply(
        uwv_rows,
        ["persons", "still_at_work", "same_employer", "other_employer", "not_at_work"],
        minimum,
        uwv_groups,
        totals=False,
    )
    for row in uwv_rows:
        row["share_any"] = share(row["still_at_work"], row["persons"])
        row["share_same"] = share(row["same_employer"], row["persons"])
    uwv = ReportTable(
        "uwv",
        "Nog aan het werk na een jaar (UWV-maat)",
        [
            ("label", "Peildatum"),
            ("persons", "Aan het werk op peildatum"),
            ("still_at_work", "Een jaar later aan het werk"),
            ("same_employer", "bij dezelfde werkgever"),
            ("other_employer", "bij een andere werkgever"),
            ("not_at_work", "Niet meer aan het werk"),
            ("share_any", "% nog aan het werk"),
            ("share_same", "% bij dezelfde werkgever"),
        ],
        uwv_rows,
    )

    split_label, key_of = SPLITS.get(split, SPLITS["route"])
    grouped: dict[str, list[domain.PlacementRecord]] = defaultdict(list)
    for record in records:
        grouped[key_of(record)].append(record)
    curves: list[Curve] = [
        kaplan_meier(domain.survival_input(records, report_date), "Alle plaatsingen")
    ]
    curves += [
        kaplan_meier(domain.survival_input(group, report_date), label)
        for label, group in sorted(grouped.items())
    ]
    survival_rows: list[dict[str, Cell]] = []
    shown_curves = []
    for curve in curves:
        # A curve (and its median and 12-month share) tells how many ended and how many did
        # not: for aggregate roles it is shown only when both groups have the minimum.
        hidden = minimum is not None and (
            curve.events < minimum or curve.n - curve.events < minimum
        )
        if not hidden and curve.n:
            shown_curves.append(curve)
        survival_rows.append(
            {
                "label": curve.label,
                "n": curve.n if minimum is None else protect(curve.n, minimum),
                "events": curve.events if minimum is None else protect(curve.events, minimum),
                "median": None if hidden else _round(curve.median_months),
                "at_12": None if hidden else _pct(curve.at_12),
                "at_12_lower": None if hidden else _pct(curve.at_12_lower),
                "at_12_upper": None if hidden else _pct(curve.at_12_upper),
            }
        )
    survival = ReportTable(
        "overleving",
        f"Overleving van plaatsingen, per {split_label.lower()}",
        [
            ("label", split_label),
            ("n", "Plaatsingen"),
            ("events", "Geëindigd"),
            ("median", "Mediane duur (maanden)"),
            ("at_12", "% na 12 maanden nog aan het werk"),
            ("at_12_lower", "95%-betrouwbaarheid: ondergrens"),
            ("at_12_upper", "bovengrens"),
        ],
        survival_rows,
        note="Kaplan-Meier, vanaf het eerste arbeidscontract; plaatsingen die nog lopen tellen mee tot de peildatum.",
    )

    trial = domain.trial_conversion(records, start, end, report_date)
    permanent = domain.permanent_conversion(records, start, end)
    conversion_rows: list[dict[str, Cell]] = [
        {
            "label": "Proefplaatsing naar contract",
            "total": trial.total,
            "converted": trial.converted,
            "not_converted": trial.total - trial.converted,
        },
        {
            "label": "Tijdelijk naar vast (bij de ketenbepaling)",
            "total": permanent.total,
            "converted": permanent.converted,
            "not_converted": permanent.total - permanent.converted,
        },
    ]
    _apply(
        conversion_rows,
        ["total", "converted", "not_converted"],
        minimum,
        lambda label: [((label, "total"), [(label, "converted"), (label, "not_converted")])],
        totals=False,
    )
    for row in conversion_rows:
        row["share"] = share(row["converted"], row["total"])
    conversion = ReportTable(
        "omzetting",
        "Omzetting",
        [
            ("label", "Overgang"),
            ("total", "Aantal"),
            ("converted", "Gelukt"),
            ("not_converted", "Niet gelukt"),
            ("share", "% gelukt"),
        ],
        conversion_rows,
    )
    # More than a few groups: one small chart each (small multiples), not a tangle of lines.
    many = len(shown_curves) > 4 and shown_curves[0].label == "Alle plaatsingen"
    draw = survival_panels if many else step_chart
    chart = draw(
        title=f"Overleving van plaatsingen per {split_label.lower()}",
        description="Lijndiagram (Kaplan-Meier): het deel van de plaatsingen dat na een aantal maanden nog "
        "loopt. De tabel hieronder geeft de mediane duur en het percentage na 12 maanden.",
        series=[(c.label, c.points) for c in shown_curves],
    )
    return Report(
        key="duurzaamheid",
        title="Duurzaamheid",
        tables=[uwv, survival, conversion],
        definitions=SUSTAINABILITY_DEFINITIONS,
        charts=[chart],
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


SUSTAINABILITY_DEFINITIONS = [
    "UWV-maat: van de personen met een arbeidscontract op de peildatum, het deel dat een jaar later een "
    "arbeidscontract heeft bij een werkgever, en bij dezelfde werkgever (KvK-nummer).",
    "Overleving: van het begin van het eerste arbeidscontract tot het einde van de baan (zoals bij de "
    "kwartaalrapportage), of tot de peildatum als de baan nog loopt (Kaplan-Meier).",
    "Proefplaatsing naar contract: van de proefplaatsingen die in de periode eindigden, het deel met binnen 31 "
    "dagen een arbeidscontract in dezelfde plaatsing.",
    "Tijdelijk naar vast: van de ketens waarvan het laatste toegestane tijdelijke contract in de periode eindigde, "
    "het deel met binnen 31 dagen een vast contract bij dezelfde werkgever.",
]


# Reasons -------------------------------------------------------------------------------------


def reasons_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    minimum: int | None,
    reason_labels: dict[str, str],
    show_learning_points: bool,
) -> Report:
    table = domain.reasons_by_moment(records, start, end)
    moments = list(Moment)
    codes = [code for code in reason_labels if table.reason_total(code)]
    rows: list[dict[str, Cell]] = []
    for code in codes:
        row: dict[str, Cell] = {"label": reason_labels[code]}
        for moment in moments:
            row[moment.value] = table.counts.get((code, moment), 0)
        row["total"] = table.reason_total(code)
        rows.append(row)
    rows.append(
        {
            "label": "Totaal",
            **{m.value: table.moment_total(m) for m in moments},
            "total": sum(table.reason_total(c) for c in codes),
        }
    )
    count_columns = [m.value for m in moments] + ["total"]

    def groups(label: str) -> list[tuple[Key, list[Key]]]:
        return [((label, "total"), [(label, m.value) for m in moments])]

    _apply(rows, count_columns, minimum, groups)
    endings: Cell = table.endings if minimum is None else protect(table.endings, minimum)
    for row in rows:
        row["share"] = None if row["label"] == "Totaal" else share(row["total"], endings)
    columns = (
        [("label", "Reden")]
        + [(m.value, MOMENT_LABELS[m]) for m in moments]
        + [("total", "Totaal"), ("share", "% van de beëindigingen")]
    )
    tables = [
        ReportTable(
            "redenen",
            "Redenen van baanverlies naar moment",
            columns,
            rows,
            note=f"{render(endings)} vastgelegde beëindigingen in de periode; één beëindiging kan "
            "meer redenen hebben.",
        )
    ]
    if show_learning_points and table.learning_points:
        tables.append(
            ReportTable(
                "leerpunten",
                "Leerpunten voor een volgende match",
                [("label", "Moment"), ("text", "Leerpunt")],
                [{"label": MOMENT_LABELS[m], "text": t} for m, t in table.learning_points],
            )
        )
    from .charts import hbar_chart

    chart = hbar_chart(
        title="Redenen van baanverlies",
        description="Staafdiagram: hoe vaak elke reden voorkwam bij de beëindigingen in de periode. "
        "De tabel hieronder geeft de aantallen per moment.",
        rows=[(str(row["label"]), row["total"]) for row in rows if row["label"] != "Totaal"],
    )
    return Report(
        key="redenen",
        title="Redenen van baanverlies",
        tables=tables,
        definitions=REASONS_DEFINITIONS,
        charts=[chart],
    )


REASONS_DEFINITIONS = [
    "Alle vastgelegde beëindigingen met een einddatum in de periode. Elke reden telt één keer per beëindiging.",
    "Het moment volgt uit de contracten: tijdens de proefplaatsing, bij de stap naar het eerste contract, in het "
    "eerste halfjaar, bij de overstap van tijdelijk naar vast (einde met het laatste toegestane tijdelijke "
    "contract, of de werkgever bood geen vast contract), later met een tijdelijk contract, of na een vast contract.",
]


# Execution -----------------------------------------------------------------------------------


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
        rows.append({"label": "Totaal", **{c: _total(rows, c) for c in count_columns}})
    _apply(
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
    tables = [ReportTable("uitvoering", "Uitvoering per organisatie", columns, rows)]
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
    from .charts import hbar_chart

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


EXECUTION_DEFINITIONS = [
    "Lopende plaatsingen: een arbeidscontract loopt op de peildatum en er is geen einde vastgelegd.",
    "Caseload: personen met een lopende plaatsing per vaste contactpersoon.",
    "Evaluaties: momenten na 6 weken, 3 maanden en 6 maanden die in de periode vielen; op tijd als de evaluatie "
    "is gedaan binnen de marge van de organisatie rond het moment (standaard 14 dagen).",
    "Zorgsignalen in de periode: opgepakt binnen 2 dagen, later, of nog open.",
    "Contact op tijd: geen openstaand signaal 'Tijd voor contact' op de peildatum, met de termijnen die de "
    "organisatie heeft ingesteld (standaard elke 3 maanden bij een tijdelijk contract, elke 6 maanden bij een "
    "vast contract of zelf gevonden werk).",
]
