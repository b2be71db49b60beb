from django.contrib import admin

from .models import Employer, EmployerContact, Vacancy


class EmployerContactInline(admin.TabularInline):
    model = EmployerContact
    extra = 0


class VacancyInline(admin.StackedInline):
    model = Vacancy
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk", "sector", "municipality", "account_manager"]
    list_filter = ["sector", "size", "has_policy", "offers_permanent"]
    search_fields = ["name", "kvk", "ref"]
    autocomplete_fields = ["municipality", "account_manager"]
    inlines = [EmployerContactInline, VacancyInline]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "hours_min", "hours_max", "status"]
    list_filter = ["status", "intends_permanent"]
    search_fields = ["title", "employer__name"]
    autocomplete_fields = ["employer"]


@admin.register(EmployerContact)
class EmployerContactAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "employer", "email"]
    search_fields = ["name", "employer__name"]
    autocomplete_fields = ["employer"]
