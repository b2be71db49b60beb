"""The task queue (issue 14 §3; docs/architecture.md says why Celery): the worker
(`baanbehoud worker`) runs jobs, the scheduler (`baanbehoud scheduler`, Celery beat) starts the
weekly digest, retention and the nightly signal run. Configured from Django's settings, the
`CELERY_` names in config/settings/base.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baanbehoud.config.settings.production")

app = Celery("baanbehoud")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["baanbehoud.jobs"])
