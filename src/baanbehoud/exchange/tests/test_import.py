"""Import of the exchange format: valid documents import once; every rejection names the JSON
path and leaves the database unchanged."""

import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from baanbehoud.exchange.importer import import_document
from baanbehoud.guidance.models import Concern, JobcoachTrajectory
from baanbehoud.organisations.models import OrganisationKind, User
from baanbehoud.persons.models import BenefitScheme, Education, Person
from baanbehoud.placements.models import ContractPeriod, Placement, Route

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label != "audit.ProcessingLogEntry"
    }


def test_the_example_document_imports(document):
    result = import_document(document)
    assert result.ok, result.problems
    assert result.counts["persons"]["created"] == 1
    placement = Placement.objects.get(ref="pl1")
    assert [c.kind for c in placement.contracts.order_by("start")] == [
        "proefplaatsing",
        "temporary",
        "temporary",
    ]
    assert placement.person.contact_person == User.objects.get(ref="c1")
    assert placement.employer.account_manager.ref == "c1"
    assert JobcoachTrajectory.objects.get(ref="jc1").organisation.name == "Jobcoach BV"
    assert not User.objects.get(ref="c1").has_usable_password()


def test_a_handed_over_document_is_let_go_and_imports_the_same(document):
    # The command and the upload job hand the document over: its lists are freed once it is
    # validated (a third of a national import's memory); what is written does not change.
    import copy

    kept = copy.deepcopy(document)
    handed = import_document(document, hand_over=True)
    assert document == {}
    assert handed.ok, handed.problems
    counts = row_counts()
    again = import_document(kept)
    assert row_counts() == counts  # the same records: the second import changes nothing
    assert all(c["created"] == c["updated"] == 0 for c in again.as_json()["counts"].values())


def test_importing_twice_changes_nothing(document):
    import_document(document)
    counts = row_counts()
    second = import_document(document)
    assert row_counts() == counts
    assert all(c["created"] == 0 and c["updated"] == 0 for c in second.as_json()["counts"].values())


def test_a_changed_end_date_updates_the_contract_and_keeps_history(document):
    import_document(document)
    document["placements"][0]["contracts"] = [
        {"kind": "temporary", "start": "2025-10-01", "end": "2027-03-31", "hours_per_week": 20}
    ]
    result = import_document(document)
    assert result.counts["placements"]["updated"] == 1
    assert ContractPeriod.objects.filter(placement__ref="pl1").count() == 3
    assert (
        ContractPeriod.objects.get(placement__ref="pl1", start="2025-10-01").end.isoformat()
        == "2027-03-31"
    )


def test_a_person_is_matched_on_bsn_too(document):
    import_document(document)
    document["persons"][0]["ref"] = "other-system-17"
    document["placements"][0]["person"] = "other-system-17"
    assert import_document(document).ok
    assert Person.objects.count() == 1
    assert Person.objects.get().ref == "other-system-17"


def test_dry_run_writes_nothing_but_reports_counts(document):
    counts = row_counts()
    result = import_document(document, dry_run=True)
    assert result.ok and result.counts["persons"]["created"] == 1
    assert row_counts() == counts


def reject(document, *expected):
    before = row_counts()
    result = import_document(document)
    assert [str(p) for p in result.problems] == list(expected)
    assert row_counts() == before
    return result


def test_rejects_a_bsn_failing_the_elfproef(document):
    document["persons"][0]["bsn"] = "123456789"
    reject(document, "persons[0].bsn: Dit BSN klopt niet (elfproef). Controleer het nummer.")


def test_rejects_a_contract_ending_before_it_starts(document):
    document["placements"][0]["contracts"][1]["end"] = "2025-03-01"
    reject(document, "placements[0].contracts[1].end: De einddatum ligt vóór de begindatum.")


def test_rejects_overlapping_contracts(document):
    document["placements"][0]["contracts"][2]["start"] = "2025-09-01"
    reject(
        document,
        "placements[0].contracts[2].start: Dit contract overlapt met het contract van 6 maart 2025 "
        "tot en met 30 september 2025. Contracten in één plaatsing mogen niet overlappen.",
    )


def test_rejects_an_overlap_with_a_contract_already_in_the_system(document):
    import_document(document)
    document["placements"][0]["contracts"] = [
        {"kind": "temporary", "start": "2026-09-01", "end": "2027-08-31", "hours_per_week": 20}
    ]
    reject(
        document,
        "placements[0].contracts[0].start: Dit contract overlapt met het contract van 1 oktober 2025 "
        "tot en met 30 september 2026. Contracten in één plaatsing mogen niet overlappen.",
    )


def test_rejects_a_contract_after_a_permanent_one(document):
    contracts = document["placements"][0]["contracts"]
    contracts[1] = {"kind": "permanent", "start": "2025-03-06", "end": None, "hours_per_week": 16}
    reject(
        document,
        "placements[0].contracts[2].start: Na een vast contract kan geen ander contract volgen.",
    )


