"""Export: the round trip export → import into an empty database gives the same signals and chain
statuses on the demo data; the pseudonymised export holds no BSN or name."""

import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.exchange.exporter import _Pseudonyms, export_document
from baanbehoud.exchange.importer import import_document
from baanbehoud.guidance.models import JobcoachIntensity, JobcoachTrajectory
from baanbehoud.organisations.models import Municipality, Organisation, Region, User
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import Placement
from baanbehoud.placements.selectors import chain_status_json
from baanbehoud.signals.models import SignalSettings
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db
DEMO_SEED = 12  # conftest.demo_module: one demo region for the module, rolled back at its end


@pytest.fixture(autouse=True)
def demo(demo_module, db):
    pass


def snapshot(days: list[date]) -> dict[str, dict[str, Any]]:
    signals = {
        d.isoformat(): [r.as_exchange() for r in open_signal_rows(Placement.objects.all(), d)]
        for d in days
    }
    chains = {
        p.ref: chain_status_json(p, days[0]) for p in Placement.objects.select_related("employer")
    }
    return {"signals": signals, "chains": chains}


def empty_the_database() -> None:
    Placement.objects.all().delete()
    User.objects.all().delete()
    Person.objects.all().delete()
    Employer.objects.all().delete()
    SignalSettings.objects.all().delete()
    Municipality.objects.all().delete()
    Organisation.objects.all().delete()
    Region.objects.all().delete()


@pytest.mark.slow
def test_export_then_import_into_an_empty_database_gives_identical_signals_and_chains():
    today = timezone.localdate()
    days = [today, today - timedelta(days=200), today + timedelta(days=60)]
    before = snapshot(days)
    document = json.loads(json.dumps(export_document()))
    empty_the_database()
    assert Placement.objects.count() == 0 and JobcoachIntensity.objects.exists()
    result = import_document(document)
    assert result.ok, result.problems[:5]
    assert snapshot(days) == before
    assert sum(len(v) for v in before["signals"].values()) > 100


def test_pseudonymised_export_contains_no_bsn_name_or_birth_date():
    text = json.dumps(export_document(pseudonymise=True), ensure_ascii=False)
    for person in Person.objects.all():
        assert person.bsn and person.bsn not in text
        assert person.name not in text
    for user in User.objects.exclude(full_name=""):
        assert user.full_name not in text
    persons = json.loads(text)["persons"]
    assert all(p["birth_date"] is None and p["bsn"].startswith("PSN-") for p in persons)
    pseudonym = _Pseudonyms(enabled=True)
    years = {pseudonym.ref("P", p.ref): p.birth_date.year for p in Person.objects.all()}
    assert all(p["birth_year"] == years[p["ref"]] for p in persons)


def test_the_pseudonymised_export_cannot_be_linked_back(settings):
    """Issue 12 §6: no reference, employer name, KvK number or function of this system."""
    document = export_document(pseudonymise=True)
    text = json.dumps(document, ensure_ascii=False)
    refs = (
        list(Person.objects.values_list("ref", flat=True))
        + list(Placement.objects.values_list("ref", flat=True))
        + list(Employer.objects.values_list("ref", flat=True))
        + list(User.objects.exclude(ref=None).values_list("ref", flat=True))
        + list(JobcoachTrajectory.objects.values_list("ref", flat=True))
    )
    assert refs and not [ref for ref in refs if f'"{ref}"' in text]
    for employer in Employer.objects.all():
        assert employer.name not in text
        assert not employer.kvk or f'"{employer.kvk}"' not in text
    functions = set(Placement.objects.values_list("function", flat=True)) | set(
        Vacancy.objects.values_list("title", flat=True)
    )
    assert Vacancy.objects.exists()  # the demo's task packages are in the export too
    assert not [v for v in Vacancy.objects.values_list("ref", flat=True) if f'"{v}"' in text]
    assert not [f for f in functions if f'"{f}"' in text]
    # Keyed: without the key the pseudonyms cannot be made again.
    settings.PSEUDONYM_KEY = "een-andere-sleutel"
    other = export_document(pseudonymise=True)
    assert {p["ref"] for p in other["persons"]}.isdisjoint({p["ref"] for p in document["persons"]})
    # The references still hang together, so researchers can follow a person's placements.
    placements = {p["ref"] for p in document["placements"]}
    assert {p["person"] for p in document["placements"]} <= {p["ref"] for p in document["persons"]}
    assert {c["placement"] for c in document["contacts"]} <= placements


def test_pseudonyms_are_stable():
    a = export_document(pseudonymise=True)["persons"]
    b = export_document(pseudonymise=True)["persons"]
    assert a == b


def test_export_of_one_organisation_holds_only_its_persons():
    fermwerk = Organisation.objects.get(ref="FW")
    document = export_document(organisation=fermwerk)
    refs = {p["ref"] for p in document["persons"]}
    assert refs == set(Person.objects.filter(organisation=fermwerk).values_list("ref", flat=True))
    assert {p["person"] for p in document["placements"]} <= refs


def test_the_streamed_export_is_the_document_and_reads_in_parts(monkeypatch):
    """Issue 15 §3: the command and the job write the document as they read it, a part of the
    placements at a time, with the same content as the document in memory."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from baanbehoud.exchange import exporter

    whole = export_document()
    monkeypatch.setattr(exporter, "PART", 50)
    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        counts = exporter.write_document(out, exporter.export_lists())
    assert json.loads(out.getvalue()) == json.loads(json.dumps(whole))
    assert counts["placements"] == len(whole["placements"]) > 300
    parts = -(-counts["placements"] // 50)
    # a fixed number of queries per part of 50 placements, not one per record
    # (18: each list of placement records is a query per part; sick reports and loonwaarde
    # measurements are the 16th and 17th, the werkfit judgements of the persons the 18th)
    assert len(queries.captured_queries) <= 18 * parts + 20
    empty = io.StringIO()
    nobody = Person.objects.none()
    exporter.write_document(empty, exporter.export_lists(persons=nobody))
    assert json.loads(empty.getvalue())["placements"] == []


def test_a_dry_run_re_import_of_the_demo_export_makes_a_bounded_number_of_queries():
    """Issue 16 §2: 10,655 queries before the importer looked up whole lists, 2,276 while it
    still read each related record to compare it. The demo region has about 380 placements and
    thousands of records; the count is per list, not per record."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document = json.loads(json.dumps(export_document()))
    records = sum(len(v) for v in document.values() if isinstance(v, list))
    with CaptureQueriesContext(connection) as captured:
        result = import_document(document, dry_run=True)
    assert result.ok, result.problems[:3]
    assert result.counts["placements"]["unchanged"] == Placement.objects.count()
    assert records > 1000
    # 60 before the werkfit judgements, 65 with them: a few queries a list, none a record
    assert len(captured.captured_queries) <= 70, len(captured.captured_queries)
