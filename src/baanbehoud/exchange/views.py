"""Import in the web UI: upload, see the problems or a preview of what will change, confirm."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from baanbehoud.jobs import services as jobs
from baanbehoud.security.access import FB, roles_required
from baanbehoud.untrusted import UntrustedJSONError, loads
from baanbehoud.web.views import AuthenticatedRequest

from .forms import ExportForm, ImportUploadForm
from .importer import import_document
from .jobs import count_rows
from .models import ImportBatch, ImportUndo
from .spreadsheet import SpreadsheetError, consultant_directory, import_spreadsheet, template
from .undo import import_undo, undo_available


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
            context["counts"] = count_rows(result)
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
    # The writing is long work: a job on the task queue, its progress on the job page.
    job = jobs.start(
        "import",
        title=f"Import van {batch.filename}",
        params={"batch": batch.pk},
        user=request.user,
    )
    return redirect("job", job.pk)


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


@roles_required(FB)
def export_page(request: AuthenticatedRequest) -> HttpResponse:
    """Export the persons the administrator administers (or one organisation's) in the exchange
    format: a background job, downloadable from its page for a day."""
    form = ExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        pseudonymise = form.cleaned_data["pseudonymise"]
        title = "Export " + (str(organisation) if organisation else "van de hele regio")
        job = jobs.start(
            "export",
            title=title + (" (gepseudonimiseerd)" if pseudonymise else ""),
            params={
                "organisation": organisation.pk if organisation else None,
                "pseudonymise": pseudonymise,
            },
            user=request.user,
        )
        return redirect("job", job.pk)
    status = 400 if form.errors else 200
    return render(request, "exchange/export.html", {"form": form}, status=status)
