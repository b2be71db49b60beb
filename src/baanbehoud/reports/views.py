"""Rapportages (docs/pages.md): Kwartaal, Duurzaamheid, Redenen, Uitvoering. Each a chart with its table,
filters, CSV and Excel. Policy officers see aggregates with small groups hidden, no names."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from baanbehoud.core.access import REPORT_READERS, roles_required
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.dates import format_date_nl
from baanbehoud.jobs import services as jobs

from . import downloads
from .downloads import TITLES
from .selectors import aggregate_only
from .services import KINDS

INTRO = {
    "kwartaal": "Nieuwe en verloren banen in de banenafspraak per kwartaal, en wat er met proefplaatsingen gebeurt.",
    "duurzaamheid": "Hoeveel mensen na een jaar nog werken, hoe lang plaatsingen duren, en hoe vaak de stap naar "
    "een contract en naar vast lukt.",
    "redenen": "Waarom mensen hun baan verliezen, en op welk moment.",
    "uitvoering": "Caseload, contactpersonen, evaluaties en zorgsignalen: wordt de begeleiding gedaan?",
}


@roles_required(*REPORT_READERS)
def index(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "reports/index.html", {"reports": [(k, TITLES[k], INTRO[k]) for k in KINDS]}
    )


@roles_required(*REPORT_READERS)
def report_page(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    today = timezone.localdate()
    prepared = downloads.prepare(request.user, kind, request.GET, today)
    form, period = prepared.form, prepared.period
    export = request.GET.get("formaat")
    if export in ("csv", "xlsx") and not form.errors:
        if downloads.long_period(prepared):
            # Many years: made in the background; the job page shows how far it is.
            job = jobs.start(
                "report",
                title=f"{TITLES[kind]} {format_date_nl(period.start)} tot en met "
                f"{format_date_nl(period.end)} ({export.upper()})",
                params={
                    "kind": kind,
                    "filters": {k: v for k, v in request.GET.items() if k != "formaat"},
                    "format": export,
                    "today": today.isoformat(),
                },
                user=request.user,
            )
            return redirect("job", job.pk)
        response = HttpResponse(
            downloads.file_of(prepared, export), content_type=downloads.CONTENT_TYPES[export]
        )
        response["Content-Disposition"] = f'attachment; filename="baanbehoud-{kind}.{export}"'
        return response
    query = request.GET.copy()
    query.pop("formaat", None)
    context = {
        "report": prepared.report,
        "form": form,
        "kind": kind,
        "title": TITLES[kind],
        "intro": INTRO[kind],
        "period": period,
        "query": query.urlencode(),
        "aggregate_only": aggregate_only(request.user),
    }
    return render(request, "reports/report.html", context, status=400 if form.errors else 200)
