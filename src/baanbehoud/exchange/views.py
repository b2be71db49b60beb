"""Import in the web UI: upload, see the problems or a preview of what will change, confirm."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from baanbehoud.security.access import FB, roles_required
from baanbehoud.untrusted import UntrustedJSONError, loads
from baanbehoud.web.views import AuthenticatedRequest

from .forms import ImportUploadForm
from .importer import COUNTED, ImportResult, import_document
from .models import ImportBatch, ImportUndo
from .spreadsheet import SpreadsheetError, consultant_directory, import_spreadsheet, template
from .undo import import_undo, undo_available

LIST_LABELS = {
    "organisations": "Organisaties", "consultants": "Contactpersonen", "employers": "Werkgevers",
    "persons": "Personen", "placements": "Plaatsingen", "contracts": "Contracten",
    "contacts": "Contactmomenten",
    "evaluations": "Evaluaties", "jobcoaching": "Jobcoachtrajecten", "hours_buildup": "Urenopbouw",
    "concerns": "Zorgsignalen", "provisions": "Voorzieningen",
}  # fmt: skip


def _counts(result: ImportResult) -> list[dict[str, Any]]:
    return [
        {
            "label": LIST_LABELS[name],
            **{k: result.counts[name][k] for k in ("created", "updated", "unchanged")},
        }
        for name in COUNTED
        if name in result.counts
    ]


@roles_required(FB)
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    ImportBatch.objects.filter(uploaded_at__lt=timezone.now() - timedelta(days=1)).delete()
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    last = ImportUndo.objects.filter(done_by=request.user).order_by("-done_at").first()
    context: dict[str, Any] = {
        "form": form,
        "directory": consultant_directory(request.user),
        "undo": last if last is not None and undo_available(last, request.user) else None,
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        name = upload.name or "bestand"
        try:
            if name.lower().endswith(".json"):
                document = loads(content.decode("utf-8-sig"))
                result = import_document(document, user=request.user, dry_run=True)
                problems = [str(p) for p in result.problems]
            else:
                document, result, problems = import_spreadsheet(
                    name, content, user=request.user, dry_run=True
                )
        except (SpreadsheetError, ValueError) as exc:
            form.add_error(
                "file",
                str(exc)
                if isinstance(exc, SpreadsheetError | UntrustedJSONError)
                else "Dit is geen geldige JSON.",
            )
            return render(request, "exchange/import.html", context, status=400)
        context["filename"] = name
        if problems:
            context["problems"] = problems
        else:
            batch = ImportBatch.objects.create(
                uploaded_by=request.user, filename=name, document=document
            )
            context["batch"] = batch
            context["counts"] = _counts(result)
            context["warnings"] = [str(w) for w in result.warnings]
    return render(request, "exchange/import.html", context)


@roles_required(FB)
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk, uploaded_by=request.user)
    if request.method != "POST":
        return redirect("import")
    if "annuleren" in request.POST:
        batch.delete()
        messages.info(request, "De import is geannuleerd. Er is niets opgeslagen.")
        return redirect("import")
    result = import_document(batch.document, user=request.user)
    batch.delete()
    if result.ok:
        ImportUndo.objects.create(
            done_by=request.user, filename=batch.filename, journal=result.journal
        )
        # Per kind, not one sum of unlike records ("820 nieuw").
        parts = [
            f"{LIST_LABELS[name].lower()}: {result.counts[name]['created']} nieuw, "
            f"{result.counts[name]['updated']} gewijzigd"
            for name in COUNTED
            if name in result.counts
            and (result.counts[name]["created"] or result.counts[name]["updated"])
        ]
        messages.success(
            request, "Import gelukt. " + ("; ".join(parts) or "Er veranderde niets") + "."
        )
    else:  # the data changed between preview and confirmation
        messages.error(
            request, "De import is niet gelukt; er is niets opgeslagen. Laad het bestand opnieuw."
        )
    return redirect("import")


@roles_required(FB)
def import_template(request: AuthenticatedRequest) -> HttpResponse:
    response = HttpResponse(
        template(request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="baanbehoud-sjabloon-personen.xlsx"'
    return response


@roles_required(FB)
def import_undo_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST only: undo the administrator's own import of the last 30 minutes, all or nothing."""
    undo = get_object_or_404(ImportUndo, pk=pk, done_by=request.user)
    if request.method != "POST":
        return redirect("import")
    try:
        import_undo(user=request.user, undo=undo)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"De import van {undo.filename} is ongedaan gemaakt.")
    return redirect("import")
