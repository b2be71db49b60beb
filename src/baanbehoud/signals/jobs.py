"""Scheduled work of the signals app as background jobs (issue 14 §3): the weekly digest
(Monday 07:00) and the nightly signal run (03:00), started by the scheduler (config/settings)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from baanbehoud.jobs.models import Job
from baanbehoud.jobs.registry import Outcome, register
from baanbehoud.placements.models import Placement
from baanbehoud.progress import Progress

from .selectors import open_signal_rows
from .services import digest_send, iso_week


@register("digest")
def run_digest(job: Job, progress: Progress) -> Outcome:
    on = timezone.localdate()
    result = digest_send(on=on, progress=progress)
    return Outcome(
        summary=f"Week {iso_week(on)}: {result.sent} weekoverzichten verstuurd, "
        f"{result.skipped} overgeslagen.",
        result={"sent": result.sent, "skipped": result.skipped},
    )


@register("signals")
def run_signals(job: Job, progress: Progress) -> Outcome:
    """Evaluate every placement's signals for today and record how many are open per code: the
    administrator sees each night that the rules ran over the whole register and what they found.
    (Stored signal intervals and their nightly drift check arrive with the national-scale work.)"""
    on = timezone.localdate()
    progress.stage("Signalen berekenen", 0)
    rows = open_signal_rows(Placement.objects.all(), on)
    per_code = Counter(row.signal.code for row in rows)
    overdue = sum(1 for row in rows if row.signal.due < on)
    return Outcome(
        summary=f"{len(rows)} open signalen op {on.isoformat()}, waarvan {overdue} te laat.",
        result={"on": on.isoformat(), "open": len(rows), "overdue": overdue,
                "per_code": dict(sorted(per_code.items()))},
    )  # fmt: skip
