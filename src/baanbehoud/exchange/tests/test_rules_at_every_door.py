"""Issue 13 §2-§3: a rule says the same at every door. The same bad contract through the page,
the API and the import gets the same refusal; a temporary contract that is permanent by law is
saved with the same warning at each door."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.dates import MSG_ENDING_TOO_FAR, MSG_IN_FUTURE
from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import Role, User
from baanbehoud.placements.domain import (
    MSG_PERMANENT_HAS_NO_END,
    MSG_PROEF_LONG_WITHOUT_REASON,
    MSG_TEMPORARY_NEEDS_END,
)
from baanbehoud.placements.models import ContractPeriod, Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(document):
    assert import_document(copy.deepcopy(document)).ok
    placement = Placement.objects.get(ref="pl1")
    km = User.objects.get(ref="c1")
    km.role = Role.KLANTMANAGER
    km.save()
    return placement, km


NEXT = {"start": "2026-10-01", "hours_per_week": 20}
RULES = [
    ({"kind": "temporary", "end": None}, MSG_TEMPORARY_NEEDS_END),
    ({"kind": "permanent", "end": "2027-09-30"}, MSG_PERMANENT_HAS_NO_END),
]


@pytest.mark.parametrize(("contract", "message"), RULES)
def test_the_page_refuses(client, imported, contract, message):
    placement, km = imported
    client.force_login(km)
    data = {k: v for k, v in (NEXT | contract).items() if v is not None}
    response = client.post(reverse("contract-new", args=[placement.pk]), data)
    assert response.status_code == 400 and escape(message) in response.content.decode()
    assert placement.contracts.count() == 3


@pytest.mark.parametrize(("contract", "message"), RULES)
def test_the_api_refuses(client, imported, contract, message):
    placement, km = imported
    client.force_login(km)
    body = {"placement": "pl1", **NEXT, **contract}
    response = client.post("/api/v1/contracts", body, content_type="application/json")
    assert response.status_code == 400
    assert {"path": "end", "message": message} in response.json()["errors"]
    assert placement.contracts.count() == 3


@pytest.mark.parametrize(("contract", "message"), RULES)
def test_the_import_refuses(document, contract, message):
    document["placements"][0]["contracts"].append(NEXT | contract)
    result = import_document(document)
    assert [str(p) for p in result.problems] == [f"placements[0].contracts[3].end: {message}"]


def test_the_api_refuses_a_temporary_contract_without_an_end_in_a_new_placement(client, imported):
    _placement, km = imported
    client.force_login(km)
    body = {
        "ref": "pl-nieuw", "person": "p1", "employer": "e1", "function": "Inpakker",
        "route": "wsp", "contracts": [{"kind": "temporary", "start": "2027-01-01",
                                        "hours_per_week": 20}],
    }  # fmt: skip
    response = client.post("/api/v1/placements", body, content_type="application/json")
    assert response.status_code == 400
    assert not Placement.objects.filter(ref="pl-nieuw").exists()


# -- a contract that is permanent by law: saved, never silently


def _fourth_and_fifth() -> list[dict]:
    """Two more one-year temporary contracts after the example's two (the 4th is past 3)."""
    return [
        {"kind": "temporary", "start": "2026-10-01", "end": "2027-09-30", "hours_per_week": 20},
        {"kind": "temporary", "start": "2027-10-01", "end": "2028-03-31", "hours_per_week": 20},
    ]


def test_the_import_warns_and_the_dry_run_too(document):
    document["placements"][0]["contracts"] += _fourth_and_fifth()
    for dry_run in (True, False):
        result = import_document(copy.deepcopy(document), dry_run=dry_run)
        assert result.ok
        paths = [w.path for w in result.warnings if "ketenbepaling" in w.message]
        assert paths == ["placements[0].contracts[4].kind"]
        assert "2027-10-01" in result.as_json()["warnings"][-1]["message"]


