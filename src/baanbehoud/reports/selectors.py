"""Loading the report population in a fixed number of queries, as pure `PlacementRecord`s."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from baanbehoud.organisations.models import Role
from baanbehoud.placements.chain import last_allowed_ends
from baanbehoud.placements.domain import Period, ending_moment
from baanbehoud.placements.models import Placement
from baanbehoud.signals import domain as signal_domain
from baanbehoud.signals.facts import facts_for
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
    result = []
    contact_due = open_due_dates(placements, report_date, signal_domain.Code.CONTACT_DUE)
    for placement, facts in facts_for(placements):
        ending = getattr(placement, "ending", None)
        periods = tuple(Period(c.kind, c.start, c.end) for c in facts.contracts)
        chain_ends = frozenset(last_allowed_ends([c.as_chain() for c in facts.chain]))
        reasons = tuple(r.code for r in ending.reasons.all()) if ending is not None else ()
        moment = (
            ending_moment(periods, ending.date, reason_codes=reasons, last_allowed_ends=chain_ends)
            if ending is not None
            else None
        )
        person = placement.person
        result.append(
            PlacementRecord(
                id=placement.pk,
                person_id=person.pk,
                employer_kvk=placement.employer.kvk,
                periods=periods,
                ending_date=ending.date if ending is not None else None,
                reasons=reasons,
                moment=moment,
                learning_points=ending.learning_points if ending is not None else "",
                last_allowed_ends=chain_ends,
                organisation=person.organisation.name,
                municipality=person.municipality.name,
                regime=person.regime,
                route=placement.route,
                sector=placement.employer.get_sector_display(),
                education=person.education,
                jobcoaching=bool(facts.jobcoaching),
                contact_person_id=person.contact_person_id,
                employer_has_contact=facts.employer_has_contact,
                evaluations=facts.evaluations,
                evaluation_tolerance_days=facts.config.evaluation_tolerance_days,
                concerns=tuple((c.raised_on, c.handled) for c in facts.concerns),
                contact_due=contact_due.get(placement.pk),
            )
        )
    return result
