"""The base of the data commands (`signals`, `report`, `import`, `export`, `notify`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class DataCommand(BaseCommand):
    """A command run by hand or from cron on the data. Django's system checks (the URL patterns,
    the settings) are for starting the site — `serve` and `baanbehoud check` run them — and cost
    a third of a second on every run here; one organisation's signals take less than that."""

    requires_system_checks: list[str] = []
