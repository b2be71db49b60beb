from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Organisation, Region, User


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ref", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ref"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "region"]
    list_filter = ["region", "organisation"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
