"""`baanbehoud check --deploy`: production runs several processes, which must share the task
queue and job progress (issue 14 §2): without REDIS_URL every job would run inside a web request
and its progress would stay in one process's memory."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def queue_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    problems = []
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        problems.append(
            Warning(
                "Er is geen taakwachtrij: imports, exports en de planning lopen in het proces "
                "dat ze start.",
                hint="Zet REDIS_URL (docs/configuration.md) en start baanbehoud worker en "
                "baanbehoud scheduler (docs/operations.md).",
                id="baanbehoud.W001",
            )
        )
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        problems.append(
            Warning(
                "De cache staat in het geheugen van elk proces: de voortgang van een taak is "
                "dan niet op elke app-server te zien.",
                hint="Zet REDIS_URL (docs/configuration.md).",
                id="baanbehoud.W002",
            )
        )
    if settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
        problems.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in e-mails and calendar feeds gaan dan "
                "nergens heen.",
                hint="Zet SITE_URL op het adres waarop gebruikers Baanbehoud openen.",
                id="baanbehoud.W003",
            )
        )
    return problems
