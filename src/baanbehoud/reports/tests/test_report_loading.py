"""The reports read their population with a loader of their own (one query per list over the
whole population, issue 15). What it reads must be what the rules read (`signals.facts`), or a
report would count a placement differently from the worklist."""

from datetime import date, timedelta

import pytest

from baanbehoud.placements.chain import last_allowed_ends
from baanbehoud.placements.domain import ContractSpan
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.reports.exports import to_json
from baanbehoud.reports.selectors import records
from baanbehoud.reports.services import FACTS, KINDS, ReportPeriod, build
from baanbehoud.signals.facts import load_facts

DEMO_SEED = 7  # conftest.demo_module
pytestmark = pytest.mark.django_db
ON = date(2026, 11, 16)


def assert_same_as_the_rules(population):
    found = records(population, ON)
    assert {r.id for r in found} == set(population.values_list("pk", flat=True))
    facts = load_facts(r.id for r in found)
    for record in found:
        f = facts[record.id]
        assert record.periods == tuple(ContractSpan(c.kind, c.start, c.end) for c in f.contracts)
        chain = [c.as_chain() for c in f.chain]
        ends = last_allowed_ends(chain)
        asked = {c.end for c in chain if c.end} | {p.end for p in record.periods if p.end}
        assert {d for d in asked if d in record.last_allowed_ends} == ends, record.id
        assert record.evaluations == f.evaluations
        assert record.concerns == tuple((c.raised_on, c.handled) for c in f.concerns)
        assert record.jobcoaching == bool(f.jobcoaching)
        assert record.employer_has_contact == f.employer_has_contact
        assert record.evaluation_tolerance_days == f.config.evaluation_tolerance_days
        assert record.ending_date == f.ending
    return found


def test_the_demo_region_as_the_rules_read_it(demo_module, db):
    found = assert_same_as_the_rules(Placement.objects.all())
    assert len(found) > 300
    assert any(r.moment is not None for r in found)
    assert any(r.evaluations for r in found) and any(r.concerns for r in found)


def test_one_organisation_as_the_rules_read_it(demo_module, db):
    organisation = Placement.objects.values_list("person__organisation", flat=True).first()
    assert_same_as_the_rules(Placement.objects.filter(person__organisation=organisation))


def test_a_chain_counts_the_contracts_of_a_placement_outside_the_population():
    # Two placements of one worker at one employer: the second contract (in the population) is
    # the chain's third and last allowed only with the first placement's two contracts.
    first = PlacementFactory.create()
    start = date(2024, 1, 1)
    for n in range(2):
        ContractFactory.create(
            placement=first, start=start + timedelta(days=120 * n),
            end=start + timedelta(days=120 * n + 100),
        )  # fmt: skip
    second = PlacementFactory.create(person=first.person, employer=first.employer)
    last = ContractFactory.create(placement=second, start=date(2024, 9, 1), end=date(2025, 2, 28))
    population = Placement.objects.filter(pk=second.pk)
    [record] = assert_same_as_the_rules(population)
    assert last.end in record.last_allowed_ends
    assert ContractPeriod.objects.filter(placement=first).count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_reads_the_facts_it_counts(demo_module, db, kind):
    # Each report reads only the optional facts it counts (a national sustainability report
    # read 140,000 evaluations for nothing); what it leaves out must not change one number.
    period = ReportPeriod(date(2020, 1, 1), ON, ON)  # the demo's whole history
    population = Placement.objects.all()

    def report(found):
        return to_json(
            build(kind, found, period, suppressed=False, user_may_see_persons=True, split="route")
        )

    assert report(records(population, ON, FACTS[kind])) == report(records(population, ON))
