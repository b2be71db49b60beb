"""Reads of placements: the chain status of a placement on a date (docs/signals.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from baanbehoud.dates import format_date_nl, format_number_nl
from baanbehoud.persons.domain import NoRisk, above_capacity, no_risk, no_risk_rules
from baanbehoud.persons.models import CandidateProfile, LoadAssessment

from .chain import ChainContract, ChainStatus, chain_status, last_allowed_ends
from .domain import (
    CHAIN_KINDS,
    ContractKind,
    Moment,
    above_capacity_notes,
    ending_moment,
    first_employment_start,
    permanent_on,
)
from .models import ContractPeriod, HoursStep, Placement

if TYPE_CHECKING:
    from baanbehoud.employers.models import Employer
    from baanbehoud.organisations.models import User


def chain_rows(persons: Any) -> QuerySet[ContractPeriod]:
    """The contracts that can form chains (§5) for these persons (ids or a subquery): their
    `temporary` contracts, with the employer loaded for `chain_key`. Proefplaatsing, secondment
    and work-experience periods are not in the chain. One selection for the pages, the API and
    the worklist."""
    # A list of ids as one parameter (fields.AnyOf); a subquery as a subquery.
    lookup = "any" if isinstance(persons, list | set | tuple | frozenset) else "in"
    return (
        ContractPeriod.objects.filter(
            kind__in=CHAIN_KINDS,
            **{f"placement__person_id__{lookup}": list(persons) if lookup == "any" else persons},
        )
        .select_related("placement__employer")
        .order_by("start")
    )


def chain_key(contract: ContractPeriod) -> tuple[int, str]:
    """Contracts with the same worker at the same employer (KvK), across placements."""
    return (contract.placement.person_id, contract.placement.employer.kvk)


def chain_contracts(placement: Placement) -> list[ChainContract]:
    """The chain contracts of the placement's person at its employer."""
    key = (placement.person_id, placement.employer.kvk)
    return [c.as_chain() for c in chain_rows([placement.person_id]) if chain_key(c) == key]


def placement_chain_status(placement: Placement, on: date) -> ChainStatus:
    permanent_covers = permanent_on([c.as_period() for c in placement.contracts.all()], on)
    return chain_status(chain_contracts(placement), on, permanent_contract_covers=permanent_covers)


def chain_status_json(placement: Placement, on: date) -> dict[str, object]:
    """Exactly the "Chain status" structure of exchange-format.md."""
    status = placement_chain_status(placement, on)
    return {
        "placement": placement.ref,
        "regime": status.regime,
        "contracts_in_chain": status.contracts_in_chain,
        "max_contracts": status.max_contracts,
        "chain_start": status.chain_start.isoformat() if status.chain_start else None,
        "max_months": status.max_months,
        "permanent_by_law_from": (
            status.permanent_by_law_from.isoformat() if status.permanent_by_law_from else None
        ),
        "next_must_be_permanent": status.next_must_be_permanent,
        "is_permanent": status.is_permanent,
    }


def placement_ending_moment(
    placement: Placement, ending_date: date, reason_codes: list[str]
) -> Moment:
    """The derived moment of an ending of this placement on `ending_date` (docs/rules.md §7)."""
    return ending_moment(
        [c.as_period() for c in placement.contracts.all()],
        ending_date,
        reason_codes=reason_codes,
        last_allowed_ends=last_allowed_ends(chain_contracts(placement)),
    )


def chain_transition_possible(placement: Placement) -> bool:
    """Whether one of the placement's contracts is the last the chain rule allows."""
    ends = last_allowed_ends(chain_contracts(placement))
    return placement.contracts.filter(kind=ContractKind.TEMPORARY, end__in=ends).exists()


