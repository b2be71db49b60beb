"""What the placements app holds about a person, for the AVG rights (security/privacy.py)."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet

from baanbehoud.persons.models import Person
from baanbehoud.security import privacy

from .models import ContractPeriod, Ending, HoursStep, Placement, WageValue


class PlacementsData:
    def export(self, person: Person, export: privacy.AccessExport) -> None:
        placements = (
            Placement.objects.filter(person=person)
            .select_related("employer", "ending")
            # (one Prefetch a call: each is typed with its own record)
            .prefetch_related(
                Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start"))
            )
            .prefetch_related(Prefetch("hours_steps", queryset=HoursStep.objects.order_by("pk")))
            .prefetch_related(Prefetch("wage_values", queryset=WageValue.objects.order_by("pk")))
            .prefetch_related("ending__reasons")
            .order_by("pk")
        )
        items = export.data["plaatsingen"] = []
        for placement in placements:  # everything prefetched: a fixed number of queries
            ending = getattr(placement, "ending", None)
            item = privacy.record(placement, ("person",))
            item["contracten"] = [
                privacy.record(c, ("placement",)) for c in placement.contracts.all()
            ]
            item["urenopbouw"] = [
                privacy.record(h, ("placement",)) for h in placement.hours_steps.all()
            ]
            item["loonwaarde"] = [
                privacy.record(v, ("placement",)) for v in placement.wage_values.all()
            ]
            item["einde"] = [privacy.record(ending, ("placement",))] if ending is not None else []
            items.append(item)
            export.placement_items[placement.pk] = item

    def anonymise(self, erasure: privacy.Erasure) -> None:
        placements = Placement.objects.filter(person=erasure.person)
        privacy.scrub(
            ContractPeriod.objects.filter(placement__in=placements), ("extension_reason",)
        )
        privacy.scrub(HoursStep.objects.filter(placement__in=placements), ("reason",))
        privacy.scrub(WageValue.objects.filter(placement__in=placements), ("dispute_note",))
        privacy.scrub(
            Ending.objects.filter(placement__in=placements),
            ("notes", "no_permanent_reason", "learning_points"),
        )
        privacy.new_refs(Placement, list(placements))


def due_for_erasure(cutoff: date) -> QuerySet[Person]:
    """Persons whose last placement ended on or before `cutoff`, with nothing running now."""
    running = Placement.objects.filter(person=OuterRef("pk"), ending__isnull=True)
    return (
        Person.objects.filter(anonymised_on__isnull=True, placements__isnull=False)
        .annotate(running=Exists(running), last_end=Max("placements__ending__date"))
        .filter(running=False, last_end__lte=cutoff)
        .order_by("pk")
    )


privacy.register(PlacementsData())
privacy.register_retention_rule(due_for_erasure)
