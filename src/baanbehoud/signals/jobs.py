"""Scheduled work of the signals app as background jobs (issue 14 §3): the weekly digest
(Monday 07:00) and the nightly signal run (03:00), started by the scheduler (config/settings)."""

from __future__ import annotations

import logging
from collections import Counter

from django.utils import timezone

from baanbehoud.jobs.models import Job
from baanbehoud.jobs.registry import Outcome, register
from baanbehoud.progress import Progress

from . import intervals
from .selectors import open_signal_rows
from .services import digest_send, iso_week

logger = logging.getLogger(__name__)


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
    """Each night: check that the stored signal intervals equal a fresh evaluation of the
    records (repairing and reporting any drift), and record how many signals are open per code,
    so the administrator sees that the rules ran over the whole register and what they found."""
    on = timezone.localdate()
    drift = intervals.check(progress=progress)
    progress.stage("Open signalen tellen", 0)
    rows = open_signal_rows(None, on)
    per_code = Counter(row.signal.code for row in rows)
    overdue = sum(1 for row in rows if row.signal.due < on)
    summary = f"{len(rows)} open signalen op {on.isoformat()}, waarvan {overdue} te laat."
    if drift.differing:
        logger.error(
            "Opgeslagen signalen weken af van de regels bij %s plaatsingen (hersteld): %s",
            len(drift.differing), drift.differing[:20],
        )  # fmt: skip
        summary += (
            f" Let op: bij {len(drift.differing)} plaatsingen weken de opgeslagen signalen af van"
            " de regels; ze zijn opnieuw berekend."
        )
    return Outcome(
        summary=summary,
        result={"on": on.isoformat(), "open": len(rows), "overdue": overdue,
                "per_code": dict(sorted(per_code.items())),
                "checked": drift.checked, "drift": drift.differing[:100]},
    )  # fmt: skip
