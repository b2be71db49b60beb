"""The reasons report (docs/rules.md §7, §8): why jobs ended, at which moment, and the learning points."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from baanbehoud.placements.domain import MOMENT_LABELS, Moment
from baanbehoud.placements.models import EmployerIntention

from . import domain
from .charts import hbar_chart
from .suppression import Key, protect
from .table import Cell, Report, ReportTable, render, share, suppress_rows


def reasons_report(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    minimum: int | None,
    reason_labels: dict[str, str],
    show_learning_points: bool,
    answers: Sequence[tuple[date, bool, tuple[str, ...]]] = (),
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

    suppress_rows(rows, count_columns, minimum, groups)
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
    tables += _intention_tables(records, start, end, minimum, reason_labels)
    tables += _answer_tables(answers, start, end, minimum, reason_labels)
    if show_learning_points and table.learning_points:
        tables.append(
            ReportTable(
                "leerpunten",
                "Leerpunten voor een volgende match",
                [("label", "Moment"), ("text", "Leerpunt")],
                [{"label": MOMENT_LABELS[m], "text": t} for m, t in table.learning_points],
            )
        )

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


INTENTION_LABELS = {str(code): str(label) for code, label in EmployerIntention.Kind.choices}


def _intention_tables(
    records: Sequence[domain.PlacementRecord],
    start: date,
    end: date,
    minimum: int | None,
    reason_labels: dict[str, str],
) -> list[ReportTable]:
    """Issue 19 §5: what employers intended before contracts ended, and why those that wanted
    to stop did — before the job was gone."""
    found = domain.intentions_in_period(records, start, end)
    kind_rows: list[dict[str, Cell]] = [
        {"label": label, "contracts": found.kinds.get(code, 0)}
        for code, label in INTENTION_LABELS.items()
    ]
    kind_rows.append({"label": "Totaal", "contracts": sum(found.kinds.values())})
    suppress_rows(kind_rows, ["contracts"], minimum)
    total = kind_rows[-1]["contracts"]
    for row in kind_rows:
        row["share"] = None if row["label"] == "Totaal" else share(row["contracts"], total)
    reason_rows: list[dict[str, Cell]] = [
        {"label": label, "contracts": found.end_reasons[code]}
        for code, label in reason_labels.items()
        if found.end_reasons.get(code)
    ]
    suppress_rows(reason_rows, ["contracts"], minimum, totals=False)
    ends: Cell = found.ends if minimum is None else protect(found.ends, minimum)
    for row in reason_rows:
        row["share"] = share(row["contracts"], ends)
    return [
        ReportTable(
            "voornemens",
            "Voornemens van werkgevers vóór het einde van een contract",
            [("label", "Voornemen"), ("contracts", "Contracten"), ("share", "%")],
            kind_rows,
            note="Per contract het laatste voornemen dat in de periode is vastgelegd.",
        ),
        ReportTable(
            "voornemens-redenen",
            "Waarom werkgevers wilden stoppen",
            [("label", "Reden"), ("contracts", "Contracten"), ("share", "% van wie wilde stoppen")],
            reason_rows,
            note=f"{render(ends)} contracten waarbij de werkgever wilde stoppen; één voornemen kan "
            "meer redenen hebben.",
        ),
    ]


def _answer_tables(
    answers: Sequence[tuple[date, bool, tuple[str, ...]]],
    start: date,
    end: date,
    minimum: int | None,
    reason_labels: dict[str, str],
) -> list[ReportTable]:
    """Issue 19 §3: why employers said no to a proposed candidate, before anyone started."""
    found = domain.answers_in_period(answers, start, end)
    if not found.answers:
        return []
    count = found.answers["not_interested"]
    noes: Cell = count if minimum is None else protect(count, minimum)
    rows: list[dict[str, Cell]] = [
        {"label": label, "proposals": found.no_reasons[code]}
        for code, label in reason_labels.items()
        if found.no_reasons.get(code)
    ]
    suppress_rows(rows, ["proposals"], minimum, totals=False)
    for row in rows:
        row["share"] = share(row["proposals"], noes)
    return [
        ReportTable(
            "voorstellen-redenen",
            "Waarom werkgevers een voorgestelde kandidaat niet wilden",
            [("label", "Reden"), ("proposals", "Voorstellen"), ("share", "% van de nee's")],
            rows,
            note=f"{render(noes)} keer nee op een voorgestelde kandidaat; één antwoord kan meer "
            "redenen hebben.",
        )
    ]


REASONS_DEFINITIONS = [
    "Alle vastgelegde beëindigingen met een einddatum in de periode. Elke reden telt één keer per beëindiging.",
    "Het moment volgt uit de contracten: tijdens de proefplaatsing, bij de stap naar het eerste contract, in het "
    "eerste halfjaar, bij de overstap van tijdelijk naar vast (einde met het laatste toegestane tijdelijke "
    "contract, of de werkgever bood geen vast contract), later met een tijdelijk contract, of na een vast contract.",
    "Voornemens van werkgevers: per tijdelijk contract het laatste voornemen (verlengen, vast, stoppen) dat in "
    "de periode is vastgelegd, vóór het contract afliep; bij stoppen de redenen, elk één keer per contract.",
    "Voorgestelde kandidaten: de antwoorden van werkgevers in de periode op kandidaten van de "
    "organisaties in het rapport (de filters op gemeente, regeling, route en sector gelden hier niet); "
    "bij nee de redenen, elk één keer per voorstel.",
]
