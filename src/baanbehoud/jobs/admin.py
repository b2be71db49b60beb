from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "started_by", "created_at", "finished_at")
    list_filter = ("kind", "status")
    exclude = ("output",)
    readonly_fields = (
        "kind", "title", "status", "params", "started_by", "started_at", "finished_at",
        "summary", "result", "error", "output_name", "output_type",
    )  # fmt: skip

    def has_add_permission(self, request: object) -> bool:
        return False
