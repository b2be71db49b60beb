"""The facts the rules read, loaded for a set of placements in a fixed number of queries
(whatever the number of placements) and turned into pure `PlacementFacts`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from baanbehoud.batches import in_parts
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    SickReport,
)
from baanbehoud.persons.models import LoadAssessment
from baanbehoud.placements.domain import CHAIN_KINDS, ContractKind, last_working_day
from baanbehoud.placements.models import ContractPeriod, HoursStep, Placement, WageValue

from . import domain
from .models import SignalSettings


def load_placements(placements: QuerySet[Placement]) -> list[Placement]:
    """The placements with what the reports show of them (their facts come from load_facts)."""
    return list(
        placements.select_related(
            "person__contact_person",
            "person__organisation",
            "person__municipality",
            "employer",
            "ending",
        ).prefetch_related("ending__reasons")
    )


def load_facts(placement_ids: Iterable[int]) -> dict[int, domain.PlacementFacts]:
    """The facts of these placements from plain rows (`values_list`), a fixed number of queries
    per part of 5,000 placements: what the stored intervals and their nightly check read."""
    result: dict[int, domain.PlacementFacts] = {}
    for part in in_parts(set(placement_ids)):
        result.update(_load_part(part))
    return result


# A stored kind as the enum, by a dictionary (calling `ContractKind(kind)` a million times was
# two seconds of a national report).
KINDS = {kind.value: kind for kind in ContractKind}


def _load_part(ids: list[int]) -> dict[int, domain.PlacementFacts]:
    # Each query without the models' default order (`.order_by()` or an order of its own
    # columns): ordering placements, contacts or jobcoach hours by the person's name joined
    # the persons table into every query and sorted on it — half of the time of a part.
    placements = list(
        Placement.objects.filter(pk__any=ids).order_by().values_list(
            "pk", "route", "person_id", "employer__kvk", "person__contact_person_id",
            "employer__account_manager_id", "person__organisation_id", "ending__date",
            "ending__next", "ending__aftercare_closed",
        )
    )  # fmt: skip
    if not placements:
        return {}
    grouped: dict[str, dict[int, list[Any]]] = {
        name: defaultdict(list)
        for name in (
            "contracts",
            "contacts",
            "evaluations",
            "hours",
            "concerns",
            "provisions",
            "sickness",
        )
    }
    # The chain spans the person's placements at the same KvK, also those not asked for: the
    # contracts of all the persons' placements are read once, for both (by placement id, an
    # index look-up; by person it was a scan of all contracts).
    # The same contracts give the work of the persons' other placements (AFTERCARE_DUE), each
    # to its placement's ending at most.
    wanted = set(ids)
    chain_of, ended_on = {}, {}
    for pk, person_id, kvk, ended in (
        Placement.objects.filter(person_id__any=list({p[2] for p in placements}))
        .order_by()
        .values_list("pk", "person_id", "employer__kvk", "ending__date")
    ):
        chain_of[pk] = (person_id, kvk)
        ended_on[pk] = ended
    chains: dict[tuple[int, str], list[domain.Contract]] = defaultdict(list)
    work: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    for pk, placement_id, kind, start, end, cao_n, cao_m, cao_gap in (
        ContractPeriod.objects.filter(placement_id__any=list(chain_of))
        .order_by("start", "pk")
        .values_list(
            "pk", "placement_id", "kind", "start", "end",
            "cao_max_contracts", "cao_max_months", "cao_gap_months",
        )
    ):  # fmt: skip
        contract = domain.Contract(pk, KINDS[kind], start, end, cao_n, cao_m, cao_gap)
        if placement_id in wanted:
            grouped["contracts"][placement_id].append(contract)
        if contract.kind in CHAIN_KINDS:
            chains[chain_of[placement_id]].append(contract)
        work[chain_of[placement_id][0]].append(
            (placement_id, start, last_working_day(end, ended_on[placement_id]))
        )
    for placement_id, day in (
        ContactMoment.objects.filter(placement_id__any=ids)
        .order_by("placement_id", "-date")
        .values_list("placement_id", "date")
    ):
        grouped["contacts"][placement_id].append(day)
    for placement_id, day in (
        Evaluation.objects.filter(placement_id__any=ids)
        .order_by("placement_id", "date")
        .values_list("placement_id", "date")
    ):
        grouped["evaluations"][placement_id].append(day)
    for placement_id, pk, review, decided in (
        HoursStep.objects.filter(placement_id__any=ids)
        .order_by("pk")
        .values_list("placement_id", "pk", "review_date", "decided_on")
    ):
        grouped["hours"][placement_id].append(domain.HoursStep(pk, review, decided))
    for placement_id, pk, day, handled, raised_by, kind in (
        Concern.objects.filter(placement_id__any=ids)
        .order_by("pk")
        .values_list("placement_id", "pk", "date", "handled", "raised_by", "kind")
    ):
        grouped["concerns"][placement_id].append(domain.Concern(pk, day, handled, raised_by, kind))
    for placement_id, pk, kind, requested, granted, status in (
        Provision.objects.filter(placement_id__any=ids)
        .order_by("requested", "pk")
        .values_list("placement_id", "pk", "kind", "requested", "granted", "status")
    ):
        grouped["provisions"][placement_id].append(
            domain.Provision(
                pk, kind, requested, granted, closed=status in ("refused", "withdrawn")
            )
        )
    for placement_id, pk, first_day, recovered in (
        SickReport.objects.filter(placement_id__any=ids)
        .order_by("first_day", "pk")
        .values_list("placement_id", "pk", "first_day", "recovered_on")
    ):
        grouped["sickness"][placement_id].append(domain.Sickness(pk, first_day, recovered))
    # The placements' latest loonwaarde measurements (WAGE_VALUE_DUE): by date, then id.
    wage_values: dict[int, domain.WageValue] = {}
    for placement_id, pk, day, outcome, again in (
        WageValue.objects.filter(placement_id__any=ids)
        .order_by("placement_id", "date", "pk")
        .values_list("placement_id", "pk", "date", "outcome", "next_measurement")
    ):
        wage_values[placement_id] = domain.WageValue(pk, day, outcome, again)
    trajectories = list(
        JobcoachTrajectory.objects.filter(placement_id__any=ids)
        .order_by("start", "pk")
        .values_list(
            "pk", "placement_id", "start", "end", "exception_reason", "report_cadence_months",
            "yearly_budget_hours",
        )
    )  # fmt: skip
    hours: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    reports: dict[int, list[date]] = defaultdict(list)
    if trajectories:
        trajectory_ids = [t[0] for t in trajectories]
        for trajectory_id, month, amount in (
            JobcoachHours.objects.filter(trajectory_id__any=trajectory_ids)
            .order_by("trajectory_id", "month")
            .values_list("trajectory_id", "month", "hours")
        ):
            hours[trajectory_id].append((month, Decimal(amount)))
        for trajectory_id, day in (
            JobcoachReport.objects.filter(trajectory_id__any=trajectory_ids)
            .order_by("trajectory_id", "-date")
            .values_list("trajectory_id", "date")
        ):
            reports[trajectory_id].append(day)
    jobcoaching: dict[int, list[domain.Jobcoaching]] = defaultdict(list)
    for pk, placement_id, start, end, reason, cadence, budget in trajectories:
        jobcoaching[placement_id].append(
            domain.Jobcoaching(
                pk,
                start,
                end,
                hours=tuple(hours[pk]),
                reports=tuple(reports[pk]),
                has_exception=bool(reason.strip()),
                # None: the organisation's setting (the config below) applies.
                report_cadence_months=cadence,
                budget_hours=Decimal(budget) if budget is not None else None,
            )
        )
    # The persons' latest assessments of the load capacity (LOAD_REVIEW_DUE): by date, then id.
    loads: dict[int, domain.LoadAssessment] = {}
    for person_id, pk, day, course, review in (
        LoadAssessment.objects.filter(person_id__any=list({p[2] for p in placements}))
        .order_by("person_id", "date", "pk")
        .values_list("person_id", "pk", "date", "course", "next_review")
    ):
        loads[person_id] = domain.LoadAssessment(pk, day, course, review)
    configs = configs_for({p[6] for p in placements})
    default = domain.SignalConfig()
    result = {}
    for row in placements:
        pk, route, person_id, kvk, contact, manager, organisation, ending, then, closed = row
        result[pk] = domain.PlacementFacts(
            id=pk,
            route=route,
            contracts=tuple(grouped["contracts"][pk]),
            chain=tuple(chains.get((person_id, kvk), ())),
            ending=ending,
            person_has_contact=contact is not None,
            employer_has_contact=manager is not None,
            contacts=tuple(grouped["contacts"][pk]),
            evaluations=tuple(grouped["evaluations"][pk]),
            hours_steps=tuple(grouped["hours"][pk]),
            concerns=tuple(grouped["concerns"][pk]),
            provisions=tuple(grouped["provisions"][pk]),
            jobcoaching=tuple(jobcoaching[pk]),
            config=configs.get(organisation, default),
            ending_next=then or "unknown",
            aftercare_closed=closed,
            # Only an ended placement asks (the rest would carry the lists for nothing).
            other_work=tuple((start, last) for other, start, last in work[person_id] if other != pk)
            if ending is not None
            else (),
            load=loads.get(person_id),
            sickness=tuple(grouped["sickness"][pk]),
            wage_value=wage_values.get(pk),
        )
    return result


def configs_for(organisation_ids: Iterable[int]) -> dict[int, domain.SignalConfig]:
    """The organisations' own settings (an organisation without them has the defaults)."""
    return {
        s.organisation_id: s.as_config()
        for s in SignalSettings.objects.filter(organisation_id__in=set(organisation_ids))
    }


def facts_for(placements: QuerySet[Placement]) -> list[tuple[Placement, domain.PlacementFacts]]:
    """The placements (with what the reports and lists show of them) and their facts."""
    loaded = load_placements(placements)
    facts = load_facts(p.pk for p in loaded)
    return [(p, facts[p.pk]) for p in loaded]
