"""The set-based evaluation of the worklist: load every record the rules need for a set of
placements in a fixed number of queries (whatever the number of placements), turn them into
pure `PlacementFacts`, and run the rules of `domain.py`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from baanbehoud.guidance.models import JobcoachTrajectory, Provision
from baanbehoud.placements.domain import ContractKind
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.placements.selectors import chain_key, chain_rows

from . import domain
from .models import SignalSettings

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


@dataclass(frozen=True)
class SignalRow:
    """A signal with the records it names."""

    signal: domain.Signal
    placement: Placement

    @property
    def owner(self) -> User | None:
        return self.placement.person.contact_person

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.signal.code.value, self.signal.placement_id, self.signal.subject)

    def as_exchange(self) -> dict[str, object]:
        """The "Signals output" structure of exchange-format.md."""
        owner = self.owner
        return {
            "code": self.signal.code.value,
            "due": self.signal.due.isoformat(),
            "priority": self.signal.priority,
            "person": self.placement.person.ref,
            "placement": self.placement.ref,
            "employer": self.placement.employer.ref,
            "owner": (owner.ref or str(owner.pk)) if owner is not None else None,
            "message": self.signal.message,
        }


def _contract(c: ContractPeriod) -> domain.Contract:
    return domain.Contract(
        c.pk,
        ContractKind(c.kind),
        c.start,
        c.end,
        c.cao_max_contracts,
        c.cao_max_months,
        c.cao_gap_months,
    )


def load_placements(placements: QuerySet[Placement]) -> list[Placement]:
    return list(
        placements.select_related(
            "person__contact_person",
            "person__organisation",
            "person__municipality",
            "employer",
            "ending",
        ).prefetch_related(
            "ending__reasons",
            Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")),
            "contacts",
            "evaluations",
            "hours_steps",
            "concerns",
            Prefetch("provisions", queryset=Provision.objects.order_by("requested")),
            Prefetch(
                "jobcoaching",
                queryset=JobcoachTrajectory.objects.prefetch_related("hours", "reports"),
            ),
        )
    )


def facts_for(placements: QuerySet[Placement]) -> list[tuple[Placement, domain.PlacementFacts]]:
    loaded = load_placements(placements)
    chains: dict[tuple[int, str], list[domain.Contract]] = defaultdict(list)
    # The chain spans the person's placements at the same KvK, also those outside `placements`.
    for c in chain_rows(placements.values("person_id")):
        chains[chain_key(c)].append(_contract(c))
    organisations = {p.person.organisation_id for p in loaded}
    configs = {
        s.organisation_id: s.as_config()
        for s in SignalSettings.objects.filter(organisation_id__in=organisations)
    }
    default = domain.SignalConfig()
    result = []
    for p in loaded:
        ending = getattr(p, "ending", None)
        facts = domain.PlacementFacts(
            id=p.pk,
            route=p.route,
            contracts=tuple(_contract(c) for c in p.contracts.all()),
            chain=tuple(chains.get((p.person_id, p.employer.kvk), ())),
            ending=ending.date if ending is not None else None,
            person_has_contact=p.person.contact_person_id is not None,
            employer_has_contact=p.employer.account_manager_id is not None,
            contacts=tuple(c.date for c in p.contacts.all()),
            evaluations=tuple(e.date for e in p.evaluations.all()),
            hours_steps=tuple(
                domain.HoursStep(h.pk, h.review_date, h.decided_on) for h in p.hours_steps.all()
            ),
            concerns=tuple(
                domain.Concern(c.pk, c.date, c.handled, c.raised_by, c.kind)
                for c in p.concerns.all()
            ),
            provisions=tuple(
                domain.Provision(
                    v.pk,
                    v.kind,
                    v.requested,
                    v.granted,
                    closed=v.status in ("refused", "withdrawn"),
                )
                for v in p.provisions.all()
            ),
            jobcoaching=tuple(
                domain.Jobcoaching(
                    j.pk,
                    j.start,
                    j.end,
                    hours=tuple((h.month, Decimal(h.hours)) for h in j.hours.all()),
                    reports=tuple(r.date for r in j.reports.all()),
                    has_exception=j.has_exception,
                    # None: the organisation's setting (the config below) applies.
                    report_cadence_months=j.report_cadence_months,
                    budget_hours=(
                        Decimal(j.yearly_budget_hours)
                        if j.yearly_budget_hours is not None
                        else None
                    ),
                )
                for j in p.jobcoaching.all()
            ),
            config=configs.get(p.person.organisation_id, default),
        )
        result.append((p, facts))
    return result


def open_signal_rows(placements: QuerySet[Placement], on: date) -> list[SignalRow]:
    """The open signals of these placements on `on`, sorted by due date, code, placement."""
    rows = [
        SignalRow(signal, placement)
        for placement, facts in facts_for(placements)
        for signal in domain.open_signals(facts, on)
    ]
    return sorted(rows, key=lambda r: (r.signal.due, r.signal.code.value, r.placement.ref))


@dataclass(frozen=True)
class Worklist:
    overdue: list[SignalRow]
    this_week: list[SignalRow]
    soon: list[SignalRow]

    def __len__(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.soon)


def worklist(placements: QuerySet[Placement], today: date, *, weeks_ahead: int = 4) -> Worklist:
    """ui.md "Mijn signalen": open signals due before this week are late; those due this week
    (also later this week) are for this week; those due in the next weeks are coming soon."""
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    horizon = sunday + timedelta(weeks=weeks_ahead)
    pairs = facts_for(placements)
    now = [SignalRow(s, p) for p, f in pairs for s in domain.open_signals(f, today)]
    keys = {r.key for r in now}
    upcoming = [
        SignalRow(s, p)
        for p, f in pairs
        for s in domain.open_signals(f, horizon)
        if s.due > today and (s.code.value, s.placement_id, s.subject) not in keys
    ]

    def ordered(rows: list[SignalRow]) -> list[SignalRow]:
        return sorted(
            rows, key=lambda r: (r.signal.priority != "high", r.signal.due, r.signal.code.value)
        )

    return Worklist(
        overdue=ordered([r for r in now if r.signal.due < monday]),
        this_week=ordered(
            [r for r in now if r.signal.due >= monday]
            + [r for r in upcoming if r.signal.due <= sunday]
        ),
        soon=ordered([r for r in upcoming if r.signal.due > sunday]),
    )
