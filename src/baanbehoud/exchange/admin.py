from django.contrib import admin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "uploaded_by", "uploaded_at"]
    search_fields = ["filename"]
    exclude = ["document"]  # holds BSNs: never shown
