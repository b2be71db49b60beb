"""Signals as stored intervals (issue 15; docs/architecture.md, "Signals as stored intervals").

A change to any record the rules read marks the placements it touches as stale, in the same
transaction (`mark_*`, called from the receivers in `receivers.py` and by the bulk writers).
Before signals are read, `refresh` works out the intervals of the stale placements again with
`domain.signal_intervals` — the same rules as a fresh evaluation, so a reader never sees an
interval older than the records. "Open on D" is then an indexed range query for any day D.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction

from baanbehoud.batches import in_parts, many_objects
from baanbehoud.bulk import insert_rows
from baanbehoud.guidance.models import JobcoachTrajectory
from baanbehoud.placements.models import Placement
from baanbehoud.progress import SILENT, Progress

from .cores import INTERVAL_FIELDS, Evaluator
from .facts import load_facts
from .models import SignalInterval, StaleSignals

PART = 2000  # placements worked out per step: bounded memory whatever the register's size


@dataclass
class _Pending:
    depth: int = 0
    placements: set[int] = field(default_factory=set)
    chains: set[int] = field(default_factory=set)  # placements whose person's chain changed
    trajectories: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)
    employers: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    everything: bool = False


_local = threading.local()


def _pending() -> _Pending | None:
    pending: _Pending | None = getattr(_local, "pending", None)
    return pending if pending is not None and pending.depth > 0 else None


@contextmanager
def marks_collected() -> Iterator[None]:
    """Collect the marks of many writes and write them once, at the end of the block (the
    importer, the demo). Use it inside the transaction of the writes."""
    pending: _Pending | None = getattr(_local, "pending", None)
    if pending is None or pending.depth == 0:
        pending = _local.pending = _Pending()
    pending.depth += 1
    try:
        yield
    except BaseException:
        pending.depth -= 1
        if pending.depth == 0:
            _local.pending = None
        raise
    pending.depth -= 1
    if pending.depth == 0:
        _local.pending = None
        if pending.everything:
            mark_all()
            return
        _write(pending.placements | _placements_of_trajectories(pending.trajectories))
        persons = pending.persons | _persons_of_placements(pending.chains)
        _write(_placements_of_persons(persons))
        _write(_placements_of_persons(_persons_at_employers(pending.employers)))
        _write(_placements_of_organisations(pending.organisations))


def _write(placement_ids: Iterable[int]) -> None:
    token = uuid.uuid4()
    for part in in_parts(set(placement_ids)):
        StaleSignals.objects.bulk_create(
            [StaleSignals(placement_id=pk, token=token) for pk in part],
            update_conflicts=True,
            unique_fields=["placement_id"],
            update_fields=["token"],
        )


def _placements_of_persons(person_ids: set[int]) -> set[int]:
    found: set[int] = set()
    for part in in_parts(person_ids):
        found.update(Placement.objects.filter(person_id__in=part).values_list("pk", flat=True))
    return found


def _persons_of_placements(placement_ids: set[int]) -> set[int]:
    found: set[int] = set()
    for part in in_parts(placement_ids):
        found.update(Placement.objects.filter(pk__in=part).values_list("person_id", flat=True))
    return found


def _placements_of_trajectories(trajectory_ids: set[int]) -> set[int]:
    found: set[int] = set()
    for part in in_parts(trajectory_ids):
        found.update(
            JobcoachTrajectory.objects.filter(pk__in=part).values_list("placement_id", flat=True)
        )
    return found


def _persons_at_employers(employer_ids: set[int]) -> set[int]:
    """The chain (§5) spans a person's placements at one KvK: an employer's change can touch a
    person's placements elsewhere."""
    found: set[int] = set()
    for part in in_parts(employer_ids):
        found.update(
            Placement.objects.filter(employer_id__in=part).values_list("person_id", flat=True)
        )
    return found


def _placements_of_organisations(organisation_ids: set[int]) -> set[int]:
    if not organisation_ids:
        return set()
    return set(
        Placement.objects.filter(person__organisation_id__in=organisation_ids).values_list(
            "pk", flat=True
        )
    )


def mark_placements(placement_ids: Iterable[int]) -> None:
    pending = _pending()
    if pending is not None:
        pending.placements.update(placement_ids)
    else:
        _write(placement_ids)


