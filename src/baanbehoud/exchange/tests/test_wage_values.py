"""Loonwaarde measurements in the exchange format (issue 20 §3): the list `wage_values`,
additive. Imported on placement and date, all or nothing, with the page's rules; exported as
imported; the latest one's re-measurement on the worklist."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document
from baanbehoud.placements.models import Placement, WageValue
from baanbehoud.signals.selectors import open_signal_rows

from .test_import import reject, row_counts

pytestmark = pytest.mark.django_db

MEASURED = {
    "placement": "pl1", "date": "2025-04-01", "method": "dariuz", "measurer": "external",
    "measured_by": "Bureau Meten", "outcome": 60, "hours_per_week": 16, "disputed": True,
    "dispute_note": "De werkgever vindt het te hoog.", "next_measurement": "2026-01-01",
}  # fmt: skip


@pytest.fixture
def measured(document):
    document["wage_values"] = [copy.deepcopy(MEASURED)]
    return document


def test_wage_values_import_export_and_twice_changes_nothing(measured):
    result = import_document(measured)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["wage_values"]["created"] == 1
    value = WageValue.objects.get()
    assert (value.outcome, value.measurer, value.disputed) == (60, "external", True)
    assert export_document()["wage_values"] == [MEASURED]
    pseudonymised = export_document(pseudonymise=True)["wage_values"][0]
    assert pseudonymised["dispute_note"] == "" and pseudonymised["outcome"] == 60
    before = row_counts()
    assert import_document(measured).as_json()["counts"]["wage_values"]["unchanged"] == 1
    assert row_counts() == before


def test_the_re_measurement_is_on_the_worklist_a_month_before(measured):
    assert import_document(measured).ok
    rows = open_signal_rows(Placement.objects.all(), date(2025, 12, 1))
    assert [r.signal.due for r in rows if r.signal.code == "WAGE_VALUE_DUE"] == [date(2025, 12, 1)]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"outcome": 120}, "wage_values[0].outcome: moet tussen 0 en 100 liggen."),
        (
            {"outcome": 62.5},
            "wage_values[0].outcome: moet een heel getal van 0 tot en met 100 zijn.",
        ),
        (
            {"next_measurement": "2025-03-01"},
            "wage_values[0].next_measurement: De volgende meting ligt na de datum van deze meting.",
        ),
        (
            {"dispute_note": ""},
            "wage_values[0].dispute_note: Schrijf op waarover de meting wordt betwist.",
        ),
        ({"placement": "pl9"}, "wage_values[0].placement: plaatsing 'pl9' bestaat niet."),
    ],
)
def test_bad_input_names_the_json_path_and_nothing_is_written(document, change, problem):
    document["wage_values"] = [dict(MEASURED, **change)]
    assert not reject(document, problem).ok


def test_two_measurements_of_a_placement_on_one_day_are_refused(document):
    document["wage_values"] = [MEASURED, dict(MEASURED, outcome=50)]
    reject(
        document,
        "wage_values[1].date: deze plaatsing heeft op die dag al een meting (wage_values[0]).",
    )
