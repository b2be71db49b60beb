"""Issue 19 §5: before a temporary contract ends, the contact person records what the employer
intends (extend, permanent, end) and, for "end", why — from the worklist, in one click."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.domain import MSG_INTENTION_END_REASONS, MSG_REASON_NOTE
from baanbehoud.placements.models import EmployerIntention, EndingReason

from .factories import ContractFactory, PlacementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def contract(klantmanager):
    person = PersonFactory.create(
        contact_person=klantmanager, organisation=klantmanager.organisation
    )
    placement = PlacementFactory.create(person=person)
    # Ends in six weeks: CONTRACT_END is open (two months before the end).
    return ContractFactory.create(
        placement=placement, kind="temporary", start=TODAY - timedelta(days=300),
        end=TODAY + timedelta(days=42),
    )  # fmt: skip


def codes(*names):
    return [EndingReason.objects.get(code=c).pk for c in names]


def test_the_worklist_leads_to_it_in_one_click(client, klantmanager, contract):
    html = client.get(reverse("worklist")).content.decode()
    assert 'data-code="CONTRACT_END"' in html
    assert reverse("intention-new", args=[contract.pk]) in html


def test_an_intention_to_end_with_its_reasons_shows_on_the_placement(client, contract):
    url = reverse("intention-new", args=[contract.pk])
    response = client.post(url, {"date": TODAY.isoformat(), "intention": "end",
                                 "reasons": codes("NO_FORMATION", "WAGE_VALUE"), "notes": ""})  # fmt: skip
    assert response.status_code == 302
    intention = EmployerIntention.objects.get(contract=contract)
    assert sorted(intention.reasons.values_list("code", flat=True)) == [
        "NO_FORMATION",
        "WAGE_VALUE",
    ]
    page = client.get(reverse("placement-detail", args=[contract.placement_id])).content.decode()
    assert "Voornemen werkgever" in page and "stoppen als het contract afloopt" in page
    assert ProcessingLogEntry.objects.filter(
        person_id=contract.placement.person_id, object_type="voornemen werkgever"
    ).exists()


def test_the_latest_intention_counts_on_the_page_and_reasons_only_go_with_end(client, contract):
    url = reverse("intention-new", args=[contract.pk])
    client.post(url, {"date": (TODAY - timedelta(days=5)).isoformat(), "intention": "end",
                      "reasons": codes("NO_FORMATION")})  # fmt: skip
    client.post(url, {"date": TODAY.isoformat(), "intention": "permanent",
                      "reasons": codes("WAGE_VALUE")})  # fmt: skip
    latest = EmployerIntention.objects.filter(contract=contract).first()
    assert latest.intention == "permanent" and not latest.reasons.exists()
    page = client.get(reverse("placement-detail", args=[contract.placement_id])).content.decode()
    assert "een vast contract geven" in page and "stoppen als" not in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"intention": "end", "reasons": []}, "id_reasons", MSG_INTENTION_END_REASONS),
        ({"intention": "end", "reasons": "OTHER", "notes": ""}, "id_notes", MSG_REASON_NOTE),
        ({"intention": ""}, "id_intention", "Kies wat de werkgever wil."),
        ({"intention": "extend", "date": (TODAY + timedelta(days=2)).isoformat()},
         "id_date", "ligt in de toekomst"),
    ],
)  # fmt: skip
def test_bad_input_says_what_is_wrong_and_saves_nothing(client, contract, data, field, message):
    if data.get("reasons") == "OTHER":
        data = {**data, "reasons": codes("OTHER")}
    response = client.post(
        reverse("intention-new", args=[contract.pk]), {"date": TODAY.isoformat(), **data}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#{field}' in html
    assert escape(message) in html
    assert not EmployerIntention.objects.exists()


def test_only_for_a_temporary_contract(client, contract):
    contract.kind, contract.end = "permanent", None
    contract.save()
    assert client.get(reverse("intention-new", args=[contract.pk])).status_code == 404


def test_the_api_says_the_same_and_writes_through_the_same_service(client, contract):
    body = {"contract": contract.pk, "date": TODAY.isoformat(), "intention": "end"}
    refused = client.post("/api/v1/intentions", body, content_type="application/json")
    assert refused.status_code == 400
    assert {"path": "reasons", "message": MSG_INTENTION_END_REASONS} in refused.json()["errors"]
    assert not EmployerIntention.objects.exists()
    made = client.post(
        "/api/v1/intentions", {**body, "reasons": ["NO_FORMATION"]}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    assert made.json()["reasons"] == ["NO_FORMATION"]
    intention = EmployerIntention.objects.get()
    assert intention.recorded_by is not None
    assert ProcessingLogEntry.objects.filter(object_type="voornemen werkgever").exists()
    assert (
        client.patch(
            f"/api/v1/intentions/{intention.pk}", {"notes": "x"}, content_type="application/json"
        ).status_code
        == 405
    )
