"""Rapportages (ui.md): Kwartaal, Duurzaamheid, Redenen, Uitvoering. Each a chart with its table,
filters, CSV and Excel. Policy officers see aggregates with small groups hidden, no names."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from baanbehoud.security.access import REPORT_READERS, roles_required
from baanbehoud.web.views import AuthenticatedRequest

from .exports import to_csv, to_xlsx
from .forms import ReportFilterForm, default_start
from .selectors import aggregate_only
from .services import (
    KINDS,
    Period,
    describe,
    effective_period,
    filter_options,
    report_for_user,
)

TITLES = {
    "kwartaal": "Kwartaalrapportage",
    "duurzaamheid": "Duurzaamheid",
    "redenen": "Redenen van baanverlies",
    "uitvoering": "Uitvoering",
}
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
    blank = ReportFilterForm(options={})
    chosen_raw = {k: v for k, v in request.GET.items() if k in blank.fields}
    # Records first (for the filter choices), then validate the filters against them.
    preliminary = Period(default_start(today), today, today)
    report, everything = report_for_user(request.user, kind, preliminary, {})
    form = ReportFilterForm(chosen_raw or None, options=filter_options(everything))
    period = preliminary
    if chosen_raw and form.is_valid():
        data = form.cleaned_data
        period = Period(data.get("van") or default_start(today), data.get("tot") or today, today)
        report, _all = report_for_user(request.user, kind, period, data)
    # What was counted: for policy officers, whole quarters (shown on the page).
    period = effective_period(request.user, period)
    export = request.GET.get("formaat")
    if export in ("csv", "xlsx") and not form.errors:
        chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
        return _download(describe(report, period, chosen), kind, export)
    query = request.GET.copy()
    query.pop("formaat", None)
    context = {
        "report": report,
        "form": form,
        "kind": kind,
        "title": TITLES[kind],
        "intro": INTRO[kind],
        "period": period,
        "query": query.urlencode(),
        "aggregate_only": aggregate_only(request.user),
    }
    return render(request, "reports/report.html", context, status=400 if form.errors else 200)


def _download(report: object, kind: str, export: str) -> HttpResponse:
    if export == "csv":
        response = HttpResponse(to_csv(report), content_type="text/csv; charset=utf-8")  # type: ignore[arg-type]
    else:
        response = HttpResponse(
            to_xlsx(report),  # type: ignore[arg-type]
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="baanbehoud-{kind}.{export}"'
    return response
