from typing import Any

from django.contrib import admin

from .models import ProcessingLogEntry


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log cannot be changed or deleted through the application."""

    list_display = ["timestamp", "user_label", "action", "activity", "object_type", "person_id"]
    list_filter = ["action", "activity", "object_type"]
    search_fields = ["=bsn_hash", "=person_id", "user_label"]

    def get_queryset(self, request: Any) -> Any:
        """A functional administrator sees the entries about persons of their region."""
        entries = super().get_queryset(request)
        if request.user.is_superuser:
            return entries
        from django.db.models import Q

        from baanbehoud.persons.models import Person

        region_persons = Person.objects.administrable_by(request.user).values("pk")
        return entries.filter(Q(person_id__in=region_persons) | Q(person_id__isnull=True))

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
