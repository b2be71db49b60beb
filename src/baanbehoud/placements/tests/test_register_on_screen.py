"""Issue 17 §1: a klantmanager enters a person and a placement with its first contract, an
accountmanager an employer, its contacts and a vacancy — on a screen, in one short form each,
with duplicates (same BSN, same KvK) found instead of made twice, and nothing half-written."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.employers.models import Employer, EmployerContact, Vacancy
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import OrganisationKind, Role
from baanbehoud.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)
from baanbehoud.persons.models import Person
from baanbehoud.persons.tests.factories import PersonFactory, valid_bsn
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db

NEW_BSN = valid_bsn(90_000)


@pytest.fixture
def municipality():
    return MunicipalityFactory.create(name="Houten")


@pytest.fixture
def klantmanager(client, municipality):
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=municipality.organisation)
    client.force_login(user)
    return user


def person_data(municipality, **changes):
    data = {
        "bsn": NEW_BSN,
        "name": "Sam de Vries",
        "birth_date": "1998-04-02",
        "municipality": municipality.pk,
        "regime": "participatiewet",
        "education": "mbo2",
        "registered_on": "",
    }
    return {**data, **changes}


def test_a_klantmanager_registers_a_person_and_becomes_the_contact_person(
    client, klantmanager, municipality
):
    response = client.post(reverse("person-register"), person_data(municipality))
    person = Person.objects.get(bsn=NEW_BSN)
    assert response.status_code == 302 and response.url == reverse(
        "person-detail", args=[person.pk]
    )
    assert person.organisation == municipality.organisation  # Participatiewet: the municipality's
    assert person.contact_person == klantmanager
    assert person.ref.startswith("bb-persoon-")
    assert ProcessingLogEntry.objects.filter(person_id=person.pk, action=Action.CREATE).exists()


def test_wajong_goes_to_uwv(client, klantmanager, municipality):
    uwv = OrganisationFactory.create(kind=OrganisationKind.UWV, region=municipality.region)
    client.post(reverse("person-register"), person_data(municipality, regime="wajong"))
    assert Person.objects.get(bsn=NEW_BSN).organisation == uwv


def test_a_bsn_that_fails_the_elfproef_is_refused_in_dutch(client, klantmanager, municipality):
    response = client.post(reverse("person-register"), person_data(municipality, bsn="123456788"))
    assert response.status_code == 400
    assert "elfproef" in response.content.decode()
    assert not Person.objects.exists()


def test_a_known_bsn_opens_the_person_instead_of_making_a_second(
    client, klantmanager, municipality
):
    known = PersonFactory.create(municipality=municipality, bsn=NEW_BSN)
    response = client.post(reverse("person-register"), person_data(municipality, name="Ander"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Deze persoon staat al in Baanbehoud" in html
    assert reverse("person-detail", args=[known.pk]) in html
    assert Person.objects.count() == 1


def test_a_bsn_of_another_organisation_is_not_revealed(client, klantmanager, municipality):
    elsewhere = PersonFactory.create(bsn=NEW_BSN)  # another organisation, another region
    response = client.post(reverse("person-register"), person_data(municipality))
    html = response.content.decode()
    assert response.status_code == 400
    assert "al bekend bij een andere organisatie" in html
    assert escape(elsewhere.name) not in html
    assert reverse("person-detail", args=[elsewhere.pk]) not in html


@pytest.fixture
def person(municipality, klantmanager):
    return PersonFactory.create(municipality=municipality, contact_person=klantmanager)


def placement_data(**changes):
    data = {
        "employer": "",
        "new_employer_name": "",
        "function": "Medewerker magazijn",
        "route": "self",
        "kind": "proefplaatsing",
        "start": "2026-11-02",
        "end": "2026-12-31",
        "hours_per_week": "16",
    }
    return {**data, **changes}


def test_a_self_found_placement_at_a_new_employer_from_nothing(client, klantmanager, person):
    response = client.post(
        reverse("placement-register", args=[person.pk]),
        placement_data(employer="12345678", new_employer_name="Bakkerij Jansen"),
    )
    placement = Placement.objects.get(person=person)
    assert response.status_code == 302
    assert response.url == reverse("placement-detail", args=[placement.pk])
    assert (placement.employer.name, placement.employer.kvk) == ("Bakkerij Jansen", "12345678")
    assert placement.route == "self"
    contract = ContractPeriod.objects.get(placement=placement)
    assert (contract.kind, contract.start, contract.end) == (
        "proefplaatsing",
        date(2026, 11, 2),
        date(2026, 12, 31),
    )
    # The worklist knows it at once: the new employer has no WSP contact yet.
    codes = {r.signal.code for r in open_signal_rows(Placement.objects.all(), date(2026, 11, 29))}
    assert "NO_CONTACT_PERSON" in codes


def test_the_employer_is_found_by_kvk_or_by_name(client, klantmanager, person, municipality):
    employer = EmployerFactory.create(name="Groenvoorziening Houten", municipality=municipality)
    client.post(
        reverse("placement-register", args=[person.pk]), placement_data(employer=employer.kvk)
    )
    client.post(
        reverse("placement-register", args=[person.pk]),
        placement_data(employer="groenvoorziening", start="2027-01-04", end="2027-02-26"),
    )
    assert list(Placement.objects.values_list("employer_id", flat=True)) == [employer.pk] * 2
    assert Employer.objects.count() == 1


def test_an_unknown_kvk_without_a_name_asks_for_the_name(client, klantmanager, person):
    response = client.post(
        reverse("placement-register", args=[person.pk]), placement_data(employer="87654321")
    )
    assert response.status_code == 400
    assert "Vul de naam in" in response.content.decode()
    assert not Placement.objects.exists() and not Employer.objects.exists()


def test_two_employers_with_the_name_ask_for_the_kvk(client, klantmanager, person, municipality):
    EmployerFactory.create(name="Jumbo Houten", municipality=municipality)
    EmployerFactory.create(name="Jumbo Nieuwegein", municipality=municipality)
    response = client.post(
        reverse("placement-register", args=[person.pk]), placement_data(employer="jumbo")
    )
    assert response.status_code == 400
    assert "Meer werkgevers passen bij" in response.content.decode()
    assert not Placement.objects.exists()


def test_a_contract_the_rules_refuse_leaves_nothing_behind(client, klantmanager, person):
    response = client.post(
        reverse("placement-register", args=[person.pk]),
        placement_data(
            employer="12345678", new_employer_name="Bakkerij Jansen", end="2026-10-01"
        ),  # ends before it starts
    )
    assert response.status_code == 400
    assert 'id="id_end_error"' in response.content.decode()
    assert not Placement.objects.exists() and not Employer.objects.exists()


def test_only_contact_persons_register(client, person):
    client.force_login(UserFactory.create(role=Role.JOBCOACH))
    assert client.get(reverse("person-register")).status_code == 403
    assert client.get(reverse("placement-register", args=[person.pk])).status_code == 403


@pytest.fixture
def accountmanager(client, municipality):
    user = UserFactory.create(role=Role.ACCOUNTMANAGER, organisation=municipality.organisation)
    client.force_login(user)
    return user


def test_an_accountmanager_adds_an_employer_contacts_and_a_vacancy(
    client, accountmanager, municipality
):
    response = client.post(
        reverse("employer-register"),
        {"name": "Zorgboerderij De Linde", "kvk": "11223344", "sector": "zorg",
         "municipality": municipality.pk},
    )  # fmt: skip
    employer = Employer.objects.get(kvk="11223344")
    assert response.url == reverse("employer-detail", args=[employer.pk])
    assert employer.account_manager == accountmanager  # the WSP contact, at once
    client.post(
        reverse("employer-contact-new", args=[employer.pk]),
        {"name": "Petra Smit", "function": "leidinggevende", "email": "", "phone": "030 123 45 67"},
    )
    assert EmployerContact.objects.get(employer=employer).name == "Petra Smit"
    response = client.post(
        reverse("vacancy-new", args=[employer.pk]),
        {"title": "Dierverzorger", "tasks": "Voeren, hokken schoonmaken", "hours_min": "12",
         "hours_max": "24", "work_pressure": "low", "team_or_alone": "team",
         "guidance_offered": "Vaste buddy", "intends_permanent": "true",
         "municipality": municipality.pk, "start": "2027-01-04"},
    )  # fmt: skip
    vacancy = Vacancy.objects.get(employer=employer)
    assert (vacancy.hours_min, vacancy.hours_max, vacancy.intends_permanent) == (12, 24, True)
    assert vacancy.account_manager == accountmanager  # who made the task package owns it
    assert response.url == reverse("vacancy-detail", args=[vacancy.pk])  # to what was made
    html = client.get(response.url).content.decode()
    assert "Dierverzorger bij" in html and "Voeren, hokken schoonmaken" in html
    html = client.get(reverse("employer-detail", args=[employer.pk])).content.decode()
    assert "Petra Smit" in html
    assert "Dierverzorger</a>: 12 tot 24 uur per week, in Houten, vanaf 4 januari 2027" in html


def test_a_known_kvk_is_found_not_added(client, accountmanager, municipality):
    known = EmployerFactory.create(kvk="11223344", municipality=municipality)
    response = client.post(
        reverse("employer-register"), {"name": "Dubbel", "kvk": "11223344", "sector": "zorg"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(f"Werkgever {known.name} met dit KvK-nummer staat al in Baanbehoud.") in html
    assert reverse("employer-detail", args=[known.pk]) in html
    assert Employer.objects.count() == 1


def test_a_vacancy_with_more_minimum_than_maximum_hours_is_refused(
    client, accountmanager, municipality
):
    employer = EmployerFactory.create(municipality=municipality)
    response = client.post(
        reverse("vacancy-new", args=[employer.pk]),
        {"title": "Schoonmaker", "hours_min": "24", "hours_max": "12"},
    )
    assert response.status_code == 400
    assert "Het maximum aantal uren is lager dan het minimum." in response.content.decode()
    assert not Vacancy.objects.exists()
