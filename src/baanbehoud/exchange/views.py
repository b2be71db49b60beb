"""Import in the web UI: upload, see the problems or a preview of what will change, confirm."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from baanbehoud.core.access import roles_required
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.jobs import progress as job_progress
from baanbehoud.jobs import services as jobs
from baanbehoud.jobs.models import Job, JobStatus
from baanbehoud.organisations.models import Role

from .forms import ExportForm, ImportUploadForm
from .models import ImportBatch, ImportUndo, purge_stale_batches
from .spreadsheet import consultant_directory, template
from .undo import import_undo, undo_available


@roles_required(Role.BEHEERDER)
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    """Upload, then the check runs as a background job (a large file takes minutes): the page
    shows its progress, then the problems or what will change, with the confirm button."""
    purge_stale_batches()
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    last = ImportUndo.objects.filter(done_by=request.user).order_by("-done_at").first()
    context: dict[str, Any] = {
        "form": form,
        "directory": consultant_directory(request.user),
        "undo": last if last is not None and undo_available(last, request.user) else None,
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch.objects.create(
            uploaded_by=request.user,
            filename=upload.name or "bestand",
            document={},
            upload=upload.read(),
        )
        job = jobs.start(
            "import-check",
            title=f"Controle van {batch.filename}",
            params={"batch": batch.pk},
            user=request.user,
        )
        return redirect(f"{reverse('import')}?controle={job.pk}")
    check = _check_job(request)
    status = 400 if form.errors else 200
    if check is not None and not check.finished:
        context["checking"] = check
        context["progress"] = job_progress.read(check.pk)
    elif check is not None and check.status == JobStatus.FAILED:
        context["check_failed"] = check.error
    elif check is not None:
        found = check.result
        context["filename"] = found.get("filename", "")
        if found.get("error"):
            context["upload_error"] = found["error"]
            status = 400
        elif found.get("problems"):
            context["problems"] = found["problems"]
        else:
            waiting = ImportBatch.objects.filter(pk=found.get("batch"), uploaded_by=request.user)
            context["batch"] = waiting.first()  # gone once confirmed, cancelled or a day old
            context["counts"] = found.get("rows", [])
            context["warnings"] = found.get("warnings", [])
    return render(request, "exchange/import.html", context, status=status)


def _check_job(request: AuthenticatedRequest) -> Job | None:
    wanted = request.GET.get("controle", "")
    try:
        key = uuid.UUID(wanted)
    except ValueError:
        return None
    return jobs.visible_to(request.user).filter(pk=key, kind="import-check").first()


@roles_required(Role.BEHEERDER)
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


@roles_required(Role.BEHEERDER)
def import_template(request: AuthenticatedRequest) -> HttpResponse:
    response = HttpResponse(
        template(request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="baanbehoud-sjabloon-personen.xlsx"'
    return response


@roles_required(Role.BEHEERDER)
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


@roles_required(Role.BEHEERDER)
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
