from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Organisation, Programme, Region, User, WerkfitItem
from .scoping import RegionScopedAdminMixin, users_for


class MunicipalityInline(RegionScopedAdminMixin, admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    region_lookup = "pk"
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name"]}),
        (
            _("Bij ziekte: wie is aan zet (de afspraak in de regio)"),
            {"fields": ["sick_reintegration", "sick_benefit", "sick_contact"]},
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new region is a new tenant: a superuser's job, not a region's administrator's.
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Organisation)
class OrganisationAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    region_lookup = "region_id"
    list_display = ["name", "ref", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ref"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    region_lookup = "region_id"
    list_display = ["name", "organisation", "region"]
    list_filter = ["region", "organisation"]
    search_fields = ["name"]


@admin.register(Programme)
class ProgrammeAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """Issue 20 §5: which municipality offers which voortraject (no persons)."""

    region_lookup = "municipality__region_id"
    list_display = ["name", "municipality", "provider"]
    list_filter = ["municipality"]
    search_fields = ["name", "provider"]


@admin.register(WerkfitItem)
class WerkfitItemAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """Issue 20 §5: the region's werkfit checklist, agreed in the region; switch a point off
    rather than delete it (its judgements stay with the persons)."""

    region_lookup = "region_id"
    list_display = ["text", "code", "order", "active", "region"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["text", "code"]


@admin.register(User)
class UserAdmin(RegionScopedAdminMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "ref"]
    # Widgets whose every input has a label (axe): no select2 autocomplete, no JavaScript two-box
    # filter, no split date/time inputs (these two dates are never edited by hand anyway).
    raw_id_fields = ["employer", "person"]
    filter_horizontal = ()
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Baanbehoud"),
            {"fields": ("ref", "full_name", "phone", "role", "organisation", "employer", "person")},
        ),
    )

    actions = ["issue_activation_code"]

    @admin.action(description=_("Activeringscode voor de tweestapsverificatie maken"))
    def issue_activation_code(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """A lost phone or a first login: a one-time code to link an authenticator app. Any app
        linked before stops working. Hand the code over by phone or in person, not by e-mail."""
        from baanbehoud.security.enrolment import VALID_DAYS, issue_code

        for account in queryset.filter(is_active=True):
            code = issue_code(
                user=account, issued_by=request.user if isinstance(request.user, User) else None
            )
            self.message_user(
                request,
                f"{account.username}: activeringscode {code} ({VALID_DAYS} dagen geldig, werkt "
                "één keer). Geef haar telefonisch of persoonlijk door.",
                messages.SUCCESS,
            )

    # A functional administrator manages the accounts of their own region and cannot hand out
    # rights they do not have: superuser status, permissions and groups are a superuser's job,
    # and superusers' accounts (their passwords included) are out of reach.
    ESCALATING_FIELDS = ("is_superuser", "user_permissions", "groups")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in self.ESCALATING_FIELDS if f not in fields]
        return fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        return users.filter(pk__in=users_for(request.user).values("pk"))
