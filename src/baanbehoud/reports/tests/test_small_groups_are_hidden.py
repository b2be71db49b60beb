"""A group of 3 is never visible to a policy officer: not in the page, CSV, Excel or JSON, and
not recoverable from totals or a net figure."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, Ending
from baanbehoud.placements.tests.factories import PlacementFactory
from baanbehoud.reports.suppression import suppress

pytestmark = pytest.mark.django_db
HIDDEN = "< 5"
COMPLEMENTARY = "x"  # hidden only to protect another cell (issue 12 §4c)
NOT_SHOWN = (HIDDEN, COMPLEMENTARY)
PERIOD = {"van": "2025-01-01", "tot": "2025-09-30"}


@pytest.fixture
def region():
    """11 jobs start in 2025-K1: 3 end in 2025-K2 (the small group), 6 in 2025-K3, 2 keep working."""
    municipality = MunicipalityFactory.create()
    for i in range(11):
        placement = PlacementFactory.create(
            person=PersonFactory.create(municipality=municipality, name=f"Geheime Naam {i}")
        )
        ContractPeriod.objects.create(
            placement=placement,
            kind="temporary",
            start=date(2025, 1, 6),
            end=date(2026, 1, 5),
            hours_per_week=Decimal(16),
        )
        if i < 3:
            Ending.objects.create(
                placement=placement, date=date(2025, 5, 15), initiative="employer"
            )
        elif i < 9:
            Ending.objects.create(
                placement=placement, date=date(2025, 8, 15), initiative="employer"
            )
    return municipality


def check_quarterly(rows: list[list[str]]) -> None:
    header, *body = rows
    col = {name: header.index(name) for name in header}
    by_quarter = {r[0]: r for r in body}
    assert by_quarter["2025-K1"][col["Nieuwe banen"]] == "10"  # 11, rounded to a multiple of 5
    assert by_quarter["2025-K2"][col["Banen verloren"]] == HIDDEN
    # net = new - lost would give it away: hidden, as derived (not itself small)
    assert by_quarter["2025-K2"][col["Netto"]] == COMPLEMENTARY
    shown = [cell for r in body for cell in r[1:] if cell not in NOT_SHOWN and cell]
    assert all(int(cell) % 5 == 0 for cell in shown), shown
    quarters = [r for r in body if r[0] != "Totaal"]
    total = by_quarter["Totaal"]
    for name in header[1:]:
        hidden = [r for r in quarters if r[col[name]] in NOT_SHOWN]
        if len(hidden) == 1:
            assert total[col[name]] in NOT_SHOWN, f"the total of '{name}' reveals the hidden cell"
    for r in body:
        lost, parts = (
            r[col["Banen verloren"]],
            [r[col["waarvan einde vastgelegd"]], r[col["waarvan niet vastgelegd"]]],
        )
        if lost not in NOT_SHOWN:
            hidden_parts = [p for p in parts if p in NOT_SHOWN]
            assert len(hidden_parts) != 1, f"{r[0]}: a hidden part follows from the whole"
    assert "3" not in {
        by_quarter["2025-K2"][col[n]]
        for n in ("Banen verloren", "waarvan einde vastgelegd", "Netto")
    }


@pytest.fixture
def officer(client, region):
    client.force_login(
        UserFactory.create(role=Role.BELEIDSMEDEWERKER, organisation=region.organisation)
    )
    return client


def test_page(officer):
    html = officer.get(reverse("report", args=["kwartaal"]), PERIOD).content.decode()
    table = re.search(r'<table class="report-table">(.*?)</table>', html, re.S).group(1)
    rows = [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    check_quarterly(rows)
    assert "Geheime Naam" not in html


def test_csv(officer):
    content = officer.get(
        reverse("report", args=["kwartaal"]), {**PERIOD, "formaat": "csv"}
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    # What was counted comes first (issue 21 §4), then the table under its title.
    assert rows[0] == ["Rapport", "Kwartaalrapportage"] and rows[1][0] == "Periode"
    start = rows.index(["Banen per kwartaal"])
    check_quarterly(rows[start + 1 :])


def test_excel(officer):
    content = officer.get(
        reverse("report", args=["kwartaal"]), {**PERIOD, "formaat": "xlsx"}
    ).content
    book = load_workbook(io.BytesIO(content))
    assert "Definities" in book.sheetnames
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    check_quarterly(rows)


def test_json_from_the_command_line(region):
    out = StringIO()
    call_command(
        "report",
        "quarterly",
        "--from",
        "2025-01-01",
        "--to",
        "2025-09-30",
        "--on",
        "2026-06-30",
        "--format",
        "json",
        stdout=out,
    )
    table = json.loads(out.getvalue())["tables"][0]
    labels = {
        "label": "Kwartaal",
        "new_jobs": "Nieuwe banen",
        "jobs_lost": "Banen verloren",
        "lost_registered": "waarvan einde vastgelegd",
        "lost_unregistered": "waarvan niet vastgelegd",
        "net": "Netto",
    }
    header = [labels.get(c, c) for c in table["columns"]]
    rows = [header] + [
        ["" if row[c] is None else str(row[c]) for c in table["columns"]] for row in table["rows"]
    ]
    check_quarterly(rows)


def test_a_klantmanager_sees_the_real_numbers(client, region):
    client.force_login(UserFactory.create(role=Role.KLANTMANAGER, organisation=region.organisation))
    html = client.get(reverse("report", args=["kwartaal"]), PERIOD).content.decode()
    assert HIDDEN not in re.search(r'<table class="report-table">(.*?)</table>', html, re.S).group(
        1
    )


@pytest.mark.parametrize(
    ("values", "groups", "hidden"),
    [
        (
            {("a", "x"): 3, ("b", "x"): 9, ("t", "x"): 12},
            [(("t", "x"), [("a", "x"), ("b", "x")])],
            {("a", "x"), ("b", "x")},
        ),  # the total would reveal a: hide b too
        (
            {("a", "x"): 3, ("b", "x"): 0, ("t", "x"): 3},
            [(("t", "x"), [("a", "x"), ("b", "x")])],
            {("a", "x"), ("t", "x")},
        ),  # no other part to hide: hide the total
        (
            {("a", "x"): 3, ("b", "x"): 2, ("t", "x"): 5},
            [(("t", "x"), [("a", "x"), ("b", "x")])],
            {("a", "x"), ("b", "x")},
        ),  # two hidden parts: their sum alone reveals neither
        ({("a", "x"): 5, ("b", "x"): 9}, [], set()),
    ],
)
def test_secondary_suppression(values, groups, hidden):
    result = suppress(values, minimum=5, groups=groups)
    assert {k for k, v in result.items() if str(v) in NOT_SHOWN} == hidden
    # A cell hidden only to protect another is labelled apart: it need not be small.
    for key in hidden:
        assert str(result[key]) == (HIDDEN if 0 < values[key] < 5 else COMPLEMENTARY)


def test_the_command_for_one_organisation_counts_what_the_whole_population_filtered_counts(
    region,
):
    """Issue 15: `--organisation` reads that organisation's records only (not the country's
    and then filters) and counts the same."""
    from baanbehoud.persons.models import Person
    from baanbehoud.placements.models import Placement
    from baanbehoud.reports.selectors import records
    from baanbehoud.reports.services import ReportPeriod, apply_filters, build

    name = Person.objects.filter(placements__isnull=False).first().organisation.name
    on, period = (
        date(2026, 6, 30),
        ReportPeriod(date(2025, 1, 1), date(2025, 9, 30), date(2026, 6, 30)),
    )
    out = StringIO()
    call_command("report", "quarterly", "--from", "2025-01-01", "--to", "2025-09-30", "--on",
                 "2026-06-30", "--organisation", name, "--no-suppression", stdout=out)  # fmt: skip
    expected = build(
        "kwartaal",
        apply_filters(records(Placement.objects.all(), on), {"organisatie": name}),
        period,
        suppressed=False,
        user_may_see_persons=False,
    )
    rows = json.loads(out.getvalue())["tables"][0]["rows"]
    assert [r["new_jobs"] for r in rows] == [r["new_jobs"] for r in expected.tables[0].rows]
    assert sum(r["new_jobs"] for r in rows[:-1]) > 0
