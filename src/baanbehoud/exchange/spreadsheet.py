"""A spreadsheet (.xlsx or .csv) of persons with their current contract, one row each, for the
team that keeps its list in Excel. Each row becomes records of the exchange format and goes
through the same importer; problems come back as `Rij 7, kolom "Einddatum": ...`."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from baanbehoud.organisations.models import User
from baanbehoud.organisations.scoping import consultants_for
from baanbehoud.safe_cells import append_row

from .importer import FORMAT, ImportResult, Problem, import_document


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    explanation: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "Referentie persoon", "person", "Uw eigen nummer voor deze persoon (geen BSN).", "p-0001"
    ),
    Column("BSN", "bsn", "9 cijfers; wordt gecontroleerd met de elfproef.", "111222333"),
    Column("Naam", "name", "Voorletters en achternaam.", "J. Jansen"),
    Column(
        "Geboortedatum", "birth_date", "Dag-maand-jaar (02-04-1998) of 1998-04-02.", "02-04-1998"
    ),
    Column("Gemeente", "municipality", "De woonplaats-gemeente, zoals in Baanbehoud.", "Woerden"),
    Column("Regeling", "regime", "Wajong, Participatiewet of Anders.", "Participatiewet"),
    Column(
        "Opleiding", "education", "Bijvoorbeeld vso, praktijkonderwijs, mbo2. Mag leeg.", "mbo2"
    ),
    Column(
        "Contactpersoon",
        "contact_person",
        "De referentie of de naam van de vaste contactpersoon: zie het blad Contactpersonen. "
        "Mag leeg.",
        "c1",
    ),
    Column("Referentie werkgever", "employer", "Uw eigen nummer voor de werkgever.", "e-001"),
    Column(
        "Werkgever",
        "employer_name",
        "Naam van de werkgever. Mag leeg als de werkgever al bekend is.",
        "Bakkerij Voorbeeld",
    ),
    Column("KvK-nummer", "kvk", "8 cijfers. Mag leeg als de werkgever al bekend is.", "12345678"),
    Column("Sector", "sector", "Bijvoorbeeld supermarkt, zorg, horeca. Mag leeg.", "voeding"),
    Column("Referentie plaatsing", "placement", "Mag leeg: dan maakt Baanbehoud er een.", ""),
    Column("Functie", "function", "De functie van de werknemer.", "Inpakker"),
    Column(
        "Route",
        "route",
        "WSP, zelf gevonden, re-integratiebedrijf, uitzendbureau of anders.",
        "WSP",
    ),
    Column(
        "Soort contract",
        "kind",
        "Proefplaatsing, tijdelijk, vast, detachering of werkervaringsplaats.",
        "tijdelijk",
    ),
    Column("Begindatum", "start", "Eerste dag van het huidige contract.", "01-10-2025"),
    Column("Einddatum", "end", "Laatste dag. Leeg bij een vast contract.", "30-09-2026"),
    Column("Uren per week", "hours_per_week", "Bijvoorbeeld 20 of 12,5.", "20"),
)
BY_KEY = {c.key: c for c in COLUMNS}

# Dutch words a team types, mapped to the codes of the exchange format.
WORDS: dict[str, dict[str, str]] = {
    "regime": {
        "wajong": "wajong",
        "participatiewet": "participatiewet",
        "anders": "other",
        "other": "other",
    },
    "route": {
        "wsp": "wsp",
        "werkgeversservicepunt": "wsp",
        "zelf": "self",
        "zelf gevonden": "self",
        "self": "self",
        "re-integratiebedrijf": "reintegration",
        "reintegratiebedrijf": "reintegration",
        "reintegration": "reintegration",
        "uitzendbureau": "agency",
        "agency": "agency",
        "anders": "other",
        "other": "other",
    },
    "kind": {
        "proefplaatsing": "proefplaatsing",
        "tijdelijk": "temporary",
        "temporary": "temporary",
        "vast": "permanent",
        "permanent": "permanent",
        "detachering": "secondment",
        "secondment": "secondment",
        "werkervaringsplaats": "work_experience",
        "work_experience": "work_experience",
    },
}


class SpreadsheetError(Exception):
    """The file itself cannot be read (not the content of a row)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Bounds for a spreadsheet upload (issue 12 §7): a small file can declare a sheet of a million
