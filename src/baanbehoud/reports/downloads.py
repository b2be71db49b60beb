"""A report for a user from the filters in a request: the page, its CSV/Excel download and the
background job for a download over many years (issue 14 §3) all make it here, one way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from baanbehoud.batches import many_objects
from baanbehoud.organisations.models import User
from baanbehoud.progress import SILENT, Progress

from .exports import to_csv, to_xlsx
from .forms import ReportFilterForm, default_start
from .selectors import records, report_population
from .services import (
    FACTS,
    ReportPeriod,
    describe,
    effective_period,
    filter_options,
    report_for_user,
)
from .table import Report

TITLES = {
    "kwartaal": "Kwartaalrapportage",
    "duurzaamheid": "Duurzaamheid",
    "redenen": "Redenen van baanverlies",
    "uitvoering": "Uitvoering",
}
# A download over more years than this is made in the background, with a progress bar.
BACKGROUND_AFTER_YEARS = 3
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Prepared:
    report: Report
    form: ReportFilterForm
    period: ReportPeriod  # what was counted (whole quarters for policy officers)

    @property
    def chosen(self) -> dict[str, Any]:
        return self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}


@many_objects()  # the records are let go before the collector is back on (report.py says why)
def prepare(user: User, kind: str, raw: Mapping[str, str], today: date) -> Prepared:
    blank = ReportFilterForm(options={})
    chosen_raw = {k: v for k, v in raw.items() if k in blank.fields}
    # Records first (for the filter choices), then validate the filters against them. The records
    # are read once: they depend on the report date only, today whatever the period chosen (a
    # filtered national report read them twice and counted the unfiltered one for nothing).
    everything = records(report_population(user), today, FACTS[kind])
    form = ReportFilterForm(chosen_raw or None, options=filter_options(everything))
    period = ReportPeriod(default_start(today), today, today)
    data: dict[str, Any] = {}
    if chosen_raw and form.is_valid():
        data = form.cleaned_data
        period = ReportPeriod(
            data.get("van") or default_start(today), data.get("tot") or today, today
        )
    report, _all = report_for_user(user, kind, period, data, everything=everything)
    return Prepared(report, form, effective_period(user, period))


def long_period(prepared: Prepared) -> bool:
    return (prepared.period.end - prepared.period.start).days > BACKGROUND_AFTER_YEARS * 366


def file_of(prepared: Prepared, export: str) -> bytes:
    described = describe(prepared.report, prepared.period, prepared.chosen)
    return to_csv(described) if export == "csv" else to_xlsx(described)


def make(
    user: User,
    kind: str,
    raw: Mapping[str, str],
    export: str,
    today: date,
    progress: Progress = SILENT,
) -> tuple[bytes, Prepared]:
    progress.stage("Gegevens ophalen en tellen", 0)
    prepared = prepare(user, kind, raw, today)
    progress.stage("Bestand maken", 0)
    return file_of(prepared, export), prepared
