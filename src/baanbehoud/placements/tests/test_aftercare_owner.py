"""Issue 19 §4: after a job loss a named owner acts — the contact person, unless the region
agreed otherwise by regime and next step (Wajong: UWV; WW: the organisation agreed in the
region). The rule as a table; then through the page, the API and the import."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import OrganisationKind, Role
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.persons.models import Handover
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.domain import aftercare_owner
from baanbehoud.placements.models import AftercareAgreement, EndingReason, Placement
from baanbehoud.signals.selectors import open_signal_rows

from .factories import ContractFactory, PlacementFactory

TODAY = timezone.localdate()
pytestmark = pytest.mark.usefixtures("today_stays")  # a run across midnight
END = TODAY - timedelta(days=20)

AGREEMENTS = [
    ("wajong", "", 1),  # Wajong: UWV, whatever comes next
    ("", "benefit", 2),  # WW: the organisation the region agreed
    ("participatiewet", "sick", 3),
]


@pytest.mark.parametrize(
    ("regime", "next_step", "owner"),
    [
        ("wajong", "benefit", 1),  # the regime's agreement is more specific than the step's
        ("wajong", "sick", 1),
        ("wajong", "unknown", 1),
        ("participatiewet", "benefit", 2),
        ("participatiewet", "sick", 3),
        ("participatiewet", "unknown", None),  # no agreement: the contact person stays
        ("other", "benefit", 2),
        ("other", "sick", None),
        ("wajong", "new_job", None),  # a new job: no aftercare, nobody is handed over
        ("participatiewet", "new_job", None),
    ],
)
def test_the_most_specific_agreement_names_the_owner(regime, next_step, owner):
    assert aftercare_owner(AGREEMENTS, regime, next_step) == owner


def test_an_agreement_for_any_case_applies_last():
    rows = [("", "", 9), ("wajong", "benefit", 1)]
    assert aftercare_owner(rows, "wajong", "benefit") == 1
    assert aftercare_owner(rows, "wajong", "sick") == 9
    assert aftercare_owner(rows, "participatiewet", "unknown") == 9
    assert aftercare_owner([], "wajong", "benefit") is None


@pytest.fixture
def uwv_klantmanager(klantmanager):
    uwv = OrganisationFactory.create(
        kind=OrganisationKind.UWV, region=klantmanager.organisation.region
    )
    return UserFactory.create(role=Role.KLANTMANAGER, organisation=uwv)


@pytest.fixture
def ww_to_uwv(klantmanager, uwv_klantmanager):
    return AftercareAgreement.objects.create(
        region=klantmanager.organisation.region, next="benefit", owner=uwv_klantmanager
    )


@pytest.fixture
def placement(klantmanager):
    person = PersonFactory.create(
        contact_person=klantmanager, organisation=klantmanager.organisation
    )
    placement = PlacementFactory.create(person=person)
    ContractFactory.create(
        placement=placement, kind="temporary", start=END - timedelta(days=200), end=END
    )
    return placement


def end_job(client, placement, next_step):
    return client.post(
        reverse("ending-new", args=[placement.pk]),
        {
            "date": END.isoformat(),
            "initiative": "fixed_term_not_renewed",
            "reasons": [EndingReason.objects.get(code="NO_FORMATION").pk],
            "next": next_step,
        },
        follow=True,
    )


def aftercare_owner_on(placement, day):
    rows = open_signal_rows(Placement.objects.filter(pk=placement.pk), day)
    found = [r for r in rows if r.signal.code == "AFTERCARE_DUE"]
    return found[0].owner if found else None


@pytest.mark.django_db
def test_a_loss_into_ww_goes_to_the_region_s_owner_with_the_signal_the_day_after(
    client, klantmanager, uwv_klantmanager, ww_to_uwv, placement
):
    response = end_job(client, placement, "benefit")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"doet {uwv_klantmanager}" in page
    assert f"Aan zet voor de nazorg: {uwv_klantmanager}" in page
    placement.person.refresh_from_db()
    assert placement.person.contact_person == uwv_klantmanager
    handover = Handover.objects.get(person=placement.person)
    assert handover.from_user == klantmanager and handover.to_user == uwv_klantmanager
    assert "Nazorg na baanverlies" in handover.note
    assert aftercare_owner_on(placement, END) is None
    assert aftercare_owner_on(placement, END + timedelta(days=1)) == uwv_klantmanager
    # The new owner sees the person and the signal on their own worklist; the e-mail names
    # nobody.
    client.force_login(uwv_klantmanager)
    worklist = client.get(reverse("worklist")).content.decode()
    assert 'data-code="AFTERCARE_DUE"' in worklist
    assert client.get(reverse("person-detail", args=[placement.person_id])).status_code == 200
    [message] = mail.outbox
    assert message.to == [uwv_klantmanager.email]
    assert placement.person.name not in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("next_step", ["sick", "unknown", "new_job"])
def test_another_next_step_without_an_agreement_stays_with_the_contact_person(
    client, klantmanager, ww_to_uwv, placement, next_step
):
    end_job(client, placement, next_step)
    placement.person.refresh_from_db()
    assert placement.person.contact_person == klantmanager
    assert not Handover.objects.filter(person=placement.person).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_other_work_that_goes_on_keeps_the_contact_person(
    client, klantmanager, ww_to_uwv, placement
):
    other = PlacementFactory.create(person=placement.person)
    ContractFactory.create(
        placement=other, kind="permanent", start=END - timedelta(days=50), end=None
    )
    end_job(client, placement, "benefit")
    placement.person.refresh_from_db()
    assert placement.person.contact_person == klantmanager


@pytest.mark.django_db
def test_an_owner_who_left_hands_over_to_nobody(
    client, klantmanager, uwv_klantmanager, ww_to_uwv, placement
):
    uwv_klantmanager.is_active = False
    uwv_klantmanager.save()
    end_job(client, placement, "benefit")
    placement.person.refresh_from_db()
    assert placement.person.contact_person == klantmanager


@pytest.mark.django_db
def test_the_api_hands_over_as_the_page_does(klantmanager, uwv_klantmanager, ww_to_uwv, placement):
    api = APIClient()
    api.force_authenticate(klantmanager)
    response = api.post(
        "/api/v1/endings",
        {
            "placement": placement.ref,
            "date": END.isoformat(),
            "initiative": "fixed_term_not_renewed",
            "reasons": ["NO_FORMATION"],
            "next": "unknown",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    placement.person.refresh_from_db()
    assert placement.person.contact_person == klantmanager  # unknown: no agreement
    response = api.patch(
        f"/api/v1/endings/{response.json()['id']}", {"next": "benefit"}, format="json"
    )
    assert response.status_code == 200, response.content
    placement.person.refresh_from_db()
    assert placement.person.contact_person == uwv_klantmanager


@pytest.mark.django_db
def test_the_import_keeps_the_contact_person_the_document_names(
    klantmanager, uwv_klantmanager, ww_to_uwv, placement
):
    """A document states the contact person as the sending system has it: reading it in (and
    an export read back) changes no contact person; the agreement acts where a loss is
    recorded here (page, API)."""
    from baanbehoud.exchange.exporter import export_document

    for ref, user in (("km-gemeente", klantmanager), ("km-uwv", uwv_klantmanager)):
        user.ref = ref
        user.save()
    document = export_document()
    [record] = [p for p in document["placements"] if p["ref"] == placement.ref]
    record["ending"] = {
        "date": END.isoformat(),
        "initiative": "fixed_term_not_renewed",
        "reasons": ["NO_FORMATION"],
        "next": "benefit",
    }
    result = import_document(document)
    assert not result.problems, result.problems
    placement.person.refresh_from_db()
    assert placement.person.contact_person == klantmanager


@pytest.mark.django_db
def test_an_agreement_names_an_active_klantmanager_of_the_region(klantmanager):
    region = klantmanager.organisation.region
    elsewhere = UserFactory.create(role=Role.KLANTMANAGER)  # another region
    elsewhere.organisation.region = OrganisationFactory.create(region__name="Elders").region
    elsewhere.organisation.save()
    jobcoach = UserFactory.create(role=Role.JOBCOACH, organisation=klantmanager.organisation)
    for owner, message in [
        (elsewhere, "Kies iemand van een organisatie in deze regio."),
        (jobcoach, "Kies een klantmanager met een actief account."),
    ]:
        with pytest.raises(ValidationError) as raised:
            AftercareAgreement(region=region, owner=owner).full_clean()
        assert raised.value.message_dict["owner"] == [message]
    AftercareAgreement(region=region, regime="wajong", owner=klantmanager).full_clean()