def test_the_api_warns_next_to_the_created_contract(client, imported):
    placement, km = imported
    client.force_login(km)
    third, fourth = _fourth_and_fifth()
    assert (
        client.post(
            "/api/v1/contracts", {"placement": "pl1", **third}, content_type="application/json"
        ).status_code
        == 201
    )
    response = client.post(
        "/api/v1/contracts", {"placement": "pl1", **fourth}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["warnings"] == [
        "Volgens de ketenbepaling is dit contract vanaf 1 oktober 2027 van rechtswege vast."
    ]
    assert ContractPeriod.objects.filter(placement=placement).count() == 5
    assert date(2027, 10, 1) in set(placement.contracts.values_list("start", flat=True))


# -- things that happened cannot be in the future (issue 13 §4)

FUTURE = "2099-01-05"


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("contacts", 0, "date"), "contacts[0].date"),
        (("evaluations", 0, "date"), "evaluations[0].date"),
        (("concerns", 0, "date"), "concerns[0].date"),
        (("provisions", 0, "requested"), "provisions[0].requested"),
        (("persons", 0, "birth_date"), "persons[0].birth_date"),
        (("persons", 0, "registered_on"), "persons[0].registered_on"),
    ],
)
def test_the_import_refuses_a_future_date_of_something_that_happened(document, where, path):
    name, index, field = where
    document[name][index][field] = FUTURE
    result = import_document(document)
    assert f"{path}: {MSG_IN_FUTURE}" in [str(p) for p in result.problems]


def test_the_import_refuses_a_future_jobcoach_report(document):
    document["jobcoaching"][0]["reports"] = [{"date": FUTURE}]
    result = import_document(document)
    assert f"jobcoaching[0].reports[0].date: {MSG_IN_FUTURE}" in [str(p) for p in result.problems]


def test_the_page_and_the_api_refuse_a_future_contact_moment(client, imported):
    placement, km = imported
    client.force_login(km)
    page = client.post(
        reverse("contact-new", args=[placement.pk]),
        {"date": FUTURE, "channel": "phone", "with_worker": "on"},
    )
    assert page.status_code == 400 and escape(MSG_IN_FUTURE) in page.content.decode()
    api = client.post(
        "/api/v1/contacts",
        {"placement": "pl1", "date": FUTURE, "channel": "phone", "with": ["worker"]},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"path": "date", "message": MSG_IN_FUTURE} in api.json()["errors"]
    assert placement.contacts.count() == 1


def test_an_ending_further_ahead_than_a_notice_period_is_refused_everywhere(
    client, imported, document
):
    _placement, km = imported
    client.force_login(km)
    api = client.post(
        "/api/v1/endings",
        {"placement": "pl1", "date": FUTURE, "initiative": "worker", "reasons": []},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"path": "date", "message": MSG_ENDING_TOO_FAR} in api.json()["errors"]
    document["placements"][0]["ending"] = {"date": FUTURE, "initiative": "worker", "reasons": []}
    result = import_document(document)
    assert f"placements[0].ending.date: {MSG_ENDING_TOO_FAR}" in [str(p) for p in result.problems]


def test_a_future_birth_date_is_refused_by_the_api(client, imported):
    _placement, km = imported
    client.force_login(km)
    response = client.patch(
        "/api/v1/persons/p1", {"birth_date": FUTURE}, content_type="application/json"
    )
    assert response.status_code == 400
    assert {"path": "birth_date", "message": MSG_IN_FUTURE} in response.json()["errors"]


# -- warnings at every door: a proefplaatsing over two months without its reason (docs/rules.md §4)


def _long_trial_document(document):
    document["placements"][0]["contracts"][0]["end"] = "2025-04-05"  # three months
    for contract in document["placements"][0]["contracts"][1:]:
        contract["start"] = {"2025-03-06": "2025-04-06"}.get(contract["start"], contract["start"])
    return document


def test_the_long_proefplaatsing_warning_at_the_import_dry_run(document):
    result = import_document(_long_trial_document(document), dry_run=True)
    assert result.ok
    assert [w.path for w in result.warnings if w.message == MSG_PROEF_LONG_WITHOUT_REASON] == [
        "placements[0].contracts[0].end"
    ]


def test_the_long_proefplaatsing_warning_on_the_page_and_its_reason_on_the_form(client, imported):
    placement, km = imported
    client.force_login(km)
    trial = placement.contracts.get(kind="proefplaatsing")
    form = client.get(reverse("contract-correct", args=[trial.pk])).content.decode()
    assert 'name="extension_reason"' in form
    ContractPeriod.objects.filter(pk=trial.pk).update(end=date(2025, 4, 5))
    ContractPeriod.objects.filter(placement=placement, start=date(2025, 3, 6)).update(
        start=date(2025, 4, 6)
    )
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert escape(MSG_PROEF_LONG_WITHOUT_REASON) in page


