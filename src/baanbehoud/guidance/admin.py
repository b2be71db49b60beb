from django.contrib import admin

from baanbehoud.audit.admin_logging import ProcessingLogAdmin, ReadOnlyLogAdmin

from .models import (
    Concern,
    ContactMoment,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachIntensity,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    Referral,
    SickReport,
)


@admin.register(ContactMoment)
class ContactMomentAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "date", "channel", "by", "follow_up"]
    list_filter = ["channel"]
    search_fields = ["placement__person__name", "summary"]
    autocomplete_fields = ["placement", "by"]
    date_hierarchy = "date"


class EvaluationResponseInline(admin.StackedInline):
    model = EvaluationResponse
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "date", "kind"]
    list_filter = ["kind"]
    search_fields = ["placement__person__name"]
    autocomplete_fields = ["placement"]
    inlines = [EvaluationResponseInline]


@admin.register(JobcoachIntensity)
class JobcoachIntensityAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]


class JobcoachHoursInline(admin.TabularInline):
    model = JobcoachHours
    extra = 0


class JobcoachReportInline(admin.StackedInline):
    model = JobcoachReport
    extra = 0


@admin.register(JobcoachTrajectory)
class JobcoachTrajectoryAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "organisation", "coach", "intensity", "start", "end"]
    list_filter = ["organisation", "intensity"]
    search_fields = ["ref", "placement__person__name"]
    autocomplete_fields = ["placement", "organisation", "coach"]
    inlines = [JobcoachHoursInline, JobcoachReportInline]


@admin.register(Concern)
class ConcernAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "date", "raised_by", "kind", "handled"]
    list_filter = ["raised_by", "kind"]
    search_fields = ["placement__person__name", "text"]
    autocomplete_fields = ["placement"]


@admin.register(Provision)
class ProvisionAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "kind", "requested", "granted", "status"]
    list_filter = ["status"]
    search_fields = ["placement__person__name", "kind"]
    autocomplete_fields = ["placement"]


@admin.register(EvaluationResponse)
class EvaluationResponseAdmin(ProcessingLogAdmin):
    person_path = "evaluation__placement__person"
    list_display = ["evaluation", "respondent", "submitted_at"]
    list_filter = ["respondent"]
    search_fields = ["evaluation__placement__person__name"]
    autocomplete_fields = ["evaluation"]


@admin.register(JobcoachHours)
class JobcoachHoursAdmin(ProcessingLogAdmin):
    person_path = "trajectory__placement__person"
    list_display = ["trajectory", "month", "hours"]
    search_fields = ["trajectory__placement__person__name", "trajectory__ref"]
    autocomplete_fields = ["trajectory"]


@admin.register(JobcoachReport)
class JobcoachReportAdmin(ProcessingLogAdmin):
    person_path = "trajectory__placement__person"
    list_display = ["trajectory", "date", "risk"]
    list_filter = ["risk"]
    search_fields = ["trajectory__placement__person__name", "trajectory__ref"]
    autocomplete_fields = ["trajectory"]


@admin.register(SickReport)
class SickReportAdmin(ReadOnlyLogAdmin):
    """Read-only: a sick report is recorded and closed on its page (guidance.services), which
    tells the contact person and keeps one report open per placement."""

    person_path = "placement__person"
    list_display = ["placement", "first_day", "expected_return", "recovered_on", "reported_by"]
    list_filter = ["reported_by"]
    search_fields = ["placement__person__name"]
    date_hierarchy = "first_day"


@admin.register(Referral)
class ReferralAdmin(ReadOnlyLogAdmin):
    """Read-only: a referral is recorded on the concern's page (guidance.services)."""

    person_path = "concern__placement__person"
    list_display = ["concern", "referred_on", "team", "feedback_on"]
    search_fields = ["concern__placement__person__name", "team"]
