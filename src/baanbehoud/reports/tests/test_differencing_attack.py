"""Issue 12 §4: a policy officer cannot recover a count below 5 by subtracting two reports: not
over overlapping periods, not over a split against its total. The attack runs over the demo
region for every report, a range of requested periods and every municipality and regime."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations

import pytest

from baanbehoud.demo.services import demo_load
from baanbehoud.organisations.models import Organisation, Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.reports import services
from baanbehoud.reports.selectors import records, report_population
from baanbehoud.reports.table import json_value

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
REQUESTED = [  # (from, to) as an officer might type them: overlapping, ragged, nested
    (date(2024, 1, 1), date(2026, 9, 30)),
    (date(2024, 1, 1), date(2026, 11, 29)),
    (date(2024, 2, 15), date(2026, 8, 31)),
    (date(2025, 1, 1), date(2026, 9, 30)),
    (date(2025, 4, 1), date(2026, 6, 30)),
]


@pytest.fixture(scope="module")
def shown(django_db_setup, django_db_blocker):
    """Every count a policy officer is shown: {(report, table, row, column, filter): {period:
    value}}."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        demo_load(seed=2020, today=TODAY)
        officer = UserFactory.create(
            role=Role.BELEIDSMEDEWERKER, organisation=Organisation.objects.get(ref="GU")
        )
        everything = records(report_population(officer), TODAY)
        options = services.filter_options(everything)
        filters = [("", "")] + [
            (name, value) for name in ("gemeente", "regeling") for value, _l in options[name]
        ]
        cells: dict[tuple, dict[tuple, object]] = defaultdict(dict)
        for requested in REQUESTED:
            period = services.effective_period(officer, services.ReportPeriod(*requested, TODAY))
            for name, value in filters:
                found = services.apply_filters(everything, {name: value} if name else {})
                for kind in services.KINDS:
                    report = services.build(
                        kind, found, period, suppressed=True, user_may_see_persons=False
                    )
                    for table in report.tables:
                        for row in table.rows:
                            for column, _label in table.columns[1:]:
                                key = (kind, table.key, str(row["label"]), column, name, value)
                                cells[key][(period.start, period.end)] = json_value(row.get(column))
        yield cells
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def test_every_count_shown_is_zero_or_a_multiple_of_five(shown):
    odd = {
        key: value
        for key, by_period in shown.items()
        for value in by_period.values()
        if (count := _count(value)) is not None and count % 5
    }
    assert not odd, list(odd.items())[:5]


def test_overlapping_periods_reveal_no_small_count(shown):
    recovered = []
    for key, by_period in shown.items():
        for (p1, v1), (p2, v2) in combinations(by_period.items(), 2):
            a, b = _count(v1), _count(v2)
            if a is not None and b is not None and 0 < abs(a - b) < 5:
                recovered.append((key, p1, p2, a, b))
    assert not recovered, recovered[:5]


def test_a_split_against_its_total_reveals_no_small_count(shown):
    """The region's figure minus the sum of its municipalities (or regimes)."""
    recovered = []
    for key, by_period in shown.items():
        kind, table, row, column, name, _value = key
        if name:
            continue
        for split in ("gemeente", "regeling"):
            for period, total in by_period.items():
                parts = [
                    by_p.get(period)
                    for k, by_p in shown.items()
                    if k[:4] == (kind, table, row, column) and k[4] == split
                ]
                whole = _count(total)
                counts = [_count(p) for p in parts]
                if whole is None or not counts or None in counts:
                    continue
                rest = whole - sum(c for c in counts if c is not None)
                if 0 < abs(rest) < 5:
                    recovered.append((key, split, period, total, parts))
    assert not recovered, recovered[:5]


def test_periods_are_whole_quarters(shown):
    periods = {period for by_period in shown.values() for period in by_period}
    for start, end in periods:
        assert start.day == 1 and start.month in (1, 4, 7, 10)
        assert (end.month, end.day) in ((3, 31), (6, 30), (9, 30), (12, 31))
