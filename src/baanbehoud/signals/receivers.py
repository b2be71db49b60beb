"""Every door writes records through the ORM (pages, API, import, admin, demo, undo): these
receivers mark the placements a saved or deleted record touches, in the same transaction, so the
stored signal intervals are worked out again before anyone reads them. Bulk writers
(`bulk_create`, `QuerySet.update`) send no model signals: they call `intervals.mark_*`
themselves (the demo, the importer)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from baanbehoud.employers.models import Employer
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
from baanbehoud.persons.models import LoadAssessment, Person
from baanbehoud.placements.models import ContractPeriod, Ending, HoursStep, Placement, WageValue

from . import intervals
from .models import SignalSettings

ON_PLACEMENT = (
    ContactMoment,
    Concern,
    Evaluation,
    JobcoachTrajectory,
    Provision,
    Ending,
    HoursStep,
    SickReport,
    WageValue,
)


def _placement(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_placements([instance.placement_id])


def _trajectory(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_trajectories([instance.trajectory_id])


def _contract(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    """The chain (§5) runs across the person's placements at the same employer."""
    intervals.mark_chains([instance.placement_id])


def _placement_itself(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_placements([instance.pk])
    intervals.mark_persons([instance.person_id])


def _person(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_persons([instance.pk])


def _person_record(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_persons([instance.person_id])


def _employer(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_employers([instance.pk])


def _settings(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    intervals.mark_organisations([instance.organisation_id])


def connect() -> None:
    pairs: list[tuple[type[Model], Any]] = [
        *((model, _placement) for model in ON_PLACEMENT),
        (JobcoachHours, _trajectory),
        (JobcoachReport, _trajectory),
        (ContractPeriod, _contract),
        (Placement, _placement_itself),
        (Person, _person),
        (LoadAssessment, _person_record),
        (Employer, _employer),
        (SignalSettings, _settings),
    ]
    for model, receiver in pairs:
        uid = f"signal-intervals-{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
