"""What the guidance app holds about a person, for the AVG rights (security/privacy.py): added to
each placement's part of the access export."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from baanbehoud.persons.models import Person
from baanbehoud.security import privacy

from . import models


def _by_placement(records: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for item in records:
        grouped[item.placement_id].append(item)
    return grouped


class GuidanceData:
    def export(self, person: Person, export: privacy.AccessExport) -> None:
        mine = {"placement__person": person}
        contacts = _by_placement(models.ContactMoment.objects.filter(**mine).order_by("pk"))
        evaluations = _by_placement(
            models.Evaluation.objects.filter(**mine)
            .order_by("pk")
            .prefetch_related(
                Prefetch("responses", queryset=models.EvaluationResponse.objects.order_by("pk"))
            )
        )
        trajectories = _by_placement(
            models.JobcoachTrajectory.objects.filter(**mine)
            .order_by("pk")
            .prefetch_related(
                Prefetch("hours", queryset=models.JobcoachHours.objects.order_by("pk"))
            )
            .prefetch_related(
                Prefetch("reports", queryset=models.JobcoachReport.objects.order_by("pk"))
            )
        )
        concerns = _by_placement(
            models.Concern.objects.filter(**mine).order_by("pk").select_related("referral")
        )
        provisions = _by_placement(models.Provision.objects.filter(**mine).order_by("pk"))
        sick = _by_placement(models.SickReport.objects.filter(**mine).order_by("pk"))
        record = privacy.record
        for pk, item in export.placement_items.items():
            item["contactmomenten"] = [record(c, ("placement",)) for c in contacts[pk]]
            item["evaluaties"] = [
                {
                    **record(e, ("placement",)),
                    "antwoorden": [record(r, ("evaluation",)) for r in e.responses.all()],
                }
                for e in evaluations[pk]
            ]
            item["jobcoaching"] = [
                {
                    **record(t, ("placement",)),
                    "uren": [record(h, ("trajectory",)) for h in t.hours.all()],
                    "rapportages": [record(r, ("trajectory",)) for r in t.reports.all()],
                }
                for t in trajectories[pk]
            ]
            item["zorgsignalen"] = [
                {
                    **record(c, ("placement",)),
                    "doorverwijzing": record(c.referral, ("concern",))
                    if hasattr(c, "referral")
                    else None,
                }
                for c in concerns[pk]
            ]
            item["voorzieningen"] = [record(p, ("placement",)) for p in provisions[pk]]
            item["ziekmeldingen"] = [record(s, ("placement",)) for s in sick[pk]]

    def anonymise(self, erasure: privacy.Erasure) -> None:
        mine = {"placement__person": erasure.person}
        privacy.scrub(models.ContactMoment.objects.filter(**mine), ("summary",))
        privacy.scrub(models.Evaluation.objects.filter(**mine), ("agreements",))
        privacy.scrub(
            models.EvaluationResponse.objects.filter(evaluation__placement__person=erasure.person),
            ("remarks",),
        )
        privacy.scrub(models.JobcoachTrajectory.objects.filter(**mine), ("exception_reason",))
        privacy.scrub(
            models.JobcoachReport.objects.filter(trajectory__placement__person=erasure.person),
            ("how_it_goes", "what_changed", "advice"),
        )
        privacy.scrub(models.Concern.objects.filter(**mine), ("text", "handling_note"))
        privacy.scrub(
            models.Referral.objects.filter(concern__placement__person=erasure.person),
            ("note", "feedback"),
        )
        privacy.scrub(models.Provision.objects.filter(**mine), ("description",))
        privacy.scrub(models.SickReport.objects.filter(**mine), ("note",))
        privacy.new_refs(
            models.JobcoachTrajectory, list(models.JobcoachTrajectory.objects.filter(**mine))
        )


privacy.register(GuidanceData())
