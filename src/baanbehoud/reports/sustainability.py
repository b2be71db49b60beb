"""The sustainability report (docs/reports.md): the UWV measure, survival (Kaplan-Meier) and conversions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from baanbehoud.dates import add_months, format_date_nl
from baanbehoud.persons.models import BenefitScheme, Education
from baanbehoud.placements.models import Route

from . import domain
from .charts import step_chart, survival_panels
from .suppression import Key, protect
from .survival import Curve, kaplan_meier
from .table import Cell, Report, ReportTable, share, suppress_rows

# Row labels are the records' own labels (the model choices), one wording everywhere.
ROUTE_LABELS = {str(code): str(label) for code, label in Route.choices}
REGIME_LABELS = {str(code): str(label) for code, label in BenefitScheme.choices}
EDUCATION_LABELS = {str(code): str(label) for code, label in Education.choices}

SPLITS: dict[str, tuple[str, Callable[[domain.PlacementRecord], str]]] = {
    "route": ("Route", lambda r: ROUTE_LABELS.get(r.route, r.route)),
    "jobcoaching": (
        "Jobcoaching",
        lambda r: "Met jobcoach" if r.jobcoaching else "Zonder jobcoach",
    ),
    "regime": ("Regeling", lambda r: REGIME_LABELS.get(r.regime, r.regime)),
    "sector": ("Sector", lambda r: r.sector or "Onbekend"),
    "education": (
        "Opleiding",
        lambda r: EDUCATION_LABELS.get(r.education, r.education or "Onbekend"),
    ),
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

    uwv_rows: list[dict[str, Cell]] = []
    references = reference_dates(start, end, report_date)
    for reference, m in zip(references, domain.uwv_measures(records, references), strict=True):
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

    suppress_rows(
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
    # Each placement's duration worked out once, for the whole and for its group.
    everything: list[tuple[int, bool]] = []
    grouped: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for record in records:
        group = grouped[key_of(record)]  # a group without durations still gets its row
        point = domain.survival_point(record, report_date)
        if point is not None:
            everything.append(point)
            group.append(point)
    curves: list[Curve] = [kaplan_meier(domain.survival_input_of(everything), "Alle plaatsingen")]
    curves += [
        kaplan_meier(domain.survival_input_of(points), label)
        for label, points in sorted(grouped.items())
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
    suppress_rows(
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
    back_rows: list[dict[str, Cell]] = [
        {
            "label": f"Binnen {b.months} maanden",
            "losses": b.losses,
            "back": b.back,
            "not_back": b.losses - b.back,
        }
        for b in domain.back_at_work(records, start, end, report_date)
    ]
    suppress_rows(
        back_rows,
        ["losses", "back", "not_back"],
        minimum,
        lambda label: [((label, "losses"), [(label, "back"), (label, "not_back")])],
        totals=False,
    )
    for row in back_rows:
        row["share"] = share(row["back"], row["losses"])
    back_at_work = ReportTable(
        "na-baanverlies",
        "Weer aan het werk na baanverlies",
        [
            ("label", "Termijn"),
            ("losses", "Banen verloren"),
            ("back", "Weer aan het werk"),
            ("not_back", "Niet weer aan het werk"),
            ("share", "% weer aan het werk"),
        ],
        back_rows,
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
        tables=[uwv, survival, conversion, back_at_work],
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
    "kwartaalrapportage), of tot de peildatum als de baan nog loopt (Kaplan-Meier). Mediane duur: het "
    "eerste moment waarop de helft of minder nog loopt.",
    "Proefplaatsing naar contract: van de proefplaatsingen die in de periode eindigden, het deel met binnen 31 "
    "dagen een arbeidscontract in dezelfde plaatsing.",
    "Tijdelijk naar vast: van de ketens waarvan het laatste toegestane tijdelijke contract in de periode eindigde, "
    "het deel met binnen 31 dagen een vast contract bij dezelfde werkgever.",
    "Weer aan het werk na baanverlies: van de vastgelegde einden van een baan in de periode, het deel "
    "waarbij de persoon binnen 3, 6 of 12 maanden weer werkt in een andere plaatsing (een tweede baan "
    "die doorloopt telt ook). Een einde telt voor een termijn pas mee als die termijn op de peildatum "
    "voorbij is. Alleen plaatsingen binnen de gekozen filters tellen mee.",
]
