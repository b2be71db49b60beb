"""A report download over many years as a background job (issue 14 §3)."""

from __future__ import annotations

from datetime import date

from baanbehoud.dates import format_date_nl
from baanbehoud.jobs.models import Job
from baanbehoud.jobs.registry import JobRefused, Outcome, register
from baanbehoud.progress import Progress

from . import downloads
from .services import KINDS


@register("report")
def run_report(job: Job, progress: Progress) -> Outcome:
    kind, export = job.params.get("kind"), job.params.get("format")
    if kind not in KINDS or export not in downloads.CONTENT_TYPES or job.started_by is None:
        raise JobRefused("Deze rapportage bestaat niet.")
    content, prepared = downloads.make(
        job.started_by,
        kind,
        job.params.get("filters", {}),
        export,
        date.fromisoformat(job.params["today"]),
        progress,
    )
    period = prepared.period
    return Outcome(
        summary=f"{downloads.TITLES[kind]} over {format_date_nl(period.start)} tot en met "
        f"{format_date_nl(period.end)} is klaar.",
        output=content,
        output_name=f"baanbehoud-{kind}.{export}",
        output_type=downloads.CONTENT_TYPES[export],
    )
