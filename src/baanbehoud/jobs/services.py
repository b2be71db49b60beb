"""Start a job and run it: the one way long work is done (issue 14 §3).

`start` writes the job row and hands its id to the task queue once the row is committed. Without a
broker (the embedded default: the demo, SQLite, the tests) Celery runs the task at once, in this
process (`CELERY_TASK_ALWAYS_EAGER`), so nothing else has to run. `run` is what the worker does."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from baanbehoud.organisations.models import User
from baanbehoud.progress import Progress

from .models import Job, JobStatus
from .progress import CacheProgress
from .registry import HANDLERS, JobRefused

logger = logging.getLogger("baanbehoud.jobs")

# An export's or report's file may hold BSNs: it is removed a day after it was made.
OUTPUT_KEPT = timedelta(days=1)
FAILED_MESSAGE = (
    "Er ging iets mis bij het uitvoeren. Er is niets half opgeslagen. Probeer het later opnieuw; "
    "lukt het dan niet, geef dan de tijd van deze taak door aan de beheerder."
)


def in_process() -> bool:
    """True when jobs run in the process that starts them (no task queue configured)."""
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def create(
    kind: str, *, title: str, params: dict[str, Any] | None = None, user: User | None
) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    return Job.objects.create(kind=kind, title=title, params=params or {}, started_by=user)


def start(kind: str, *, title: str, params: dict[str, Any] | None = None, user: User | None) -> Job:
    """Queue `kind`; returns the job (already finished when jobs run in-process)."""
    job = create(kind, title=title, params=params, user=user)
    if in_process():
        run(job.pk)
        job.refresh_from_db()
    else:
        from .tasks import run_job

        job_id = str(job.pk)
        transaction.on_commit(lambda: run_job.delay(job_id))
    return job


def run(job_id: UUID | str, progress: Progress | None = None) -> None:
    """Do the work of a queued job once; a job already taken (a message delivered twice) is left."""
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return
    job = Job.objects.select_related("started_by").get(pk=job_id)
    try:
        outcome = HANDLERS[job.kind](job, progress or CacheProgress(job.pk))
    except JobRefused as exc:
        job.status, job.error = JobStatus.FAILED, str(exc)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status, job.error = JobStatus.FAILED, FAILED_MESSAGE
    else:
        job.status = JobStatus.DONE
        job.summary, job.result = outcome.summary, outcome.result
        job.output = outcome.output
        job.output_name, job.output_type = outcome.output_name, outcome.output_type
    job.finished_at = timezone.now()
    job.save()
    logger.info("job %s (%s) %s", job.pk, job.kind, job.status)


def visible_to(user: User) -> Any:
    """A user sees the jobs they started; an administrator also the scheduled ones."""
    from baanbehoud.organisations.models import Role

    jobs = Job.objects.filter(started_by=user)
    if user.is_superuser or user.role == Role.BEHEERDER:
        jobs = jobs | Job.objects.filter(started_by__isnull=True)
    return jobs


def purge_outputs(now: Any = None) -> int:
    """Remove the files of jobs older than a day (they may hold BSNs)."""
    cutoff = (now or timezone.now()) - OUTPUT_KEPT
    return Job.objects.filter(finished_at__lt=cutoff, output__isnull=False).update(output=None)
