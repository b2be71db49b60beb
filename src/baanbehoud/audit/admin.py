from typing import Any

from django.contrib import admin

from .models import ProcessingLogEntry


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log cannot be changed or deleted through the application."""

    list_display = ["timestamp", "user_label", "action", "activity", "object_type", "person_id"]
    list_filter = ["action", "activity", "object_type"]
    search_fields = ["=bsn_hash", "=person_id", "user_label"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
