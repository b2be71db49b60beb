"""Loading the report population in a fixed number of queries, as pure `PlacementRecord`s."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from baanbehoud.batches import in_parts
from baanbehoud.employers.models import SECTOR_LABELS
from baanbehoud.organisations.models import Role
from baanbehoud.placements.chain import last_allowed_ends
from baanbehoud.placements.domain import ContractSpan, ending_moment
from baanbehoud.placements.models import Ending, Placement
from baanbehoud.signals import domain as signal_domain
from baanbehoud.signals.facts import load_facts
from baanbehoud.signals.selectors import open_due_dates

from .domain import PlacementRecord

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

AGGREGATE_ONLY_ROLES = frozenset({Role.BELEIDSMEDEWERKER})


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


def records(placements: QuerySet[Placement], report_date: date) -> list[PlacementRecord]:
    """The report population as pure records, from plain rows read 5,000 placements at a time
    (no model objects: a national report reads 340,000 placements)."""
    result = []
    contact_due = open_due_dates(placements, report_date, signal_domain.Code.CONTACT_DUE)
    ids = list(placements.values_list("pk", flat=True))  # in the population's own order
    position = {pk: index for index, pk in enumerate(ids)}
    for part in in_parts(ids):
        facts = load_facts(part)
        reasons: dict[int, list[str]] = defaultdict(list)
        for placement_id, code in (
            Ending.reasons.through.objects.filter(ending__placement_id__any=part)
            .order_by("endingreason__order", "endingreason__code")
            .values_list("ending__placement_id", "endingreason__code")
        ):
            reasons[placement_id].append(code)
        rows = Placement.objects.filter(pk__any=part).values_list(
            "pk", "person_id", "employer__kvk", "route", "employer__sector", "ending__date",
            "ending__learning_points", "person__organisation__name", "person__municipality__name",
            "person__regime", "person__education", "person__contact_person_id",
        )  # fmt: skip
        for (pk, person_id, kvk, route, sector, ended, learning, organisation, municipality,
             regime, education, contact_person_id) in rows:  # fmt: skip
            f = facts[pk]
            periods = tuple(ContractSpan(c.kind, c.start, c.end) for c in f.contracts)
            chain_ends = frozenset(last_allowed_ends([c.as_chain() for c in f.chain]))
            codes = tuple(reasons[pk])
            moment = (
                ending_moment(periods, ended, reason_codes=codes, last_allowed_ends=chain_ends)
                if ended is not None
                else None
            )
            result.append(
                PlacementRecord(
                    id=pk,
                    person_id=person_id,
                    employer_kvk=kvk,
                    periods=periods,
                    ending_date=ended,
                    reasons=codes,
                    moment=moment,
                    learning_points=learning or "",
                    last_allowed_ends=chain_ends,
                    organisation=organisation,
                    municipality=municipality,
                    regime=regime,
                    route=route,
                    sector=SECTOR_LABELS.get(sector, sector),
                    education=education,
                    jobcoaching=bool(f.jobcoaching),
                    contact_person_id=contact_person_id,
                    employer_has_contact=f.employer_has_contact,
                    evaluations=f.evaluations,
                    evaluation_tolerance_days=f.config.evaluation_tolerance_days,
                    concerns=tuple((c.raised_on, c.handled) for c in f.concerns),
                    contact_due=contact_due.get(pk),
                )
            )
    result.sort(key=lambda r: position[r.id])
    return result
