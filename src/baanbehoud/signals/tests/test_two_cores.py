"""Issue 15: a large refresh of the stored signal intervals, and the nightly check, share the
rules' work with a helper process (`signals/cores.py`); what they store and compare is what one
process gives."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from baanbehoud.placements.models import Placement
from baanbehoud.signals import cores, intervals
from baanbehoud.signals.models import SignalInterval

DEMO_SEED = 7


def stored_intervals():
    return sorted(
        SignalInterval.objects.values_list(
            "placement_id", "code", "subject", "due", "opens", "closes", "message", "params"
        ),
        key=repr,
    )


@pytest.mark.slow
def test_two_cores_store_what_one_stores(demo_module, db, monkeypatch):
    """Issue 15: a large refresh shares the rules' work with a helper process; what it stores,
    and what the nightly check compares, is what one process stores (the demo loads on one)."""
    one_core = stored_intervals()
    assert len(one_core) > 300
    monkeypatch.setattr(cores, "PARALLEL_FROM", 1)
    with cores.Evaluator(2) as evaluate:
        assert evaluate.pool is not None  # a helper process does half of each part
    intervals.mark_all()
    assert intervals.refresh() == Placement.objects.count()
    assert stored_intervals() == one_core
    SignalInterval.objects.filter(pk=SignalInterval.objects.order_by("pk").last().pk).update(
        message="iets anders"
    )
    drift = intervals.check(repair=False)
    assert len(drift.differing) == 1 and drift.checked == Placement.objects.count()


def test_one_core_where_no_helper_may_start(monkeypatch):
    """A Celery worker's pool process (daemonic) may not start processes of its own: there, and
    for little work, the rules run in the process itself."""
    assert cores.can_share(cores.PARALLEL_FROM) == ((os.cpu_count() or 1) > 1)
    assert not cores.can_share(cores.PARALLEL_FROM - 1)

    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    assert not cores.can_share(10**6)
    with cores.Evaluator(10**6) as evaluate:
        assert evaluate.pool is None
