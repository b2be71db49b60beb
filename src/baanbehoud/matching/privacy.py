"""What the matching app holds about a person, for the AVG rights (security/privacy.py): the
proposals to employers, with what the person agreed to share."""

from __future__ import annotations

from baanbehoud.persons.models import Person
from baanbehoud.security import privacy

from .models import Proposal


class MatchingData:
    def export(self, person: Person, export: privacy.AccessExport) -> None:
        proposals = Proposal.objects.filter(person=person).select_related("vacancy").order_by("pk")
        export.data["voorstellen aan werkgevers"] = [
            privacy.record(p, ("person",)) for p in proposals
        ]

    def anonymise(self, erasure: privacy.Erasure) -> None:
        privacy.scrub(
            Proposal.objects.filter(person=erasure.person),
            ("note", "answer_note", "stopped_reason"),
        )


privacy.register(MatchingData())
