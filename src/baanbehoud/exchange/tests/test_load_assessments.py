"""Load-capacity assessments in the exchange format (issue 20 §4): the list `load_assessments`,
additive. Imported on person and date, all or nothing, with the page's rules; the profile takes
the latest; exported as imported."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.exchange import importer
from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document
from baanbehoud.persons.models import CandidateProfile, LoadAssessment
from baanbehoud.placements.models import HoursStep

from .test_import import reject, row_counts

pytestmark = pytest.mark.django_db

EARLIER = {
    "person": "p1", "date": "2025-02-01", "hours_per_week": 24, "hours_per_day": 6,
    "work_pressure": "medium", "stimuli": "low", "physical": "high", "course": "stable",
    "next_review": None, "notes": "Kan goed tillen.", "by": "c1",
}  # fmt: skip
LATER = {
    "person": "p1", "date": "2025-09-01", "hours_per_week": 16, "hours_per_day": None,
    "work_pressure": "low", "stimuli": None, "physical": None, "course": "progressive",
    "next_review": "2025-12-01", "notes": "Wordt sneller moe.", "by": None,
}  # fmt: skip


@pytest.fixture
def assessed(document):
    # The later one first: the profile follows the latest date, not the document's order.
    document["load_assessments"] = [copy.deepcopy(LATER), copy.deepcopy(EARLIER)]
    return document


def profile_load(person_ref="p1"):
    p = CandidateProfile.objects.get(person__ref=person_ref)
    return (p.load_hours_per_week, p.load_work_pressure, p.load_notes)


def test_assessments_import_the_latest_is_the_capacity_and_twice_changes_nothing(assessed):
    result = import_document(assessed)
    assert result.ok, result.problems
    counts = result.as_json()["counts"]["load_assessments"]
    assert counts == {"created": 2, "updated": 0, "unchanged": 0}
    assert list(LoadAssessment.objects.values_list("date", "hours_per_week", "course")) == [
        (date(2025, 9, 1), Decimal(16), "progressive"),
        (date(2025, 2, 1), Decimal(24), "stable"),
    ]
    assert LoadAssessment.objects.get(date=date(2025, 2, 1)).by.ref == "c1"
    assert profile_load() == (Decimal(16), "low", "Wordt sneller moe.")
    before = row_counts()
    again = import_document(assessed)
    assert again.as_json()["counts"]["load_assessments"] == {
        "created": 0, "updated": 0, "unchanged": 2,
    }  # fmt: skip
    assert row_counts() == before
    # A changed later assessment updates it, and the profile with it.
    assessed["load_assessments"][0]["hours_per_week"] = 12
    assert import_document(assessed).as_json()["counts"]["load_assessments"]["updated"] == 1
    assert profile_load()[0] == Decimal(12)


def test_an_older_assessment_joins_the_history_only(assessed):
    assert import_document(assessed).ok
    older = dict(EARLIER, date="2024-06-01", hours_per_week=40, notes="Oud.")
    assessed["load_assessments"] = [older]
    assert import_document(assessed).ok
    assert LoadAssessment.objects.count() == 3
    assert profile_load() == (Decimal(16), "low", "Wordt sneller moe.")


def test_the_review_signal_follows_an_imported_assessment(assessed):
    from baanbehoud.placements.models import Placement
    from baanbehoud.signals.selectors import open_signal_rows

    # pl1 runs to 2026-09-30 in the example: the review of 1 December 2025 is on it.
    assert import_document(assessed).ok
    rows = open_signal_rows(Placement.objects.all(), date(2025, 12, 1))
    assert [(r.signal.code, r.signal.due) for r in rows if r.signal.code == "LOAD_REVIEW_DUE"] == [
        ("LOAD_REVIEW_DUE", date(2025, 12, 1))
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"person": "p9"}, "load_assessments[0].person: persoon 'p9' bestaat niet."),
        ({"hours_per_week": 70}, "load_assessments[0].hours_per_week: moet tussen 0 en 60 liggen."),
        (
            {"hours_per_day": 8, "hours_per_week": 6},
            "load_assessments[0].hours_per_day: Uren per dag kunnen niet meer zijn dan uren per "
            "week.",
        ),
        (
            {"next_review": "2025-01-01"},
            "load_assessments[0].next_review: De volgende beoordeling ligt na de datum van deze "
            "beoordeling.",
        ),
        (
            {"course": "worse"},
            "load_assessments[0].course: onbekende code 'worse'; kies uit: Stabiel (stable), "
            "Wisselend (fluctuating), Gaat achteruit (progressive).",
        ),
        (
            {"date": "2099-01-01"},
            "load_assessments[0].date: Deze datum ligt in de toekomst. Vul de datum in waarop het "
            "gebeurde.",
        ),
    ],
)
def test_bad_input_names_the_json_path_and_nothing_is_written(document, change, problem):
    document["load_assessments"] = [dict(EARLIER, **change)]
    result = reject(document, problem)
    assert not result.ok


def test_two_assessments_of_a_person_on_one_day_are_refused(document):
    document["load_assessments"] = [EARLIER, dict(EARLIER, hours_per_week=12)]
    reject(
        document,
        "load_assessments[1].date: deze persoon heeft op die dag al een beoordeling "
        "(load_assessments[0]).",
    )


def test_export_gives_back_what_was_imported_and_pseudonymises_the_notes(assessed):
    assert import_document(assessed).ok
    exported = export_document()["load_assessments"]
    assert exported == [EARLIER, LATER]
    pseudonymised = export_document(pseudonymise=True)["load_assessments"]
    assert {a["notes"] for a in pseudonymised} == {""}
    assert pseudonymised[0]["person"] != "p1" and pseudonymised[0]["hours_per_week"] == 24


def test_the_undo_takes_the_assessments_and_the_profile_back(client, assessed):
    from django.urls import reverse

    from baanbehoud.organisations.models import Role
    from baanbehoud.organisations.tests.factories import UserFactory

    from .test_import_undo import _confirm

    admin = UserFactory.create(role=Role.BEHEERDER, is_superuser=True)
    client.force_login(admin)
    assert import_document(dict(copy.deepcopy(assessed), load_assessments=[EARLIER])).ok
    assessments = list(LoadAssessment.objects.values_list("date", "hours_per_week"))
    before = (assessments, profile_load())
    undo = _confirm(client, admin, assessed)
    assert profile_load()[0] == Decimal(16)
    client.post(reverse("import-undo", args=[undo.pk]))
    after = list(LoadAssessment.objects.values_list("date", "hours_per_week"))
    assert (after, profile_load()) == before


def test_contracts_and_steps_above_the_capacity_are_warnings_not_refusals(assessed):
    """As on the page: the contract from 1 October 2025 (20 h) is above the 16 h assessed on
    1 September 2025; the contract before it (16 h) and the step of March (in force before the
    assessment was made, replaced by the contract's hours) are not."""
    result = import_document(assessed)
    assert result.ok
    warnings = [str(w) for w in result.warnings if "belastbaarheid" in w.message]
    assert warnings == [
        "placements[0].contracts[2].hours_per_week: 20 uur per week is meer dan de "
        "belastbaarheid van 16 uur per week (vastgesteld op 1 september 2025). Overleg met de "
        "arbeidsdeskundige voordat de uren omhoog gaan."
    ]
    # A later document with only a new step: held to the stored capacity.
    later = copy.deepcopy(assessed)
    for name in ("placements", "load_assessments", "contacts", "evaluations", "jobcoaching",
                 "concerns", "provisions"):  # fmt: skip
        later[name] = []
    later["hours_buildup"] = [
        {"placement": "pl1", "from": "2026-01-05", "hours_per_week": 24, "review": "2026-02-02"}
    ]
    again = import_document(later)
    assert again.ok
    assert [w.path for w in again.warnings] == ["hours_buildup[0].hours_per_week"]
    assert HoursStep.objects.filter(hours_per_week=24).exists()  # saved all the same


def test_no_capacity_no_warning(document):
    result = import_document(document)
    assert result.ok and not [w for w in result.warnings if "belastbaarheid" in w.message]


def test_written_a_part_at_a_time_the_profile_follows_the_latest(assessed, monkeypatch):
    # Issue 15 (import memory): the assessments, and the profiles after them, are written a
    # part at a time; the later assessment comes first in the document, in a part of its own.
    monkeypatch.setattr(importer.saving, "WRITE_PART", 1)
    monkeypatch.setattr(importer.reading, "IN_CHUNK", 1)
    result = import_document(assessed)
    assert result.ok, result.problems
    assert result.counts["load_assessments"]["created"] == 2
    assert profile_load() == (Decimal(16), "low", "Wordt sneller moe.")