def contract_notes(placement: Placement) -> dict[int, list[str]]:
    """Per contract of the placement, what is allowed but deserves a second look: the warnings
    of docs/rules.md §4 and, for a temporary contract that is permanent by law, §6.1. One place for
    the placement page and the API."""
    from baanbehoud.dates import format_date_nl

    from .chain import permanent_by_law_during
    from .domain import contract_warnings

    contracts = list(placement.contracts.order_by("start"))
    notes: dict[int, list[str]] = {}
    for (kind, pk), note in capacity_notes(placement, contracts, []).items():
        if kind == "contract":
            notes.setdefault(pk, []).append(note)
    for warning in contract_warnings([c.as_period() for c in contracts]):
        notes.setdefault(contracts[warning.index].pk, []).append(warning.message)
    chain = chain_contracts(placement)
    for contract in contracts:
        if contract.kind != ContractKind.TEMPORARY:
            continue
        this = contract.as_chain()
        permanent_from = permanent_by_law_during([c for c in chain if c != this], this)
        if permanent_from is not None:
            notes.setdefault(contract.pk, []).append(
                f"Volgens de ketenbepaling is dit contract vanaf {format_date_nl(permanent_from)} "
                "van rechtswege vast."
                + (
                    f" Reden om het tijdelijk vast te leggen: {contract.temporary_reason}"
                    if contract.temporary_reason
                    else ""
                )
            )
    return notes


def load_capacity(person_id: int) -> tuple[Decimal, date | None] | None:
    """The person's current load capacity in hours a week (the profile's: the latest
    assessment's), with the day of the latest assessment (None: recorded before the history)."""
    hours = (
        CandidateProfile.objects.filter(person_id=person_id)
        .values_list("load_hours_per_week", flat=True)
        .first()
    )
    if hours is None:
        return None
    assessed = LoadAssessment.objects.filter(person_id=person_id).values_list("date", flat=True)
    return Decimal(hours), assessed.first()


def capacity_warning(person_id: int, hours: Decimal | None) -> str | None:
    """For a form about to save `hours` a week (a contract, a step of the hours build-up)."""
    capacity = load_capacity(person_id)
    return above_capacity(hours, *capacity) if capacity is not None else None


def capacity_text(person_id: int) -> str | None:
    """What a form about hours tells before anything is typed: the current load capacity."""
    capacity = load_capacity(person_id)
    if capacity is None:
        return None
    hours, assessed = capacity
    when = f", vastgesteld op {format_date_nl(assessed)}" if assessed is not None else ""
    return (
        f"De belastbaarheid is {format_number_nl(hours)} uur per week{when}. Meer uren? "
        "Overleg eerst met de arbeidsdeskundige."
    )


def capacity_notes(
    placement: Placement, contracts: list[ContractPeriod], steps: list[HoursStep]
) -> dict[tuple[str, int], str]:
    """Issue 20 §4 (placements.domain.above_capacity_notes): ("contract" | "step", pk) → the
    warning, for the contracts and hours-build-up steps above the current load capacity."""
    capacity = load_capacity(placement.person_id)
    if capacity is None:
        return {}
    hours, assessed = capacity
    return above_capacity_notes(
        [(("contract", c.pk), c.start, c.end, c.hours_per_week) for c in contracts],
        [
            (("step", s.pk), s.from_date, s.hours_per_week)
            for s in sorted(steps, key=lambda s: s.pk)
        ],
        hours,
        assessed,
        timezone.localdate(),
    )


def no_risk_cover(placement: Placement, on: date) -> NoRisk:
    """Issue 20 §2: whether the no-risk polis covers the placement's worker on `on`, by the
    region's rule for the person's regime (settings BAANBEHOUD_NO_RISK_RULES)."""
    rules = no_risk_rules(getattr(settings, "BAANBEHOUD_NO_RISK_RULES", None))
    start = first_employment_start([c.as_period() for c in placement.contracts.all()])
    return no_risk(placement.person.regime, start, on, rules)


def employer_placements(*, user: User, employer: Employer) -> list[Placement]:
    """The employer's banenafspraak workers the user may see, with their contracts: the
    'overview of dates on which contracts end' that Summary §5 asks for."""
    return list(
        Placement.objects.visible_to(user)
        .filter(employer=employer)
        .select_related("person", "ending")
        .prefetch_related(Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")))
        .order_by("person__name", "pk")
    )
