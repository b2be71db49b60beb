"""The demo region: deterministic, realistic in the ways the report measures, and safe to load twice."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from baanbehoud.demo import generator
from baanbehoud.demo.services import demo_load
from baanbehoud.guidance import domain as guidance_domain
from baanbehoud.organisations.models import Municipality, Organisation, Role, User, WerkfitItem
from baanbehoud.persons.models import Handover, WerkfitCheck
from baanbehoud.placements import domain
from baanbehoud.placements.models import Placement
from baanbehoud.signals.selectors import open_signal_rows

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo() -> generator.DemoPlan:
    return generator.plan(seed=2020, today=TODAY)


def test_same_seed_and_date_give_the_same_history(demo):
    assert asdict(generator.plan(seed=2020, today=TODAY)) == asdict(demo)


def test_another_seed_gives_another_history(demo):
    assert asdict(generator.plan(seed=2021, today=TODAY)) != asdict(demo)


def test_a_few_hundred_persons_about_two_thirds_wajong(demo):
    assert 200 <= len(demo.persons) <= 500
    wajong = sum(p.regime == "wajong" for p in demo.persons) / len(demo.persons)
    assert 0.6 <= wajong <= 0.72


def test_about_eighty_employers_across_sectors(demo):
    assert 70 <= len(demo.employers) <= 90
    assert len({e.sector for e in demo.employers}) >= 8


@pytest.mark.parametrize("seed", [2020, 1, 7])
@pytest.mark.parametrize("today", [TODAY, date(2025, 3, 1)])
def test_between_55_and_80_percent_of_new_starters_still_work_a_year_later(seed, today):
    working, starters = generator.still_working_share(generator.plan(seed=seed, today=today))
    assert starters > 150
    assert 0.55 <= working / starters <= 0.80


def test_the_history_has_every_kind_of_story_the_report_describes(demo):
    placements = demo.placements
    trials = [p for p in placements if p.contracts and p.contracts[0].kind == "proefplaatsing"]
    converted = [p for p in trials if len(p.contracts) > 1]
    assert converted and len(converted) < len(trials), "trials that do and do not convert"
    assert any(p.ending and p.ending.reasons == ["NO_PERMANENT_CONTRACT"] for p in placements)
    assert any(c.kind == "permanent" for p in placements for c in p.contracts)
    unregistered = [
        p for p in placements if p.ending is None and p.end_date() and p.end_date() < TODAY
    ]
    assert unregistered, "job losses nobody registered (report §2.2)"
    self_found = {p.person for p in placements if p.route == "self"}
    assert any(not demo.persons[i].has_contact_person for i in self_found)
    assert all(p.contracts[0].start >= date(2021, 11, 1) for p in placements if p.contracts)


def test_every_generated_record_obeys_the_hard_rules(demo):
    for placement in demo.placements:
        periods = [
            domain.ContractSpan(domain.ContractKind(c.kind), c.start, c.end, c.hours)
            for c in placement.contracts
        ]
        assert domain.contract_problems(periods) == [], placement.ref
        if placement.jobcoaching:
            jc = placement.jobcoaching
            for year in {m.year for m, _h in jc.hours}:
                total = sum((h for m, h in jc.hours if m.year == year), Decimal(0))
                assert total <= guidance_domain.JOBCOACH_HOURS_PER_YEAR
            hours = [c.hours for c in placement.contracts if c.kind != "proefplaatsing"]
            assert guidance_domain.jobcoaching_hours_problem(hours) is None


def all_row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "audit.ProcessingLogEntry"
    }


@pytest.mark.django_db
def test_loading_twice_adds_no_rows_and_creates_a_login_per_role():
    first = demo_load(seed=2020, today=TODAY)
    counts = all_row_counts()
    second = demo_load(seed=2020, today=TODAY)
    assert first.created and not second.created
    assert all_row_counts() == counts
    assert Municipality.objects.count() == 14
    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "FermWerk",
        "Gemeente Stichtse Vecht",
        "Gemeente Utrecht",
        "RSD Kromme Rijn Heuvelrug",
        "Werk en Inkomen Lekstroom",
        "UWV Midden-Utrecht",
    }
    assert Municipality.objects.get(name="Woerden").organisation.name == "FermWerk"
    assert (
        Municipality.objects.get(name="Nieuwegein").organisation.name == "Werk en Inkomen Lekstroom"
    )
    roles = {User.objects.get(username=login.username).role for login in second.logins}
    assert roles == set(Role.values)
    klantmanager = User.objects.get(username="klantmanager")
    assert klantmanager.check_password("Baanbehoud-demo-2026")
    assert klantmanager.contact_for_persons.count() >= 20
    # Issue 19 §4: the region's agreement handed a loss into WW over to the demo klantmanager.
    handover = Handover.objects.get(note__startswith="Nazorg na baanverlies")
    assert handover.to_user == klantmanager and handover.from_user != klantmanager
    rows = open_signal_rows(Placement.objects.filter(person=handover.person), TODAY)
    assert any(r.signal.code == "AFTERCARE_DUE" and r.owner == klantmanager for r in rows)
    # Issue 20 §5: the region's werkfit checklist, filled for six of the klantmanager's persons.
    assert WerkfitItem.objects.filter(active=True).count() == 6
    filled = WerkfitCheck.objects.filter(person__contact_person=klantmanager)
    assert filled.values("person").distinct().count() == 6
    assert filled.filter(answer="not_yet").exists() and filled.filter(answer="yes").exists()
