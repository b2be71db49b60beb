"""Loading the report population in a fixed number of queries, as pure `PlacementRecord`s."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet

from baanbehoud.batches import many_objects
from baanbehoud.employers.models import SECTOR_LABELS
from baanbehoud.guidance.models import Concern, Evaluation, JobcoachTrajectory
from baanbehoud.matching.models import Proposal
from baanbehoud.organisations.models import Role
from baanbehoud.placements.chain import ChainRow, LastAllowedEnds
from baanbehoud.placements.domain import CHAIN_KINDS, ContractSpan
from baanbehoud.placements.models import (
    ContractPeriod,
    EmployerIntention,
    Ending,
    Placement,
    WageValue,
)
from baanbehoud.signals import domain as signal_domain
from baanbehoud.signals.facts import KINDS, configs_for
from baanbehoud.signals.selectors import open_due_dates

from .domain import PlacementRecord

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

AGGREGATE_ONLY_ROLES = frozenset({Role.BELEIDSMEDEWERKER})

# The facts of a placement a report may read besides its own (contracts, ending, the person's
# dimensions, contact person, jobcoach): each is read only for the reports that count it
# (`services.FACTS`) — a national sustainability report read 140,000 evaluations, 50,000 wage
# values and every open CONTACT_DUE signal for nothing.
EVALUATIONS = "evaluations"  # and the organisation's tolerance for them
CONCERNS = "concerns"
WAGE_VALUES = "wage_values"
CONTACT_DUE = "contact_due"
REASONS = "reasons"  # the ending's reasons
INTENTIONS = "intentions"
ALL_FACTS = frozenset({EVALUATIONS, CONCERNS, WAGE_VALUES, CONTACT_DUE, REASONS, INTENTIONS})


def aggregate_only(user: User) -> bool:
    """Policy officers see aggregates only: small groups suppressed, never a person."""
    return not user.is_superuser and user.role in AGGREGATE_ONLY_ROLES


def report_population(user: User) -> QuerySet[Placement]:
    """A policy officer reports on the region of their organisation; others on what they see."""
    if aggregate_only(user):
        region = user.organisation.region_id if user.organisation is not None else None
        if region is None:
            return Placement.objects.none()
        return Placement.objects.filter(person__organisation__region_id=region)
    return Placement.objects.visible_to(user)


@many_objects()
def records(
    placements: QuerySet[Placement], report_date: date, facts: Collection[str] = ALL_FACTS
) -> list[PlacementRecord]:
    """The report population as pure records. One query per list over the whole population (the
    population as a subquery): no model objects, no lists of ids, and only the
    facts a report reads — a national report reads 288,000 placements and 680,000 contracts, and
    loading the rules' full facts 5,000 placements at a time took half a minute. The facts are
    the ones the rules read (`signals.facts.load_facts`: a test holds the two equal). `facts`:
    which of the optional facts (ALL_FACTS) to read; the others stay empty in the records."""
    population = placements.order_by().values("pk")
    rows = list(
        placements.values_list(
            "pk",
            "person_id",
            "employer__kvk",
            "route",
            "employer__sector",
            "ending__date",
            "ending__learning_points",
            "person__organisation__name",
            "person__municipality__name",
            "person__regime",
            "person__education",
            "person__contact_person_id",
            "employer__account_manager_id",
            "person__organisation_id",
        )
    )  # fmt: skip  (in the population's own order)
    # The chain spans the person's placements at the same KvK, also those outside the population
    # (a filtered one): the worker and KvK of each placement of the population's persons.
    persons = placements.order_by().values("person_id")
    chain_of = {row[0]: (row[1], row[2]) for row in rows}
    chain_of.update(
        (pk, (person_id, kvk))
        for pk, person_id, kvk in Placement.objects.filter(person_id__in=persons)
        # NOT EXISTS, not NOT IN: PostgreSQL checks a NOT IN list larger than its work memory
        # row by row (it ran for minutes on the national population).
        .exclude(Exists(placements.filter(pk=OuterRef("pk"))))
        .order_by()
        .values_list("pk", "person_id", "employer__kvk")
    )
    periods: dict[int, list[ContractSpan]] = defaultdict(list)
    chains: dict[tuple[int, str], list[ChainRow]] = defaultdict(list)
    for placement_id, kind, start, end, cao_n, cao_m, cao_gap in (
        ContractPeriod.objects.filter(placement__person_id__in=persons)
        .order_by("start", "pk")
        .values_list(
            "placement_id", "kind", "start", "end",
            "cao_max_contracts", "cao_max_months", "cao_gap_months",
        )
    ):  # fmt: skip
        kind = KINDS[kind]
        periods[placement_id].append(ContractSpan(kind, start, end))
        if kind in CHAIN_KINDS:
            chains[chain_of[placement_id]].append((start, end, cao_n, cao_m, cao_gap))
    evaluations: dict[int, list[date]] = defaultdict(list)
    if EVALUATIONS in facts:
        for placement_id, day in (
            Evaluation.objects.filter(placement__in=population)
            .order_by("placement_id", "date")
            .values_list("placement_id", "date")
        ):
            evaluations[placement_id].append(day)
    concerns: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    if CONCERNS in facts:
        for placement_id, day, handled in (
            Concern.objects.filter(placement__in=population)
            .order_by("pk")
            .values_list("placement_id", "date", "handled")
        ):
            concerns[placement_id].append((day, handled))
    wage_values: dict[int, list[tuple[date, str, bool]]] = defaultdict(list)
    if WAGE_VALUES in facts:
        for placement_id, day, measurer, disputed in (
            WageValue.objects.filter(placement__in=population)
            .order_by("pk")
            .values_list("placement_id", "date", "measurer", "disputed")
        ):
            wage_values[placement_id].append((day, measurer, disputed))
    coached = set(
        JobcoachTrajectory.objects.filter(placement__in=population).values_list(
            "placement_id", flat=True
        )
    )
    reasons: dict[int, list[str]] = defaultdict(list)
    if REASONS in facts:
        for placement_id, code in (
            Ending.reasons.through.objects.filter(ending__placement__in=population)
            .order_by("endingreason__order", "endingreason__code")
            .values_list("ending__placement_id", "endingreason__code")
        ):
            reasons[placement_id].append(code)
    intentions: dict[int, list[tuple[int, date, str, tuple[str, ...]]]] = defaultdict(list)
    if INTENTIONS in facts:
        # The employer's intentions, oldest first (the latest per contract counts).
        intention_reasons: dict[int, list[str]] = defaultdict(list)
        for intention_id, code in (
            EmployerIntention.reasons.through.objects.filter(
                employerintention__contract__placement__in=population
            )
            .order_by("endingreason__order", "endingreason__code")
            .values_list("employerintention_id", "endingreason__code")
        ):
            intention_reasons[intention_id].append(code)
        for intention_id, placement_id, contract_id, day, kind in (
            EmployerIntention.objects.filter(contract__placement__in=population)
            .order_by("date", "pk")
            .values_list("pk", "contract__placement_id", "contract_id", "date", "intention")
        ):
            intentions[placement_id].append(
                (contract_id, day, kind, tuple(intention_reasons.get(intention_id, ())))
            )
    configs = configs_for({row[13] for row in rows}) if EVALUATIONS in facts else {}
    default = signal_domain.SignalConfig()
    contact_due = (
        open_due_dates(placements, report_date, signal_domain.Code.CONTACT_DUE)
        if CONTACT_DUE in facts
        else {}
    )
    result = []
    for (pk, person_id, kvk, route, sector, ended, learning, organisation, municipality, regime,
         education, contact_person_id, account_manager_id, organisation_id) in rows:  # fmt: skip
        spans = tuple(periods.get(pk, ()))
        chain_ends = LastAllowedEnds(chains.get((person_id, kvk), ()))
        codes = tuple(reasons.get(pk, ()))
        result.append(
            PlacementRecord(
                id=pk,
                person_id=person_id,
                employer_kvk=kvk,
                periods=spans,
                ending_date=ended,
                reasons=codes,
                learning_points=learning or "",
                last_allowed_ends=chain_ends,
                organisation=organisation,
                municipality=municipality,
                regime=regime,
                route=route,
                sector=SECTOR_LABELS.get(sector, sector),
                education=education,
                jobcoaching=pk in coached,
                contact_person_id=contact_person_id,
                employer_has_contact=account_manager_id is not None,
                evaluations=tuple(evaluations.get(pk, ())),
                evaluation_tolerance_days=configs.get(
                    organisation_id, default
                ).evaluation_tolerance_days,
                concerns=tuple(concerns.get(pk, ())),
                contact_due=contact_due.get(pk),
                intentions=tuple(intentions.get(pk, ())),
                wage_values=tuple(wage_values.get(pk, ())),
            )
        )
    return result


def proposal_answers(organisations: set[str]) -> list[tuple[date, bool, tuple[str, ...]]]:
    """The employers' answers to proposed candidates of these organisations (by name, as the
    records name them): day, interested, the reason codes of a no. Two queries."""
    answered = Proposal.objects.filter(
        person__organisation__name__in=organisations, answered_on__isnull=False
    )
    codes: dict[int, list[str]] = {}
    for pk, code in answered.filter(answer_reasons__isnull=False).values_list(
        "pk", "answer_reasons__code"
    ):
        codes.setdefault(pk, []).append(code)
    return [
        (day, status != Proposal.Status.NOT_INTERESTED, tuple(codes.get(pk, ())))
        for pk, day, status in answered.values_list("pk", "answered_on", "status")
        if day is not None
    ]
