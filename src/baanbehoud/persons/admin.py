from django.contrib import admin

from baanbehoud.audit.admin_logging import ProcessingLogAdmin, ReadOnlyLogAdmin

from .models import CandidateProfile, Handover, LoadAssessment, Person, Pretrajectory, WerkfitCheck


class CandidateProfileInline(admin.StackedInline):
    model = CandidateProfile
    extra = 0


@admin.register(Person)
class PersonAdmin(ProcessingLogAdmin):
    person_path = ""
    list_display = ["name", "ref", "municipality", "organisation", "regime", "contact_person"]
    list_filter = ["regime", "organisation", "education"]
    # BSN is searchable (exact) but never listed: it should not sit on a screen needlessly.
    search_fields = ["name", "ref", "=bsn"]
    autocomplete_fields = ["municipality", "organisation", "contact_person", "jobcoach"]
    inlines = [CandidateProfileInline]


@admin.register(CandidateProfile)
class CandidateProfileAdmin(ProcessingLogAdmin):
    person_path = "person"
    list_display = ["person", "filled_by", "employer_consent_on"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]


@admin.register(Handover)
class HandoverAdmin(ProcessingLogAdmin):
    person_path = "person"
    list_display = ["person", "date", "from_user", "to_user"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]


@admin.register(LoadAssessment)
class LoadAssessmentAdmin(ReadOnlyLogAdmin):
    """Read-only: an assessment is recorded on its page (persons.services.load_capacity_record),
    which keeps the profile's current capacity and the signals in step; a correction is a new
    assessment."""

    person_path = "person"
    list_display = ["person", "date", "hours_per_week", "course", "next_review"]
    search_fields = ["person__name"]


@admin.register(Pretrajectory)
class PretrajectoryAdmin(ReadOnlyLogAdmin):
    """Read-only: a voortraject is recorded on the person's page (persons.services)."""

    person_path = "person"
    list_display = ["person", "provider", "start", "end", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["person__name", "provider"]


@admin.register(WerkfitCheck)
class WerkfitCheckAdmin(ReadOnlyLogAdmin):
    """Read-only: the werkfit checklist is filled on the person's page (persons.services)."""

    person_path = "person"
    list_display = ["person", "item", "answer", "checked_on"]
    list_filter = ["answer"]
    search_fields = ["person__name", "item__text"]
