"""Sick reports in the exchange format (issue 20 §1): the list `sick_reports`, additive.
Imported on placement and first day, all or nothing, with the page's rules (one sickness at a
time, in the document and stored); exported as imported; the undo takes them back."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document
from baanbehoud.guidance.models import SickReport
from baanbehoud.placements.models import Placement
from baanbehoud.signals.selectors import open_signal_rows

from .test_import import reject, row_counts

pytestmark = pytest.mark.django_db

EARLIER = {
    "placement": "pl1", "first_day": "2025-04-07", "expected_return": "2025-04-21",
    "works_partly": False, "recovered_on": "2025-04-17", "reported_by": "employer",
    "note": "Griep.",
}  # fmt: skip
LATER = {
    "placement": "pl1", "first_day": "2025-11-03", "expected_return": None,
    "works_partly": True, "recovered_on": None, "reported_by": "worker", "note": "",
}  # fmt: skip


@pytest.fixture
def sick(document):
    document["sick_reports"] = [copy.deepcopy(LATER), copy.deepcopy(EARLIER)]
    return document


def test_sick_reports_import_and_twice_changes_nothing(sick):
    result = import_document(sick)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["sick_reports"] == {
        "created": 2, "updated": 0, "unchanged": 0,
    }  # fmt: skip
    assert list(
        SickReport.objects.order_by("first_day").values_list(
            "first_day", "recovered_on", "works_partly", "reported_by"
        )
    ) == [
        (date(2025, 4, 7), date(2025, 4, 17), False, "employer"),
        (date(2025, 11, 3), None, True, "worker"),
    ]
    before = row_counts()
    again = import_document(sick)
    assert again.as_json()["counts"]["sick_reports"]["unchanged"] == 2
    assert row_counts() == before


def test_the_open_one_is_on_the_worklist_from_its_first_day(sick):
    assert import_document(sick).ok
    rows = open_signal_rows(Placement.objects.all(), date(2025, 11, 3))
    assert [r.signal.due for r in rows if r.signal.code == "SICK_REPORTED"] == [date(2025, 11, 3)]


def test_a_document_closes_a_stored_report_and_opens_the_next(sick):
    """The stored open report recovered and a new one in the same document: written in that
    order, so the placement never has two open at once."""
    sick["sick_reports"] = [dict(EARLIER, recovered_on=None)]
    assert import_document(sick).ok
    sick["sick_reports"] = [copy.deepcopy(LATER), copy.deepcopy(EARLIER)]
    result = import_document(sick)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["sick_reports"] == {
        "created": 1, "updated": 1, "unchanged": 0,
    }  # fmt: skip
    assert SickReport.objects.filter(recovered_on__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("reports", "problem"),
    [
        (
            [dict(EARLIER, placement="pl9")],
            "sick_reports[0].placement: plaatsing 'pl9' bestaat niet.",
        ),
        (
            [dict(EARLIER, recovered_on="2025-04-07")],
            "sick_reports[0].recovered_on: De dag van herstel (weer aan het werk) ligt na de "
            "eerste ziektedag.",
        ),
        (
            [dict(EARLIER, expected_return="2025-04-01")],
            "sick_reports[0].expected_return: De verwachte terugkeer ligt na de eerste ziektedag.",
        ),
        (
            [dict(EARLIER, reported_by="buurman")],
            "sick_reports[0].reported_by: onbekende code 'buurman'; kies uit: Werknemer "
            "(worker), Werkgever (employer), Jobcoach (jobcoach), Contactpersoon (professional).",
        ),
        (
            [dict(EARLIER, works_partly="ja")],
            "sick_reports[0].works_partly: moet true of false zijn.",
        ),
        (
            [LATER, dict(LATER, first_day="2025-12-01")],
            (
                "sick_reports[0].first_day: Er loopt al een ziekmelding (ziek sinds 1 december "
                "2025). Meld eerst het herstel, of pas die ziekmelding aan.",
                "sick_reports[1].first_day: Er loopt al een ziekmelding (ziek sinds 3 november "
                "2025). Meld eerst het herstel, of pas die ziekmelding aan.",
            ),
        ),
        (
            [EARLIER, dict(EARLIER, note="Nog eens.")],
            "sick_reports[1].first_day: deze plaatsing heeft al een ziekmelding met die eerste "
            "ziektedag (sick_reports[0]).",
        ),
    ],
)
def test_bad_input_names_the_json_path_and_nothing_is_written(document, reports, problem):
    document["sick_reports"] = reports
    result = reject(document, *((problem,) if isinstance(problem, str) else problem))
    assert not result.ok


def test_an_open_report_stored_refuses_a_second_in_a_document(sick):
    sick["sick_reports"] = [copy.deepcopy(LATER)]
    assert import_document(sick).ok
    sick["sick_reports"] = [dict(LATER, first_day="2025-12-01")]
    reject(
        sick,
        "sick_reports[0].first_day: Er loopt al een ziekmelding (ziek sinds 3 november 2025). "
        "Meld eerst het herstel, of pas die ziekmelding aan.",
    )


def test_export_gives_back_what_was_imported_and_pseudonymises_the_note(sick):
    assert import_document(sick).ok
    assert export_document()["sick_reports"] == [EARLIER, LATER]
    pseudonymised = export_document(pseudonymise=True)["sick_reports"]
    assert {s["note"] for s in pseudonymised} == {""}
    assert pseudonymised[0]["placement"] != "pl1"
    assert pseudonymised[0]["first_day"] == "2025-04-07"
