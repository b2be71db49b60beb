"""The admin is a way in to persons' records too (for superusers): its lists, forms, saves and
deletes write the processing log like every other page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .models import Action
from .services import LoggedPerson, log_processing

ACTIVITY = "Beheer (admin)"


class ProcessingLogAdmin(admin.ModelAdmin):
    """`person_path`: the lookup from this model to its person ("" for Person itself)."""

    person_path = ""

    def _persons(self, pks: list[Any]) -> list[LoggedPerson]:
        """The persons of these records (each once), read through the model's own relation."""
        if not pks:
            return []
        prefix = f"{self.person_path}__" if self.person_path else ""
        rows = (
            self.model._default_manager.filter(pk__in=pks)
            .values_list(f"{prefix}pk", f"{prefix}bsn")
            .distinct()
        )
        return [LoggedPerson(pk, bsn) for pk, bsn in rows if pk is not None]

    def _log(self, request: HttpRequest, pks: list[Any], action: Action, what: str) -> None:
        log_processing(
            user=request.user,  # type: ignore[arg-type]
            persons=self._persons(pks),
            action=action,
            activity=ACTIVITY,
            object_type=f"{self.model._meta.verbose_name} ({what})",
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}) or {}
        if "cl" in changelist:
            self._log(request, [o.pk for o in changelist["cl"].result_list], Action.READ, "lijst")
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                self._log(request, [obj.pk], Action.READ, "formulier")
        return response

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._log(request, [obj.pk], Action.UPDATE if change else Action.CREATE, "opslaan")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._log(request, [obj.pk], Action.DELETE, "verwijderen")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        self._log(
            request, list(queryset.values_list("pk", flat=True)), Action.DELETE, "verwijderen"
        )
        super().delete_queryset(request, queryset)


class ReadOnlyLogAdmin(ProcessingLogAdmin):
    """A record the admin shows but does not write: it is recorded on its page, through the
    service that keeps the rest in step (the profile, the signals, the contact person's mail)."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
