"""The Celery tasks: one that runs any job by id, one for scheduled work (config/celery.py)."""

from __future__ import annotations

from celery import shared_task
from django.db import connections

from . import services


def _release_connections() -> None:
    """A worker holds no database connection between jobs, as a request does not (a job run
    in-process, inside someone's transaction, keeps it)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


SCHEDULED_TITLES = {
    "digest": "Weekoverzicht aan de contactpersonen",
    "retention": "Bewaartermijn: personen anonimiseren",
    "signals": "Signalen van vandaag nalopen",
}


@shared_task(name="baanbehoud.jobs.run", ignore_result=True, acks_late=True)
def run_job(job_id: str) -> None:
    try:
        services.run(job_id)
    finally:
        _release_connections()


@shared_task(name="baanbehoud.jobs.scheduled", ignore_result=True)
def run_scheduled(kind: str) -> None:
    """Beat's entry: a job without a user, run here in the worker, visible to administrators."""
    try:
        job = services.create(kind, title=SCHEDULED_TITLES[kind], user=None)
        services.run(job.pk)
    finally:
        _release_connections()
