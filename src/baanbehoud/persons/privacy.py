"""What the persons app holds about a person, for the AVG rights (security/privacy.py)."""

from __future__ import annotations

from datetime import date

from baanbehoud.security import privacy

from .models import CandidateProfile, Handover, LoadAssessment, Person, Pretrajectory, WerkfitCheck


class PersonsData:
    def export(self, person: Person, export: privacy.AccessExport) -> None:
        export.data["persoon"] = privacy.record(person)
        export.data["kandidaatprofiel"] = [
            privacy.record(p, ("person",)) for p in CandidateProfile.objects.filter(person=person)
        ]
        export.data["beoordelingen belastbaarheid"] = [
            privacy.record(a, ("person",))
            for a in LoadAssessment.objects.filter(person=person).order_by("date", "pk")
        ]
        export.data["voortrajecten"] = [
            privacy.record(t, ("person",))
            for t in Pretrajectory.objects.filter(person=person).order_by("start", "pk")
        ]
        export.data["werkfit-checklist"] = [
            privacy.record(c, ("person",))
            for c in WerkfitCheck.objects.filter(person=person).order_by("item__order", "pk")
        ]
        export.data["overdrachten"] = [
            privacy.record(h, ("person",))
            for h in Handover.objects.filter(person=person).order_by("pk")
        ]

    def anonymise(self, erasure: privacy.Erasure) -> None:
        person = erasure.person
        CandidateProfile.objects.filter(person=person).delete()
        LoadAssessment.objects.filter(person=person).delete()  # health data: nothing to keep
        WerkfitCheck.objects.filter(person=person).delete()  # what a person can: nothing to keep
        privacy.scrub(Handover.objects.filter(person=person), ("note",))
        privacy.scrub(Pretrajectory.objects.filter(person=person), ("goals", "outcome_note"))
        person.name = privacy.ANONYMOUS_NAME
        person.ref = f"anoniem-{privacy.new_ref()}"
        person.bsn = None
        person.birth_date = date(person.birth_date.year, 7, 1)
        person.needs = person.email = person.phone = ""
        person.contact_person = None
        person.jobcoach = None
        person.anonymised_on = erasure.today
        person.save()


privacy.register(PersonsData())