def test_rejects_a_permanent_contract_ending_before_it_starts(document):
    document["placements"][0]["contracts"][2] = {
        "kind": "permanent",
        "start": "2025-10-01",
        "end": "2025-09-01",
        "hours_per_week": 20,
    }
    reject(document, "placements[0].contracts[2].end: De einddatum ligt vóór de begindatum.")


def test_rejects_a_proefplaatsing_over_six_months(document):
    document["placements"][0]["contracts"] = [
        {"kind": "proefplaatsing", "start": "2025-01-06", "end": "2025-07-06", "hours_per_week": 12}
    ]
    document["jobcoaching"] = []
    reject(
        document,
        "placements[0].contracts[0].end: Een proefplaatsing duurt nooit langer dan zes maanden.",
    )


def test_rejects_jobcoaching_below_twelve_hours(document):
    document["placements"][0]["contracts"][1]["hours_per_week"] = 10
    reject(
        document,
        "jobcoaching[0].placement: Jobcoaching kan alleen bij werk van minstens 12 uur per week. "
        "Dit contract is 10 uur per week.",
    )


def test_rejects_more_than_52_jobcoach_hours_a_year(document):
    document["jobcoaching"][0]["hours"] = [
        {"month": "2025-03", "hours": 30},
        {"month": "2025-04", "hours": 30},
    ]
    reject(
        document,
        "jobcoaching[0].hours: Met deze uren komt de jobcoaching in 2025 op 60 uur. Het maximum is "
        "52 uur per jaar. Leg een uitzondering met reden vast als het meer moet.",
    )
    document["jobcoaching"][0]["exception_reason"] = "Intensief traject, regionaal akkoord."
    assert import_document(document).ok


@pytest.mark.parametrize(
    ("path", "value", "codes"),
    [
        (("persons", 0, "regime"), "bijstand", BenefitScheme),
        (("placements", 0, "route"), "via-via", Route),
        (("organisations", 0, "kind"), "gemeente", OrganisationKind),
        (("concerns", 0, "kind"), "boos", Concern.Kind),
        (("persons", 0, "education"), "mavo", Education),
    ],
)
def test_rejects_unknown_codes_naming_each_code_with_its_dutch_label(document, path, value, codes):
    name, index, key = path
    document[name][index][key] = value
    choices = ", ".join(f"{c.label} ({c.value})" for c in codes)
    reject(document, f"{name}[{index}].{key}: onbekende code '{value}'; kies uit: {choices}.")


def test_an_unknown_route_reads_as_the_user_knows_the_routes(document):
    document["placements"][0]["route"] = "via-via"
    message = str(import_document(document).problems[0])
    assert "kies uit: Via het Werkgeversservicepunt (wsp), Zelf gevonden (self)," in message


def test_rejects_an_unknown_contract_kind_and_reason(document):
    document["placements"][0]["contracts"][0]["kind"] = "stage"
    document["placements"][0]["ending"] = {
        "date": "2026-09-30",
        "initiative": "employer",
        "reasons": ["BORED"],
        "next": "unknown",
    }
    reject(
        document,
        "placements[0].contracts[0].kind: onbekende code 'stage'; kies uit: Proefplaatsing "
        "(proefplaatsing), Tijdelijk contract (temporary), Vast contract (permanent), Detachering "
        "(secondment), Werkervaringsplaats (work_experience).",
        "placements[0].ending.reasons[0]: onbekende reden 'BORED'.",
    )


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("placements", 0, "person"), "p9", "placements[0].person: persoon 'p9' bestaat niet."),
        (
            ("placements", 0, "employer"),
            "e9",
            "placements[0].employer: werkgever 'e9' bestaat niet.",
        ),
        (
            ("persons", 0, "contact_person"),
            "c9",
            "persons[0].contact_person: contactpersoon 'c9' bestaat niet (of de naam past bij "
            "meer mensen); gebruik de referentie uit de lijst met contactpersonen.",
        ),
        (
            ("consultants", 0, "organisation"),
            "XX",
            "consultants[0].organisation: organisatie 'XX' bestaat niet.",
        ),
        (
            ("contacts", 0, "placement"),
            "pl9",
            "contacts[0].placement: plaatsing 'pl9' bestaat niet.",
        ),
        (
            ("persons", 0, "municipality"),
            "Amsterdam",
            "persons[0].municipality: gemeente 'Amsterdam' is onbekend.",
        ),
    ],
)
def test_rejects_dangling_references(document, path, value, expected):
    name, index, key = path
    document[name][index][key] = value
    reject(document, expected)


def test_references_to_records_already_in_the_system_are_fine(document):
    import_document(document)
    later = {
        "format": "baanbehoud-exchange/1",
        "contacts": [{"placement": "pl1", "date": "2025-07-01", "with": ["worker"], "by": "c1"}],
    }
    assert import_document(later).ok


