from typing import Any

from django import forms
from django.contrib import admin

from baanbehoud.audit.admin_logging import ProcessingLogAdmin, ReadOnlyLogAdmin
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.scoping import RegionScopedAdminMixin

from . import domain
from .models import (
    AftercareAgreement,
    ContractPeriod,
    Correction,
    EmployerIntention,
    Ending,
    EndingReason,
    HoursStep,
    Placement,
    WageValue,
)


class ContractInlineFormSet(forms.BaseInlineFormSet):
    """Judge the contract periods of a placement as one series, with the same pure rules the
    model and the import use, so the admin cannot save an overlap that each row alone hides."""

    def clean(self) -> None:
        super().clean()
        rows = [
            f
            for f in self.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("start")
            and f.cleaned_data.get("kind")
        ]
        periods = [
            domain.ContractSpan(
                kind=domain.ContractKind(f.cleaned_data["kind"]),
                start=f.cleaned_data["start"],
                end=f.cleaned_data.get("end"),
            )
            for f in rows
        ]
        for problem in domain.contract_problems(periods):
            form = rows[problem.index]
            if problem.field not in form.errors:
                form.add_error(problem.field, problem.message)


class ContractInline(admin.TabularInline):
    model = ContractPeriod
    formset = ContractInlineFormSet
    extra = 0
    fields = ["kind", "start", "end", "hours_per_week", "probation_end",
              "cao_max_contracts", "cao_max_months", "cao_gap_months"]  # fmt: skip


class HoursStepInline(admin.TabularInline):
    model = HoursStep
    extra = 0


class EndingInline(admin.StackedInline):
    model = Ending
    extra = 0


@admin.register(Placement)
class PlacementAdmin(ProcessingLogAdmin):
    person_path = "person"
    list_display = ["person", "employer", "function", "route"]
    list_filter = ["route", "employer__sector"]
    search_fields = ["ref", "person__name", "employer__name", "function"]
    autocomplete_fields = ["person", "employer", "vacancy"]
    inlines = [ContractInline, HoursStepInline, EndingInline]


@admin.register(ContractPeriod)
class ContractPeriodAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "kind", "start", "end", "hours_per_week"]
    list_filter = ["kind"]
    search_fields = ["placement__person__name", "placement__employer__name"]
    autocomplete_fields = ["placement"]
    date_hierarchy = "start"


@admin.register(EndingReason)
class EndingReasonAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "side", "active", "order"]
    list_filter = ["side", "active"]
    search_fields = ["code", "label"]


@admin.register(Ending)
class EndingAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "date", "initiative", "next"]
    list_filter = ["initiative", "next", "reasons"]
    search_fields = ["placement__person__name", "placement__employer__name"]
    autocomplete_fields = ["placement"]


@admin.register(HoursStep)
class HoursStepAdmin(ProcessingLogAdmin):
    person_path = "placement__person"
    list_display = ["placement", "from_date", "hours_per_week", "review_date", "decision"]
    list_filter = ["decision"]
    search_fields = ["placement__person__name", "placement__employer__name"]
    autocomplete_fields = ["placement"]


@admin.register(Correction)
class CorrectionAdmin(ProcessingLogAdmin):
    """Read-only: a correction is history; it is made on the placement page with a reason."""

    person_path = "placement__person"
    list_display = ["placement", "record", "action", "by", "at"]
    list_filter = ["action", "record"]
    search_fields = ["placement__person__name", "reason"]
    readonly_fields = ["placement", "action", "record", "before", "after", "reason", "by", "at"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(EmployerIntention)
class EmployerIntentionAdmin(ProcessingLogAdmin):
    """Read-only: an intention is recorded from the worklist or the placement page (or the API
    and the import), through the one service; the latest counts, earlier ones are history."""

    person_path = "contract__placement__person"
    list_display = ["contract", "date", "intention", "recorded_by"]
    list_filter = ["intention", "reasons"]
    search_fields = ["contract__placement__person__name", "contract__placement__employer__name"]
    readonly_fields = ["contract", "date", "intention", "reasons", "notes", "recorded_by"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(WageValue)
class WageValueAdmin(ReadOnlyLogAdmin):
    """Read-only: a measurement is recorded on the placement's loonwaarde page."""

    person_path = "placement__person"
    list_display = ["placement", "date", "outcome", "measurer", "disputed", "next_measurement"]
    list_filter = ["measurer", "disputed", "method"]
    search_fields = ["placement__person__name"]


@admin.register(AftercareAgreement)
class AftercareAgreementAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """Issue 19 §4: the functional administrator writes who acts after a job loss, per regime
    and next step, for their own region."""

    region_lookup = "region_id"
    list_display = ["region", "regime", "next", "owner"]
    list_filter = ["regime", "next"]

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "owner":
            field.queryset = field.queryset.filter(role=Role.KLANTMANAGER, is_active=True)
        return field