def mark_chains(placement_ids: Iterable[int]) -> None:
    """A contract changed: the chain (§5) runs across the person's placements at one KvK."""
    pending = _pending()
    if pending is not None:
        pending.chains.update(placement_ids)
    else:
        _write(_placements_of_persons(_persons_of_placements(set(placement_ids))))


def mark_trajectories(trajectory_ids: Iterable[int]) -> None:
    """Jobcoach hours or a report: the placement of the trajectory."""
    pending = _pending()
    if pending is not None:
        pending.trajectories.update(trajectory_ids)
    else:
        _write(_placements_of_trajectories(set(trajectory_ids)))


def mark_persons(person_ids: Iterable[int]) -> None:
    """A person's records (their contact person, organisation, the chain across placements)."""
    pending = _pending()
    if pending is not None:
        pending.persons.update(person_ids)
    else:
        _write(_placements_of_persons(set(person_ids)))


def mark_employers(employer_ids: Iterable[int]) -> None:
    pending = _pending()
    if pending is not None:
        pending.employers.update(employer_ids)
    else:
        _write(_placements_of_persons(_persons_at_employers(set(employer_ids))))


def mark_organisations(organisation_ids: Iterable[int]) -> None:
    """The organisation's lead times and cadences changed."""
    pending = _pending()
    if pending is not None:
        pending.organisations.update(organisation_ids)
    else:
        _write(_placements_of_organisations(set(organisation_ids)))


def mark_all() -> None:
    pending = _pending()
    if pending is not None:
        pending.everything = True
        return
    _write(Placement.objects.values_list("pk", flat=True))


def stale_count() -> int:
    return StaleSignals.objects.count()


@many_objects()
def refresh(*, progress: Progress = SILENT) -> int:
    """Work out the intervals of every stale placement; returns how many placements. Part by
    part, each in a transaction: a second reader waits for the part a first one is doing
    (row locks on PostgreSQL, the write lock on SQLite) and then finds it done."""
    if not StaleSignals.objects.exists():  # every page asks: the cheap question first
        return 0
    total = StaleSignals.objects.count()
    progress.stage("Signalen bijwerken", total)
    done = 0
    after = -1  # one pass: a placement marked again meanwhile waits for the next reader
    with Evaluator(total) as evaluate:
        while True:
            with transaction.atomic():
                stale = list(
                    StaleSignals.objects.select_for_update()
                    .filter(placement_id__gt=after)
                    .order_by("placement_id")
                    .values_list("placement_id", "token")[:PART]
                )
                if not stale:
                    return done
                ids = [pk for pk, _token in stale]
                after = ids[-1]
                new = evaluate(list(load_facts(ids).items()))
                SignalInterval.objects.filter(placement_id__in=ids).delete()
                insert_rows(SignalInterval, INTERVAL_FIELDS, new)
                StaleSignals.objects.filter(
                    placement_id__in=ids, token__in={token for _pk, token in stale}
                ).delete()
            done += len(stale)
            progress.advance(len(stale))


@dataclass(frozen=True)
class Drift:
    """What the nightly check found: placements whose stored intervals differ from a fresh
    evaluation of their records (there should be none)."""

    checked: int
    differing: list[int]


@many_objects()
def check(*, progress: Progress = SILENT, repair: bool = True) -> Drift:
    """Compare the stored intervals of every placement with a fresh evaluation. Differences
    are marked stale and worked out again (`repair`), and reported."""
    refresh(progress=progress)
    ids = list(Placement.objects.order_by("pk").values_list("pk", flat=True))
    progress.stage("Signalen controleren", len(ids))
    differing: list[int] = []
    with Evaluator(len(ids)) as evaluate:
        for part in in_parts(ids, PART):
            stored: dict[int, Counter[tuple[object, ...]]] = {pk: Counter() for pk in part}
            for row in SignalInterval.objects.filter(placement_id__any=part).values_list(
                "placement_id", "code", "subject", "due", "opens", "closes", "message"
            ):
                stored[row[0]][row[1:]] += 1
            fresh: dict[int, Counter[tuple[object, ...]]] = {pk: Counter() for pk in part}
            for row in evaluate(list(load_facts(part).items())):
                fresh[row[0]][row[1:7]] += 1  # all columns but the parameters
            differing.extend(pk for pk in part if fresh[pk] != stored[pk])
            progress.advance(len(part))
    if differing and repair:
        with transaction.atomic():
            mark_placements(differing)
        refresh(progress=progress)
    return Drift(checked=len(ids), differing=differing)