def test_lists_every_problem_at_once(document):
    document["persons"][0]["bsn"] = "123456789"
    document["persons"][0]["birth_date"] = "02-04-1998"
    document["placements"][0]["contracts"][1]["end"] = "2025-03-01"
    document["evaluations"][0]["date"] = None
    result = reject(
        document,
        "persons[0].bsn: Dit BSN klopt niet (elfproef). Controleer het nummer.",
        "persons[0].birth_date: '02-04-1998' is geen geldige datum; gebruik JJJJ-MM-DD.",
        "placements[0].contracts[1].end: De einddatum ligt vóór de begindatum.",
        "evaluations[0].date: ontbreekt; vul een datum in als JJJJ-MM-DD.",
    )
    assert len(result.as_json()["problems"]) == 4


def test_rejects_a_document_of_another_format_and_duplicate_refs(document):
    document["format"] = "iets-anders/2"
    document["persons"].append(dict(document["persons"][0], bsn="111222345"))
    problems = [str(p) for p in import_document(document).problems]
    assert problems[0] == "format: moet 'baanbehoud-exchange/1' zijn."
    assert "persons[1].ref: 'p1' komt twee keer voor (ook in persons[0])." in problems


def test_rejects_wrong_shapes_without_crashing(document):
    bad: object
    for bad in (
        [],
        "tekst",
        {"format": "baanbehoud-exchange/1", "persons": {"ref": "p1"}},
        {"format": "baanbehoud-exchange/1", "persons": ["p1"]},
    ):
        result = import_document(bad)
        assert not result.ok


def test_command_prints_every_problem_and_exits_with_an_error(document, tmp_path):
    document["persons"][0]["bsn"] = "123456789"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document))
    err = StringIO()
    with pytest.raises(CommandError, match=re.escape("Niets geïmporteerd: 1 problemen gevonden.")):
        call_command("import", str(path), stderr=err)
    assert (
        err.getvalue().strip()
        == "persons[0].bsn: Dit BSN klopt niet (elfproef). Controleer het nummer."
    )


def test_command_prints_counts(document, tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document))
    out = StringIO()
    call_command("import", str(path), stdout=out)
    assert "persons: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in out.getvalue()
    # what the lists hold is counted too: the placement's three contracts
    assert "contracts: 3 nieuw, 0 gewijzigd, 0 ongewijzigd" in out.getvalue()
    out = StringIO()
    call_command("import", str(path), "--dry-run", stdout=out)
    assert "persons: 0 nieuw, 0 gewijzigd, 1 ongewijzigd" in out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_command_reads_what_json_reads(document, tmp_path, encoding):
    # The command decodes the file before parsing it (its bytes are let go: issue 15's memory),
    # in every encoding JSON allows; a name with accents arrives as written.
    document["persons"][0]["name"] = "Zoë Çelik-Brouwer"
    path = tmp_path / "doc.json"
    path.write_bytes(json.dumps(document, ensure_ascii=False).encode(encoding))
    call_command("import", str(path), stdout=StringIO())
    assert Person.objects.get(ref=document["persons"][0]["ref"]).name == "Zoë Çelik-Brouwer"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"format": "baanbehoud-exchange/1", "persons": [\xff]}', "geen geldige JSON"),
        (b'{"format": "baanbehoud-exchange/1", "persons": [', "geen geldige JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    ],
)
def test_command_refuses_what_is_not_json(tmp_path, content, says):
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=f"^\\$: .*{says}"):
        call_command("import", str(path), stdout=StringIO())
    assert not Person.objects.exists()


def test_signals_and_chain_after_import_use_the_imported_refs(document):
    import_document(document)
    out = StringIO()
    call_command("signals", "--on", "2026-07-30", "--format", "json", stdout=out)
    contract_end = [s for s in json.loads(out.getvalue()) if s["code"] == "CONTRACT_END"]
    assert contract_end == [
        {
            "code": "CONTRACT_END",
            "due": "2026-07-30",
            "priority": "normal",
            "person": "p1",
            "placement": "pl1",
            "employer": "e1",
            "owner": "c1",
            "message": "Tijdelijk contract eindigt op 30-09-2026. Bespreek verlenging met de werkgever. "
            "De werkgever moet uiterlijk 30-08-2026 schriftelijk laten weten of het contract doorgaat "
            "(aanzegplicht).",
        }
    ]
    out = StringIO()
    call_command("chain", "pl1", "--on", "2026-01-01", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["permanent_by_law_from"] == "2028-03-06"


def test_export_command_pseudonymised_file_has_no_bsn_or_name(document, tmp_path):
    import_document(document)
    path = tmp_path / "research.json"
    call_command("export", str(path), "--pseudonymise", stdout=StringIO())
    text = path.read_text()
    assert "111222333" not in text and "J. Jansen" not in text and "1998-04-02" not in text
    assert "A. de Vries" not in text
