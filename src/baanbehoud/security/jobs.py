"""Retention as the nightly background job (issue 14 §3): anonymise who is past the retention
period, and remove what the application keeps only briefly because it holds BSNs (checked
uploads waiting for confirmation, the files of exports and reports)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from baanbehoud.jobs.models import Job
from baanbehoud.jobs.registry import Outcome, register
from baanbehoud.jobs.services import purge_outputs
from baanbehoud.progress import Progress

from . import privacy


@register("retention")
def run_retention(job: Job, progress: Progress) -> Outcome:
    today = timezone.localdate()
    years = settings.RETENTION_YEARS
    anonymised = privacy.apply_retention(today, years, progress)
    files = purge_outputs()
    swept = privacy.sweep()
    who = "1 persoon" if len(anonymised) == 1 else f"{len(anonymised)} personen"
    removed = "".join(f" en {each.count} {each.what}" for each in swept)
    return Outcome(
        summary=f"Geanonimiseerd: {who} (bewaartermijn {years} jaar). Verwijderd: {files} "
        f"bestanden van exports en rapportages{removed}.",
        result={
            "anonymised": len(anonymised),
            "files": files,
            **{each.key: each.count for each in swept},
        },
    )
