"""Issue 12 §7: bad input gets a clear 400 (or the page's error summary), never a 500, and
nothing is written."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from baanbehoud.exchange.spreadsheet import COLUMNS, SpreadsheetError, read_rows, template
from baanbehoud.organisations.models import Role
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import Ending

from .world import build_world

pytestmark = pytest.mark.django_db

API_WRITES = [
    "/api/v1/persons",
    "/api/v1/employers",
    "/api/v1/placements",
    "/api/v1/contracts",
    "/api/v1/endings",
    "/api/v1/contacts",
    "/api/v1/evaluations",
    "/api/v1/concerns",
    "/api/v1/import",
]


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def api(client, world):
    admin = world.users[Role.BEHEERDER]
    admin.is_superuser = True  # every write endpoint, the import included
    admin.save()
    client.force_login(admin)
    return client


def _errors(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()["errors"]


@pytest.mark.parametrize("url", API_WRITES)
@pytest.mark.parametrize("levels", [40, 900, 100_000])
def test_deeply_nested_json_is_a_400_on_every_api_write(api, url, levels):
    body = '{"a":' * levels + "1" + "}" * levels
    response = api.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "te diep genest" in _errors(response)[0]["message"]


def test_a_lone_surrogate_is_refused_with_its_path(api):
    before = Person.objects.count()
    body = '{"format": "baanbehoud-exchange/1", "persons": [{"ref": "p1", "name": "A\\ud800"}]}'
    response = api.post("/api/v1/import", body, content_type="application/json")
    assert response.status_code == 400
    errors = _errors(response)
    assert errors[0]["path"] == "persons[0].name" and "surrogaat" in errors[0]["message"]
    response = api.post("/api/v1/persons", '{"name": "\\udfff"}', content_type="application/json")
    assert response.status_code == 400 and _errors(response)[0]["path"] == "name"
    assert Person.objects.count() == before


def test_a_lone_surrogate_in_the_import_command(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text('{"format": "baanbehoud-exchange/1", "persons": [{"name": "\\ud800"}]}')
    done = subprocess.run(
        [sys.executable, "-m", "baanbehoud.cli", "import", str(path), "--dry-run"],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "persons[0].name" in done.stdout + done.stderr


def test_a_second_ending_is_a_400_with_the_path(api, world):
    ending = world.records["own"].ending  # an ended earlier placement
    body = {
        "placement": ending.placement.ref,
        "date": ending.date.isoformat(),
        "initiative": "worker",
        "reasons": [],
        "next": "unknown",
    }
    response = api.post("/api/v1/endings", body, content_type="application/json")
    assert response.status_code == 400
    assert _errors(response)[0]["path"] == "placement"
    assert Ending.objects.filter(placement=ending.placement).count() == 1


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_over_the_limit_is_a_json_413(api):
    body = json.dumps({"format": "baanbehoud-exchange/1", "persons": [{"name": "x" * 20_000}]})
    response = api.post("/api/v1/import", body, content_type="application/json")
    assert response.status_code == 413
    assert "groter dan" in _errors(response)[0]["message"]


# -- the upload page


def _upload(client, world, name: str, content: bytes):
    client.force_login(world.users[Role.BEHEERDER])
    # The check runs as a job (in-process here); the page it redirects to shows the outcome.
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, content)}, follow=True)


def _broken_sheet_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(template()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            target.writestr(item, data)
    return out.getvalue()


HEADER = ";".join(c.header for c in COLUMNS)
BAD_FILES = {
    "broken sheet xml": ("lijst.xlsx", _broken_sheet_xml, "kan niet worden gelezen"),
    "not a zip": ("lijst.xlsx", lambda: b"PK\x03\x04 geen zip", "kan niet worden gelezen"),
    "no delimiter": ("lijst.csv", lambda: b"alleen tekst\nnog meer tekst\n", "ontbreken"),
    "a cell over the csv field limit": (
        "lijst.csv",
        lambda: (HEADER + "\n" + '"' + "x" * 140_000 + '";a\n').encode(),
        "Rij 2",
    ),
    "a NUL in a csv line": ("lijst.csv", lambda: (HEADER + "\nab\x00c;d\n").encode(), "Rij"),
    "lone surrogate in json": (
        "doc.json",
        lambda: b'{"format": "baanbehoud-exchange/1", "persons": [{"name": "\\ud800"}]}',
        "persons[0].name",
    ),
    "deep json": ("doc.json", lambda: b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "te diep"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_on_the_import_page_gets_the_error_summary(client, world, case):
    name, make, words = BAD_FILES[case]
    before = Person.objects.count()
    response = _upload(client, world, name, make())
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert words in html, html[html.find("<main") : html.find("<main") + 1500]
    assert Person.objects.count() == before


def _bomb() -> bytes:
    """A few KB that declare a sheet of 1,048,576 rows by 16,384 columns."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([c.header for c in COLUMNS])
    sheet["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_small_xlsx_that_declares_a_huge_sheet_is_refused_before_it_expands():
    bomb = _bomb()
    assert len(bomb) < 20_000
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(SpreadsheetError, match="meer dan Baanbehoud inleest"):
        read_rows("lijst.xlsx", bomb)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 50_000  # far below the hundreds of MB the expansion took


def test_a_sheet_that_unpacks_too_large_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    with pytest.raises(SpreadsheetError, match="uitgepakt groter dan 50 MB"):
        read_rows("lijst.xlsx", out.getvalue())
