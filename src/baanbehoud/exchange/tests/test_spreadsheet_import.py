"""The spreadsheet import for a team that keeps its list in Excel: the template round-trips,
problems name the row and column, nothing is written on a problem."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from baanbehoud.exchange.spreadsheet import COLUMNS, SpreadsheetError, import_spreadsheet, template
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, Placement

pytestmark = pytest.mark.django_db

HEADERS = ";".join(c.header for c in COLUMNS)


@pytest.fixture
def woerden():
    municipality = MunicipalityFactory.create(name="Woerden")
    UserFactory.create(ref="c1", organisation=municipality.organisation)
    return municipality


def rows_of(book_bytes: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(book_bytes)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_template_round_trips(woerden):
    book = template()
    assert rows_of(book)[0] == [c.header for c in COLUMNS]
    assert "Uitleg" in load_workbook(io.BytesIO(book)).sheetnames
    _document, result, problems = import_spreadsheet("sjabloon.xlsx", book)
    assert problems == [] and result.ok
    person = Person.objects.get(ref="p-0001")
    assert (person.bsn, person.regime, person.contact_person.ref) == (
        "111222333",
        "participatiewet",
        "c1",
    )
    contract = ContractPeriod.objects.get(placement__person=person)
    assert (contract.kind, contract.start, contract.end, contract.hours_per_week) == (
        "temporary",
        date(2025, 10, 1),
        date(2026, 9, 30),
        20,
    )
    assert Placement.objects.get().ref == "p-0001-e-001"
    # The same file again changes nothing.
    _document, again, _problems = import_spreadsheet("sjabloon.xlsx", book)
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again.as_json()["counts"].values())


def csv_file(*rows: str) -> bytes:
    return "\n".join([HEADERS, *rows]).encode("utf-8")


GOOD = (
    "p1;111222333;J. Jansen;02-04-1998;Woerden;Wajong;mbo2;c1;e1;Bakkerij;12345678;voeding;;"
    "Inpakker;zelf gevonden;tijdelijk;01-10-2025;30-09-2026;12,5"
)


def test_csv_with_semicolons_dutch_dates_and_dutch_words(woerden):
    _document, _result, problems = import_spreadsheet("lijst.csv", csv_file(GOOD))
    assert problems == []
    placement = Placement.objects.get()
    assert placement.route == "self" and placement.person.regime == "wajong"
    assert placement.contracts.get().hours_per_week == 12.5


def test_problems_name_the_row_and_column_and_nothing_is_written(woerden):
    bad_end = GOOD.replace("30-09-2026", "30-09-2024")
    bad_bsn = GOOD.replace("p1;111222333", "p2;123456789").replace(";e1;Bakkerij;12345678", ";e1;;")
    _document, _result, problems = import_spreadsheet(
        "lijst.csv",
        csv_file(GOOD, bad_end.replace("p1;", "p3;").replace("111222333", "111222345"), bad_bsn),
    )
    # Sorted by row, then column (issue 21 §3), not in the order the importer found them.
    assert problems == [
        'Rij 3, kolom "Einddatum": De einddatum ligt vóór de begindatum.',
        'Rij 4, kolom "BSN": Dit BSN klopt niet (elfproef). Controleer het nummer.',
    ]
    assert Person.objects.count() == 0


def test_a_wrong_date_says_both_formats_the_sheet_reads(woerden):
    wrong = GOOD.replace("30-09-2026", "30 sept 2026")
    _document, _result, problems = import_spreadsheet("lijst.csv", csv_file(wrong))
    assert problems == [
        "Rij 2, kolom \"Einddatum\": '30 sept 2026' is geen datum; vul in als dag-maand-jaar "
        "(30-09-2026) of als 2026-09-30."
    ]


def test_the_page_counts_in_dutch_and_the_preview_counts_contracts_apart(client, woerden):
    client.force_login(UserFactory.create(role=Role.BEHEERDER))
    bad = GOOD.replace("30-09-2026", "30-09-2024")
    rows = [bad.replace("p1;", f"p{n};").replace("111222333", bsn)
            for n, bsn in ((1, "111222333"), (2, "111222345"), (3, "123456782"))]  # fmt: skip
    upload = SimpleUploadedFile("lijst.csv", csv_file(*rows), content_type="text/csv")
    html = client.post(reverse("import"), {"file": upload}, follow=True).content.decode()
    assert "3 problemen in lijst.csv" in html
    preview = client.post(
        reverse("import"),
        {"file": SimpleUploadedFile("lijst.csv", csv_file(GOOD), content_type="text/csv")},
        follow=True,
    ).content.decode()
    assert '<th scope="row">Contracten</th>' in preview


def test_a_missing_column_is_reported_before_anything_else(woerden):
    with pytest.raises(SpreadsheetError, match='Deze kolommen ontbreken: "BSN"'):
        import_spreadsheet("lijst.csv", HEADERS.replace("BSN;", "").encode())


def test_web_import_preview_then_confirm(client, woerden):
    client.force_login(UserFactory.create(role=Role.BEHEERDER))
    upload = SimpleUploadedFile("lijst.csv", csv_file(GOOD), content_type="text/csv")
    preview = client.post(reverse("import"), {"file": upload}, follow=True)
    html = preview.content.decode()
    assert "Dit gaat er veranderen" in html and Person.objects.count() == 0
    batch = preview.context["batch"]
    client.post(reverse("import-confirm", args=[batch.pk]), {"bevestigen": ""})
    assert Person.objects.filter(ref="p1").exists()


def test_web_import_shows_the_row_problems(client, woerden):
    client.force_login(UserFactory.create(role=Role.BEHEERDER))
    upload = SimpleUploadedFile("lijst.csv", csv_file(GOOD.replace("30-09-2026", "30-09-2024")))
    html = client.post(reverse("import"), {"file": upload}, follow=True).content.decode()
    assert "<title>Fout: Importeren" in html
    assert "Rij 2, kolom &quot;Einddatum&quot;: De einddatum ligt vóór de begindatum." in html


def test_web_import_refuses_other_files_with_a_message(client, woerden):
    client.force_login(UserFactory.create(role=Role.BEHEERDER))
    html = client.post(
        reverse("import"), {"file": SimpleUploadedFile("lijst.pdf", b"%PDF")}
    ).content.decode()
    assert "Kies een bestand dat eindigt op .xlsx, .csv of .json." in html


def test_only_the_functional_administrator_imports(client):
    client.force_login(UserFactory.create(role=Role.KLANTMANAGER))
    assert client.get(reverse("import")).status_code == 403
    assert client.get(reverse("import-template")).status_code == 403


def test_the_contact_person_by_name_or_reference_and_the_list_in_the_template(client, woerden):
    """Issue 21 §3: the Contactpersoon column is explained and looked up."""
    admin = UserFactory.create(role=Role.BEHEERDER, organisation=woerden.organisation)
    UserFactory.create(ref="c2", full_name="Daan de Boer", organisation=woerden.organisation)
    by_name = GOOD.replace(";c1;", ";daan de boer;")
    _document, _result, problems = import_spreadsheet("lijst.csv", csv_file(by_name), user=admin)
    assert problems == [] and Person.objects.get(ref="p1").contact_person.ref == "c2"
    UserFactory.create(ref="c3", full_name="Daan de Boer", organisation=woerden.organisation)
    ambiguous = (
        GOOD.replace("p1;", "p5;")
        .replace("111222333", "111222345")
        .replace(";c1;", ";Daan de Boer;")
    )
    _document, _result, problems = import_spreadsheet("lijst.csv", csv_file(ambiguous), user=admin)
    assert len(problems) == 1 and "gebruik de referentie" in problems[0]
    book = load_workbook(io.BytesIO(template(admin)))
    people = [row for row in book["Contactpersonen"].iter_rows(values_only=True)]
    assert people[0] == ("Naam", "Organisatie", "Rol", "Referentie")
    assert {row[3] for row in people[1:]} >= {"c1", "c2", "c3"}
    client.force_login(admin)
    page = client.get(reverse("import")).content.decode()
    assert "Welke referentie hoort bij welke contactpersoon?" in page and "<code>c3</code>" in page