# rows by 16,384 columns, or unpack to gigabytes. Refuse before expanding it.
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MSG_UNREADABLE_XLSX = "Dit Excel-bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx."
MSG_TOO_MANY_ROWS = f"Het bestand heeft meer dan {MAX_ROWS:,} rijen. Splits het in delen.".replace(
    ",", "."
)


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(content)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetError(MSG_UNREADABLE_XLSX) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            "Dit Excel-bestand is uitgepakt groter dan 50 MB. Splits het in delen, of bewaar het "
            "opnieuw zonder lege opgemaakte rijen."
        )
    from openpyxl import load_workbook  # here: every command would load openpyxl (0.2 s)

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_ROWS + 1 or declared_columns > 16 * MAX_COLUMNS:
            raise SpreadsheetError(
                f"Volgens het bestand heeft het blad {declared_rows:,} rijen en {declared_columns:,} "
                "kolommen; dat is meer dan Baanbehoud inleest. Kopieer alleen de gevulde rijen naar "
                "een nieuw blad, of splits het bestand.".replace(",", ".")
            )
        # Bounded reading: never pad rows or columns up to what the file declares.
        rows = [
            [_cell(v) for v in row]
            for row in sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
        ]
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file or broken XML
        raise SpreadsheetError(MSG_UNREADABLE_XLSX) from exc
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + 1:
        raise SpreadsheetError(MSG_TOO_MANY_ROWS)
    return rows


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    options: dict[str, Any]
    try:
        options = {"dialect": csv.Sniffer().sniff(text[:4096], delimiters=";,\t")}
    except csv.Error:  # one column, or no clear separator: the header check says what is wrong
        options = {"delimiter": ";" if ";" in text[:4096] else ","}
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), **options)
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise SpreadsheetError(MSG_TOO_MANY_ROWS)
            rows.append([c.strip() for c in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise SpreadsheetError(
            f"Rij {reader.line_num}: deze regel kan niet worden gelezen (een cel is te lang, of "
            "er staat een ongeldig teken in). Controleer de regel in Excel."
        ) from exc
    return rows


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows as {column header: text}; the first row holds the headers."""
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        rows = _csv_rows(content) if content.strip() else []
    else:
        raise SpreadsheetError("Kies een bestand dat eindigt op .xlsx of .csv.")
    if not rows:
        raise SpreadsheetError("Het bestand is leeg.")
    headers = rows[0]
    missing = [c.header for c in COLUMNS if c.header not in headers and c.key in REQUIRED]
    if missing:
        raise SpreadsheetError(
            "Deze kolommen ontbreken: " + ", ".join(f'"{m}"' for m in missing) + "."
        )
    return [dict(zip(headers, row, strict=False)) for row in rows[1:] if any(row)]


REQUIRED = {
    "person",
    "bsn",
    "name",
    "birth_date",
    "municipality",
    "regime",
    "employer",
    "function",
    "route",
    "kind",
    "start",
    "hours_per_week",
}


def _date(text: str) -> str | None:
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text  # ISO or wrong: the importer says which


def _hours(text: str) -> Any:
    try:
        return float(text.replace(",", ".")) if text else None
    except ValueError:
        return text


def _code(kind: str, text: str) -> str:
    return WORDS[kind].get(text.strip().lower(), text) if text else ""


def to_document(
    rows: Iterable[dict[str, str]],
    directory: Sequence[Consultant] = (),
) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
    """The exchange document, and where each JSON path came from: path -> (row, column header).
    A contact person may be given by reference or by name: a name that fits exactly one
    consultant of the directory becomes that consultant's reference."""
    refs = {c.ref for c in directory}
    by_name: dict[str, list[str]] = {}
    for consultant in directory:
        by_name.setdefault(consultant.name.strip().lower(), []).append(consultant.ref)

    def contact(text: str) -> str | None:
        if not text or text in refs:
            return text or None
        found = by_name.get(text.strip().lower(), [])
        return found[0] if len(found) == 1 else text

    persons: dict[str, int] = {}
    employers: dict[str, int] = {}
    document: dict[str, Any] = {"format": FORMAT, "employers": [], "persons": [], "placements": []}
    origin: dict[str, tuple[int, str]] = {}

    def value(row: dict[str, str], key: str) -> str:
        return row.get(BY_KEY[key].header, "").strip()

    def mark(prefix: str, number: int, pairs: list[tuple[str, str]]) -> None:
        """Remember the row and column of each field; the record itself points at the first."""
        for field, key in pairs:
            origin[f"{prefix}.{field}"] = (number, BY_KEY[key].header)
        origin[prefix] = (number, BY_KEY[pairs[0][1]].header)

    for number, row in enumerate(rows, start=2):
        person_ref = value(row, "person")
        if person_ref not in persons:
            persons[person_ref] = len(document["persons"])
            index = persons[person_ref]
            document["persons"].append(
                {
                    "ref": person_ref,
                    "bsn": value(row, "bsn"),
                    "name": value(row, "name"),
                    "birth_date": _date(value(row, "birth_date")),
                    "municipality": value(row, "municipality"),
                    "regime": _code("regime", value(row, "regime")),
                    "education": value(row, "education") or None,
                    "contact_person": contact(value(row, "contact_person")),
                }
            )
            mark(
                f"persons[{index}]",
                number,
                [
                    ("ref", "person"),
                    ("bsn", "bsn"),
                    ("name", "name"),
                    ("birth_date", "birth_date"),
                    ("municipality", "municipality"),
                    ("regime", "regime"),
                    ("education", "education"),
                    ("contact_person", "contact_person"),
                ],
            )
        employer_ref = value(row, "employer")
        if value(row, "employer_name") and employer_ref not in employers:
            employers[employer_ref] = len(document["employers"])
            index = employers[employer_ref]
            document["employers"].append(
                {
                    "ref": employer_ref,
                    "name": value(row, "employer_name"),
                    "kvk": value(row, "kvk"),
                    "sector": value(row, "sector") or None,
                    "municipality": None,
                    "contact_person": None,
                }
            )
            mark(
                f"employers[{index}]",
                number,
                [
                    ("ref", "employer"),
                    ("name", "employer_name"),
                    ("kvk", "kvk"),
                    ("sector", "sector"),
                ],
            )
        index = len(document["placements"])
        document["placements"].append(
            {
                "ref": value(row, "placement") or f"{person_ref}-{employer_ref}",
                "person": person_ref,
                "employer": employer_ref,
                "function": value(row, "function"),
                "route": _code("route", value(row, "route")),
                "contracts": [
                    {
                        "kind": _code("kind", value(row, "kind")),
                        "start": _date(value(row, "start")),
                        "end": _date(value(row, "end")),
                        "hours_per_week": _hours(value(row, "hours_per_week")),
                    }
                ],
                "ending": None,
            }
        )
        mark(
            f"placements[{index}]",
            number,
            [
                ("ref", "placement"),
                ("person", "person"),
                ("employer", "employer"),
                ("function", "function"),
                ("route", "route"),
            ],
        )
        mark(
            f"placements[{index}].contracts[0]",
            number,
            [
                ("kind", "kind"),
                ("start", "start"),
                ("end", "end"),
                ("hours_per_week", "hours_per_week"),
            ],
        )
    return document, origin


MSG_ISO_DATE_TAIL = "is geen geldige datum; gebruik JJJJ-MM-DD."
MSG_SHEET_DATE_TAIL = "is geen datum; vul in als dag-maand-jaar (30-09-2026) of als 2026-09-30."


def locate(problem: Problem, origin: dict[str, tuple[int, str]]) -> str:
    """`Rij 7, kolom "Einddatum": ...` for a problem found in the document made of the rows."""
    path = problem.path
    while path and path not in origin:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    if not path:
        return f"Bestand: {problem.message}"
    row, column = origin[path]
    message = problem.message
    if message.endswith(MSG_ISO_DATE_TAIL):
        # The template asks day-month-year; both are read, so say both.
        message = message[: -len(MSG_ISO_DATE_TAIL)] + MSG_SHEET_DATE_TAIL
    return f'Rij {row}, kolom "{column}": {message}'


def import_spreadsheet(
    filename: str, content: bytes, *, user: User | None = None, dry_run: bool = False
) -> tuple[dict[str, Any], ImportResult, list[str]]:
    """Import the rows; returns the document made of them, the result, and the problems as
    row/column messages."""
    document, origin = to_document(read_rows(filename, content), consultant_directory(user))
    result = import_document(document, user=user, dry_run=dry_run)
    # Row by row, column by column, as the data manager works through the sheet.
    order = {c.header: i for i, c in enumerate(COLUMNS)}
    located = sorted((_position(p, origin, order), locate(p, origin)) for p in result.problems)
    return document, result, [text for _position_key, text in located]


def _position(
    problem: Problem, origin: dict[str, tuple[int, str]], order: dict[str, int]
) -> tuple[int, int]:
    path = problem.path
    while path and path not in origin:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    if not path:
        return (0, 0)
    row, column = origin[path]
    return (row, order.get(column, len(order)))


@dataclass(frozen=True)
class Consultant:
    name: str
    organisation: str
    role: str
    ref: str


def consultant_directory(user: User | None) -> list[Consultant]:
    """Who can be a contact person, with the reference the sheet asks for: the consultants of
    the importer's region (all of them for the operator's command line)."""

    return [
        Consultant(str(u), str(u.organisation or ""), u.get_role_display(), u.ref or "")
        for u in consultants_for(user).exclude(ref=None).select_related("organisation")
        .order_by("full_name", "pk")
    ]  # fmt: skip


def template(user: User | None = None) -> bytes:
    """The downloadable template: the columns, one example row, a sheet that explains them, and
    the contact persons with their references."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Personen"
    sheet.append([c.header for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    for key, words in (
        ("regime", "Wajong,Participatiewet,Anders"),
        ("kind", "proefplaatsing,tijdelijk,vast,detachering,werkervaringsplaats"),
    ):
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}5000")
    help_sheet = book.create_sheet("Uitleg")
    help_sheet.append(["Kolom", "Wat vult u in"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.header, column.explanation])
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 90
    people = book.create_sheet("Contactpersonen")
    people.append(["Naam", "Organisatie", "Rol", "Referentie"])
    for cell in people[1]:
        cell.font = Font(bold=True)
    for consultant in consultant_directory(user) if user is not None else []:
        append_row(
            people, [consultant.name, consultant.organisation, consultant.role, consultant.ref]
        )
    for letter, width in zip("ABCD", (30, 36, 28, 18), strict=True):
        people.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
