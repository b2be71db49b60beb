"""Issue 12 §1: a region's functional administrator, klantmanager or accountmanager writes only
inside their own region — through the admin, the import and the API. Two regions in one world:
"Regio Een" (the writers) and "Regio Twee" (the records they must not reach)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import Organisation, Role, User
from baanbehoud.organisations.scoping import MSG_OUTSIDE_REGION
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import Placement
from baanbehoud.signals.models import SignalSettings

from .world import build_world

pytestmark = pytest.mark.django_db
FORMAT = "baanbehoud-exchange/1"


@pytest.fixture
def world():
    world = build_world()
    for user in world.users.values():
        if not user.ref:
            user.ref = f"u-{user.username}"
            user.save(update_fields=["ref"])
    for user in User.objects.filter(ref=None):
        user.ref = f"u-{user.username}"
        user.save(update_fields=["ref"])
    return world


def _admin_form(client, url: str) -> dict:
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in form.Meta.__dict__.get("readonly_fields", ()):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    return data


# -- the admin


def test_the_admin_offers_and_accepts_only_the_own_regions_organisations(client, world):
    admin_user = world.users[Role.BEHEERDER]
    km = world.users[Role.KLANTMANAGER]
    other_org = world.records["other"].person.organisation
    client.force_login(admin_user)
    url = reverse("admin:organisations_user_change", args=[km.pk])
    page = client.get(url)
    choices = {str(o.pk) for o in page.context["adminform"].form.fields["organisation"].queryset}
    assert str(other_org.pk) not in choices and str(km.organisation_id) in choices
    data = _admin_form(client, url) | {"organisation": str(other_org.pk), "_save": "Opslaan"}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with an error
    km.refresh_from_db()
    assert km.organisation_id != other_org.pk


def test_the_admin_cannot_link_an_account_to_another_regions_employer_or_person(client, world):
    client.force_login(world.users[Role.BEHEERDER])
    supervisor = world.users[Role.WERKGEVER]
    other = world.records["other"]
    url = reverse("admin:organisations_user_change", args=[supervisor.pk])
    for field, target in (("employer", other.employer), ("person", other.person)):
        data = _admin_form(client, url) | {field: str(target.pk), "_save": "Opslaan"}
        assert client.post(url, data).status_code == 200
    supervisor.refresh_from_db()
    assert supervisor.employer_id == world.records["own"].employer.pk
    assert supervisor.person_id is None


def test_the_admin_cannot_move_an_organisation_into_another_region(client, world):
    client.force_login(world.users[Role.BEHEERDER])
    own_org = world.users[Role.KLANTMANAGER].organisation
    elsewhere = world.records["other"].person.organisation.region
    url = reverse("admin:organisations_organisation_change", args=[own_org.pk])
    data = _admin_form(client, url) | {"region": str(elsewhere.pk), "_save": "Opslaan"}
    for key in [
        k for k in data if k.startswith("municipality_set") or k.startswith("municipalities")
    ]:
        data.pop(key)
    page = client.get(url).content.decode()
    assert "Regio Twee" not in page
    client.post(url, data)
    own_org.refresh_from_db()
    assert own_org.region_id != elsewhere.pk


@pytest.mark.parametrize(
    "admin_name", ["organisation", "municipality", "user", "region", "signalsettings"]
)
def test_another_regions_records_are_not_in_the_admin(client, world, admin_name):
    other_org = world.records["other"].person.organisation
    records = {
        "organisation": other_org,
        "municipality": world.records["other"].person.municipality,
        "user": other_org.users.first(),
        "region": other_org.region,
        "signalsettings": SignalSettings.objects.get_or_create(organisation=other_org)[0],
    }
    target = records[admin_name]
    app = "signals" if admin_name == "signalsettings" else "organisations"
    client.force_login(world.users[Role.BEHEERDER])
    listing = client.get(reverse(f"admin:{app}_{admin_name}_changelist"))
    assert listing.status_code in (200, 403)
    if listing.status_code == 200:
        assert target.pk not in {o.pk for o in listing.context["cl"].result_list}
    change = client.get(reverse(f"admin:{app}_{admin_name}_change", args=[target.pk]))
    assert change.status_code in (302, 403, 404)


def test_a_functional_administrator_cannot_add_a_region(client, world):
    client.force_login(world.users[Role.BEHEERDER])
    assert client.get(reverse("admin:organisations_region_add")).status_code == 403


# -- the import


def _problems(document, user, dry_run=False):
    result = import_document(document, user=user, dry_run=dry_run)
    return {p.path: p.message for p in result.problems}


def _person(ref: str, bsn: str, municipality: str = "Stad A") -> dict:
    return {
        "ref": ref, "bsn": bsn, "name": "Nieuwe Naam", "birth_date": "1990-01-01",
        "municipality": municipality, "regime": "participatiewet",
    }  # fmt: skip


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_import_cannot_take_over_a_person_of_another_region_by_bsn(world, dry_run):
    other = world.records["other"].person
    admin_user = world.users[Role.BEHEERDER]
    document = {"format": FORMAT, "persons": [_person("nieuw-1", other.bsn)]}
    problems = _problems(document, admin_user, dry_run)
    assert problems == {"persons[0].bsn": MSG_OUTSIDE_REGION}
    # The refusal names nothing of the other record.
    assert other.ref not in str(problems) and other.name not in str(problems)
    other.refresh_from_db()
    assert other.name != "Nieuwe Naam" and not Person.objects.filter(ref="nieuw-1").exists()


def test_an_import_cannot_change_records_of_another_region_by_reference(world):
    other = world.records["other"]
    admin_user = world.users[Role.BEHEERDER]
    km_c = User.objects.get(username="klantmanager-c")
    own_org = world.users[Role.KLANTMANAGER].organisation
    document = {
        "format": FORMAT,
        "consultants": [
            {"ref": km_c.ref, "name": "Overgenomen", "organisation": own_org.ref},
        ],
        "persons": [_person(other.person.ref, "123456782")],
        "placements": [
            {"ref": other.placement.ref, "person": other.person.ref, "employer": other.employer.ref,
             "function": "x", "route": "wsp", "contracts": []},
        ],
    }  # fmt: skip
    problems = _problems(document, admin_user)
    assert problems["consultants[0].ref"] == MSG_OUTSIDE_REGION
    assert problems["persons[0].ref"] == MSG_OUTSIDE_REGION
    assert problems["placements[0].ref"] == MSG_OUTSIDE_REGION
    km_c.refresh_from_db()
    assert km_c.full_name != "Overgenomen"
    assert Placement.objects.get(pk=other.placement.pk).function == other.placement.function


def test_an_import_cannot_move_a_consultant_into_another_regions_organisation(world):
    admin_user = world.users[Role.BEHEERDER]
    km = world.users[Role.KLANTMANAGER]
    other_org = world.records["other"].person.organisation
    document = {
        "format": FORMAT,
        "consultants": [{"ref": km.ref, "name": str(km), "organisation": other_org.ref}],
    }
    problems = _problems(document, admin_user)
    assert list(problems) == ["consultants[0].organisation"]
    km.refresh_from_db()
    assert km.organisation_id != other_org.pk


def test_an_import_in_the_own_region_still_works_and_lands_there(world):
    admin_user = world.users[Role.BEHEERDER]
    document = {
        "format": FORMAT,
        "organisations": [{"ref": "nieuw-org", "name": "Nieuw", "kind": "jobcoach",
                           "municipalities": []}],
        "persons": [_person("nieuw-2", "123456782")],
    }  # fmt: skip
    result = import_document(document, user=admin_user)
    assert result.ok, result.problems
    assert Organisation.objects.get(ref="nieuw-org").region == admin_user.organisation.region
    assert Person.objects.get(ref="nieuw-2").organisation.region == admin_user.organisation.region


def test_the_same_import_by_the_operator_is_not_region_bound(world):
    other = world.records["other"].person
    document = {"format": FORMAT, "persons": [_person(other.ref, other.bsn, "Stad C")]}
    assert import_document(document, user=None, dry_run=True).ok


# -- the API


def test_the_api_refuses_a_contact_person_or_municipality_of_another_region(client, world):
    km = world.users[Role.KLANTMANAGER]
    km_c = User.objects.get(username="klantmanager-c")
    client.force_login(km)
    person = world.records["own"].person
    response = client.patch(
        f"/api/v1/persons/{person.ref}",
        {"contact_person": km_c.ref},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "contact_person"
    person.refresh_from_db()
    assert person.contact_person_id == km.pk
    employer = world.records["own"].employer
    client.force_login(world.users[Role.ACCOUNTMANAGER])
    for field, value in (("municipality", "Stad C"), ("contact_person", km_c.ref)):
        response = client.patch(
            f"/api/v1/employers/{employer.ref}", {field: value}, content_type="application/json"
        )
        assert response.status_code == 400, field
        assert response.json()["errors"][0]["path"] == field
