"""What the exchange app holds about a person, for the AVG rights (security/privacy.py): uploaded
documents hold BSNs until they are confirmed or go stale."""

from __future__ import annotations

import json

from baanbehoud.persons.models import Person
from baanbehoud.security import privacy

from .models import ImportBatch, purge_stale_batches


class ExchangeData:
    def export(self, person: Person, export: privacy.AccessExport) -> None:
        """An upload waiting for confirmation is not part of the person's file."""

    def anonymise(self, erasure: privacy.Erasure) -> None:
        if not erasure.bsn:
            return
        for batch in ImportBatch.objects.all():
            if erasure.bsn in json.dumps(batch.document):
                batch.delete()


@privacy.register_sweep
def stale_uploads() -> privacy.Swept:
    return privacy.Swept("batches", purge_stale_batches(), "niet bevestigde imports")


privacy.register(ExchangeData())
