"""The job pages (issue 14 §3): a list of one's jobs, one job with its progress bar (htmx asks for
the bar every second until the job is done; without JavaScript the page reloads itself), and the
download of what an export or report made."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme

from baanbehoud.core.http import AuthenticatedRequest

from . import progress, services
from .models import Job


def _job(request: AuthenticatedRequest, pk: str) -> Job:
    return get_object_or_404(services.visible_to(request.user), pk=pk)


def _context(job: Job) -> dict[str, Any]:
    return {"job": job, "progress": progress.read(job.pk)}


@login_required
def job_list(request: AuthenticatedRequest) -> HttpResponse:
    jobs = services.visible_to(request.user).defer("output", "params", "result")[:50]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_page(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    return render(request, "jobs/job.html", _context(_job(request, pk)))


@login_required
def job_status(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    """The part of the job page that changes; htmx swaps it in every second while it runs. A job
    whose outcome belongs on another page (the import check: the import page) sends the browser
    there when it is done."""
    job = _job(request, pk)
    response = render(request, "jobs/_status.html", _context(job))
    following = job.result.get("next") if job.finished and isinstance(job.result, dict) else None
    if (
        following
        and getattr(request, "htmx", False)
        and url_has_allowed_host_and_scheme(following, allowed_hosts=None)
    ):
        response["HX-Redirect"] = following
    return response


@login_required
def job_download(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    job = _job(request, pk)
    if job.output is None or job.started_by_id != request.user.pk:
        raise Http404
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    response["Content-Disposition"] = f'attachment; filename="{job.output_name}"'
    return response