def test_the_long_proefplaatsing_warning_from_the_api(client, imported):
    _placement, km = imported
    client.force_login(km)
    body = {
        "ref": "pl-lang", "person": "p1", "employer": "e1", "function": "Inpakker",
        "route": "wsp", "contracts": [{"kind": "proefplaatsing", "start": "2027-01-04",
                                        "end": "2027-04-03", "hours_per_week": 12}],
    }  # fmt: skip
    response = client.post("/api/v1/placements", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["warnings"] == [
        {"path": "contracts[0]", "message": MSG_PROEF_LONG_WITHOUT_REASON}
    ]


# -- the decision that stops the aftercare after a job loss (issue 19 §4, AFTERCARE_DUE)

ENDED = {"date": "2026-09-30", "initiative": "worker", "reasons": [], "next": "benefit"}


@pytest.mark.parametrize(
    ("closed", "reason", "field", "message"),
    [
        ("2026-09-29", "Verhuisd.", "aftercare_closed",
         "De nazorg kan niet stoppen vóór het einde van de baan (30 september 2026)."),
        ("2026-10-15", "", "aftercare_closed_reason", "Schrijf op waarom de nazorg stopt."),
        (None, "Verhuisd.", "aftercare_closed", "Vul in op welke dag de nazorg stopt."),
    ],
)  # fmt: skip
def test_the_aftercare_decision_is_checked_the_same_at_the_api_and_the_import(
    client, imported, document, closed, reason, field, message
):
    _placement, km = imported
    client.force_login(km)
    decision = {"aftercare_closed": closed, "aftercare_closed_reason": reason}
    api = client.post(
        "/api/v1/endings", {"placement": "pl1", **ENDED, **decision},
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 400
    assert {"path": field, "message": message} in api.json()["errors"]
    document["placements"][0]["ending"] = {**ENDED, **decision}
    result = import_document(document)
    assert not result.ok
    assert f"placements[0].ending.{field}: {message}" in [str(p) for p in result.problems]


def test_the_aftercare_decision_travels_through_import_and_export(imported, document):
    from baanbehoud.exchange.exporter import export_document

    decision = {"aftercare_closed": "2026-10-15", "aftercare_closed_reason": "Verhuisd."}
    document["placements"][0]["ending"] = {**ENDED, **decision}
    assert import_document(copy.deepcopy(document)).ok
    exported = export_document()
    ending = next(p for p in exported["placements"] if p["ref"] == "pl1")["ending"]
    assert {k: ending[k] for k in decision} == decision
    assert import_document(copy.deepcopy(document)).counts["placements"]["unchanged"] == 1


# -- the employer's intention before a temporary contract ends (issue 19 §5)


def test_intentions_travel_through_import_and_export_and_import_again_unchanged(document):
    from baanbehoud.exchange.exporter import export_document
    from baanbehoud.placements.models import EmployerIntention

    said = [
        {"date": "2026-07-01", "intention": "end", "reasons": ["NO_FORMATION"], "notes": ""},
        {"date": "2026-08-01", "intention": "permanent", "reasons": [], "notes": "Toch vast."},
    ]
    document["placements"][0]["contracts"][2]["intentions"] = said
    first = import_document(copy.deepcopy(document))
    assert first.ok, first.problems
    assert first.counts["intentions"]["created"] == 2
    assert EmployerIntention.objects.filter(contract__placement__ref="pl1").count() == 2
    contracts = next(p for p in export_document()["placements"] if p["ref"] == "pl1")["contracts"]
    assert contracts[2]["intentions"] == said
    assert "intentions" not in contracts[0]  # only where there are
    again = import_document(copy.deepcopy(document))
    assert again.counts["intentions"]["unchanged"] == 2


@pytest.mark.parametrize(
    ("index", "intention", "path", "message"),
    [
        (2, {"date": "2026-07-01", "intention": "end", "reasons": []},
         "placements[0].contracts[2].intentions[0].reasons",
         "Kies minstens één reden waarom de werkgever wil stoppen."),
        (0, {"date": "2025-02-01", "intention": "extend"},
         "placements[0].contracts[0].intentions[0]",
         "een voornemen van de werkgever hoort bij een tijdelijk contract."),
        (2, {"date": "2026-07-01", "intention": "maybe"},
         "placements[0].contracts[2].intentions[0].intention", "maybe"),
        (2, {"date": FUTURE, "intention": "extend"},
         "placements[0].contracts[2].intentions[0].date", MSG_IN_FUTURE),
    ],
)  # fmt: skip
def test_a_wrong_intention_is_refused_with_its_path_and_nothing_is_written(
    document, index, intention, path, message
):
    document["placements"][0]["contracts"][index]["intentions"] = [intention]
    result = import_document(document)
    assert not result.ok
    assert any(p.path == path and message in p.message for p in result.problems), result.problems
    assert not Placement.objects.filter(ref="pl1").exists()
