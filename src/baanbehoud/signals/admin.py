from django.contrib import admin

from baanbehoud.organisations.scoping import RegionScopedAdminMixin

from .models import CalendarFeed, DigestSent, SignalSettings


@admin.register(SignalSettings)
class SignalSettingsAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    region_lookup = "organisation__region_id"
    list_display = ["organisation", "contract_end_lead_months", "chain_transition_lead_months",
                    "contact_cadence_temporary_months", "contact_cadence_permanent_months"]  # fmt: skip
    search_fields = ["organisation__name"]


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["user", "week", "signal_count", "sent_at"]
    search_fields = ["user__username", "week"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__username"]
    exclude = ["token"]
