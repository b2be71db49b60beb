from typing import Any

from django.contrib import admin

from baanbehoud.audit.admin_logging import ProcessingLogAdmin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(ProcessingLogAdmin):
    """Read-only: a proposal's course runs through the pages (consent, the employer's answer,
    the meeting, the proefplaatsing), each step in the processing log."""

    person_path = "person"
    list_display = ["vacancy", "person", "status", "proposed_on", "answered_on"]
    list_filter = ["status", "answer_reasons"]
    search_fields = ["person__name", "vacancy__title", "vacancy__employer__name"]
    readonly_fields = [
        "vacancy", "person", "proposed_by", "proposed_on", "consent_on", "shared_items", "note",
        "status", "answered_on", "answer_reasons", "answer_note", "meeting_on", "placement",
        "stopped_reason",
    ]  # fmt: skip

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
