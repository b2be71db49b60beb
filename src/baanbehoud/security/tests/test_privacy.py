"""The processing log and the AVG rights (issue 7 §2 and §5)."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import Action, ImmutableEntryError, ProcessingLogEntry
from baanbehoud.audit.services import hash_bsn
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import Person
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, Ending, Placement
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.security import privacy

from .world import build_world

pytestmark = pytest.mark.django_db


def _finish(placement: Placement, on) -> None:
    Ending.objects.create(placement=placement, date=on, initiative=Ending.Initiative.WORKER)


# -- the processing log


def test_a_list_page_logs_one_entry_per_person_shown(client):
    world = build_world()
    km = world.users[Role.KLANTMANAGER]
    org = km.organisation
    town = world.records["own"].person.municipality
    for _ in range(30):
        PersonFactory.create(organisation=org, municipality=town)
    client.force_login(km)
    before = ProcessingLogEntry.objects.count()
    html = client.get(reverse("person-list")).content.decode()
    entries = ProcessingLogEntry.objects.order_by("pk")[before:]
    shown = [p for p in Person.objects.filter(organisation=org) if escape(p.name) in html]
    assert len(entries) == len(shown) == 25  # one page
    assert sorted(e.person_id or 0 for e in entries) == sorted(p.pk for p in shown)
    bsns = dict(Person.objects.values_list("pk", "bsn"))
    assert all(e.bsn_hash == hash_bsn(bsns[e.person_id or 0]) for e in entries)
    assert {e.user_label for e in entries} == {str(km)}
    assert {e.organisation_label for e in entries} == {str(org)}


def test_the_api_list_logs_one_entry_per_person_returned(client):
    world = build_world()
    client.force_login(world.users[Role.KLANTMANAGER])
    before = ProcessingLogEntry.objects.count()
    refs = [p["ref"] for p in client.get("/api/v1/persons").json()["results"]]
    entries = list(ProcessingLogEntry.objects.order_by("pk")[before:])
    # own and "none": the organisation's two persons, and a candidate looking for work with each
    assert len(entries) == len(refs) == 4
    assert {e.person_id for e in entries} == set(
        Person.objects.filter(ref__in=refs).values_list("pk", flat=True)
    )


def test_log_entries_cannot_be_changed_or_deleted():
    world = build_world()
    entry = ProcessingLogEntry.objects.create(
        user=None, user_label="x", action=Action.READ, activity="a", object_type="persoon",
        person_id=world.records["own"].person.pk, bsn_hash="h",
    )  # fmt: skip
    entry.activity = "anders"
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        entry.delete()
    with pytest.raises(ImmutableEntryError):
        ProcessingLogEntry.objects.filter(pk=entry.pk).update(activity="anders")
    with pytest.raises(ImmutableEntryError):
        ProcessingLogEntry.objects.filter(pk=entry.pk).delete()
    assert ProcessingLogEntry.objects.get(pk=entry.pk).activity == "a"


def test_no_plain_bsn_in_the_log_table_the_application_log_or_a_url(client, caplog):
    world = build_world()
    caplog.set_level(logging.DEBUG)
    own = world.records["own"]
    visited = []
    for user in world.users.values():
        client.force_login(user)
        for url in (
            reverse("person-list"),
            reverse("person-detail", args=[own.person.pk]),
            reverse("placement-detail", args=[own.placement.pk]),
            "/api/v1/persons",
            f"/api/v1/persons/{own.person.ref}",
            reverse("privacy-person", args=[own.person.pk]),
        ):
            response = client.get(url)
            visited += [url, response.get("Location", "")]
        client.post(reverse("privacy-search"), {"who": own.person.bsn}, follow=True)
        client.post(reverse("logout"))
    # A failed login with a BSN typed as the user name is logged without it... by design the
    # user name is logged; nobody's BSN is a user name, so this checks the other paths.
    rows = ProcessingLogEntry.objects.values_list(
        "user_label", "organisation_label", "action", "activity", "object_type", "object_id",
        "bsn_hash", "result",
    )  # fmt: skip
    table = json.dumps(list(rows))
    assert ProcessingLogEntry.objects.count() > 20
    for bsn in world.bsns:
        assert bsn not in table
        assert bsn not in caplog.text
        assert not any(bsn in url for url in visited)


# -- the functional administrator's pages


def test_who_looked_at_this_file(client):
    world = build_world()
    own = world.records["own"]
    km = world.users[Role.KLANTMANAGER]
    client.force_login(km)
    client.get(reverse("person-detail", args=[own.person.pk]))
    client.force_login(world.users[Role.BEHEERDER])
    found = client.post(reverse("privacy-search"), {"who": own.person.bsn}, follow=True)
    final_url = found.redirect_chain[-1][0]
    assert final_url == reverse("privacy-person", args=[own.person.pk])
    assert own.person.bsn not in final_url
    html = found.content.decode()
    assert str(km) in html and "Inzien" in html
    export = client.get(reverse("privacy-log-export", args=[own.person.pk]))
    assert export["Content-Type"].startswith("text/csv")
    assert str(km) in export.content.decode("utf-8-sig")
    # The administrator's own look is logged too.
    assert ProcessingLogEntry.objects.filter(
        person_id=own.person.pk, user=world.users[Role.BEHEERDER], action=Action.EXPORT
    ).exists()


def test_a_person_of_another_region_is_not_found(client):
    world = build_world()
    client.force_login(world.users[Role.BEHEERDER])
    response = client.post(reverse("privacy-search"), {"who": world.records["other"].person.bsn})
    assert response.status_code == 400
    assert "geen persoon met dit BSN" in response.content.decode()


def test_the_access_export_holds_everything_of_one_person_and_nothing_of_another(client):
    world = build_world()
    own, other, none = (world.records[k] for k in ("own", "other", "none"))
    client.force_login(world.users[Role.KLANTMANAGER])
    client.get(reverse("person-detail", args=[own.person.pk]))
    client.force_login(world.users[Role.BEHEERDER])
    response = client.get(reverse("privacy-access-json", args=[own.person.pk]))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    data = json.loads(text)
    # Every record with the marker: needs, profile, handover, hours, contact, evaluation (2),
    # concern, sick report, jobcoach report, provision, ending.
    for fragment in ("Behoefte", "Motivatie", "Overdracht", "Uren", "Gesprek", "Afspraak",
                     "Opmerking", "Zorg", "Gevraagd", "Ziek", "Loon", "Doel", "Rapport",
                     "Voorziening", "Werkfit",
                     "Einde"):  # fmt: skip
        assert f"{fragment} {own.marker}" in text, fragment
    assert own.person.bsn in text and own.person.name in text
    assert len(data["plaatsingen"]) == 2
    assert any(e["gebruiker"] == str(world.users[Role.KLANTMANAGER]) for e in data["verwerkingen"])
    for stranger in (other, none):
        assert stranger.marker not in text
        assert stranger.person.bsn not in text
        assert stranger.person.name not in text
    html = client.get(reverse("privacy-access-html", args=[own.person.pk])).content.decode()
    assert f"Rapport {own.marker}" in html and none.marker not in html


def _ended_person(world, ended_on):
    own = world.records["own"]
    person = PersonFactory.create(
        organisation=own.person.organisation, municipality=own.person.municipality,
        needs="Heeft rust nodig", email="weg@example.org",
    )  # fmt: skip
    placement = PlacementFactory.create(person=person, employer=own.employer)
    ContractFactory.create(placement=placement, start=ended_on - timedelta(days=300), end=ended_on)
    _finish(placement, ended_on)
    return person


def test_anonymising_on_request_keeps_the_figures_and_the_log(client):
    world = build_world()
    own = world.records["own"]
    person = own.person
    admin = world.users[Role.BEHEERDER]
    client.force_login(admin)
    url = reverse("privacy-anonymise", args=[person.pk])
    refused = client.post(url, {"reason": "Verzoek", "confirm": "on"})
    assert refused.status_code == 400
    assert "Deze persoon werkt nog" in refused.content.decode()
    _finish(own.placement, timezone.localdate())
    bsn, marker = person.bsn, own.marker
    contracts = ContractPeriod.objects.filter(placement__person=person).count()
    log_before = ProcessingLogEntry.objects.filter(person_id=person.pk).count()
    missing = client.post(url, {"reason": "Verzoek"})
    assert missing.status_code == 400 and "niet terug te draaien" in missing.content.decode()
    done = client.post(url, {"reason": "Verzoek van betrokkene, 3 november", "confirm": "on"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.name == privacy.ANONYMOUS_NAME and person.bsn is None
    assert person.anonymised_on == timezone.localdate()
    assert person.birth_date.month == 7 and person.birth_date.day == 1
    # The employer's name is the employer's, not the person's; everything else is gone.
    export = privacy.access_export_json(person).replace(own.employer.name, "")
    assert bsn and marker not in export and bsn not in export
    assert ContractPeriod.objects.filter(placement__person=person).count() == contracts
    assert Ending.objects.filter(placement__person=person).count() == 2
    worker = User.objects.get(pk=world.users[Role.WERKNEMER].pk)
    assert not worker.is_active and worker.person is None
    entries = ProcessingLogEntry.objects.filter(person_id=person.pk)
    assert entries.count() > log_before
    erase = entries.get(action=Action.DELETE)
    assert erase.bsn_hash == hash_bsn(bsn) and erase.user == admin
    assert "Verzoek van betrokkene" in erase.activity
    # The administrator can still answer "who looked?" by the BSN the person gives.
    found = client.post(reverse("privacy-search"), {"who": bsn})
    assert found.status_code == 302


@pytest.mark.parametrize(
    ("years_ago", "anonymised"),
    [(relativedelta(years=7), True), (relativedelta(years=7, days=-1), False),
     (relativedelta(years=6), False), (relativedelta(years=9), True)],
    ids=["exactly-7", "a-day-short", "6-years", "9-years"],
)  # fmt: skip
def test_retention_anonymises_at_n_years_and_keeps_at_n_minus_1(years_ago, anonymised, capsys):
    world = build_world()
    today = timezone.localdate()
    person = _ended_person(world, today - years_ago)
    call_command("retention", "--dry-run", f"--today={today.isoformat()}")
    out = capsys.readouterr().out
    assert "er is niets gewijzigd" in out
    assert (f"  {person.ref}" in out) is anonymised
    person.refresh_from_db()
    assert person.anonymised_on is None  # the dry run changed nothing
    call_command("retention", f"--today={today.isoformat()}")
    person.refresh_from_db()
    assert (person.anonymised_on is not None) is anonymised
    # Running placements are never touched, whatever their age.
    assert Person.objects.filter(anonymised_on__isnull=True).count() >= 3
    if anonymised:
        entry = ProcessingLogEntry.objects.get(person_id=person.pk, action=Action.DELETE)
        assert entry.user is None and entry.user_label == "systeem"
        assert entry.activity == privacy.ACTIVITY_RETENTION


def test_retention_keeps_a_person_with_a_running_placement():
    world = build_world()
    today = timezone.localdate()
    person = _ended_person(world, today - relativedelta(years=10))
    PlacementFactory.create(person=person, employer=world.records["own"].employer)  # a new job
    call_command("retention", f"--today={today.isoformat()}")
    person.refresh_from_db()
    assert person.anonymised_on is None


def test_retention_years_come_from_the_setting(settings):
    world = build_world()
    today = timezone.localdate()
    settings.RETENTION_YEARS = 3
    person = _ended_person(world, today - relativedelta(years=3))
    call_command("retention", f"--today={today.isoformat()}")
    person.refresh_from_db()
    assert person.anonymised_on is not None


def test_the_admin_writes_the_processing_log_too(client):
    from baanbehoud.organisations.tests.factories import UserFactory

    world = build_world()
    own = world.records["own"]
    root = UserFactory.create(username="root", role="", is_superuser=True, is_staff=True)
    client.force_login(root)
    before = ProcessingLogEntry.objects.count()
    client.get(reverse("admin:persons_person_changelist"))
    listed = ProcessingLogEntry.objects.order_by("pk")[before:]
    assert {e.person_id for e in listed} == set(Person.objects.values_list("pk", flat=True))
    before = ProcessingLogEntry.objects.count()
    client.get(reverse("admin:guidance_concern_change", args=[own.concern.pk]))
    entry = ProcessingLogEntry.objects.order_by("pk")[before:].get()
    assert entry.person_id == own.person.pk and entry.user == root


def test_a_long_label_is_cut_to_the_column_not_refused():
    """Found on PostgreSQL: a form title longer than the column made a page fail."""
    from baanbehoud.audit.services import log_processing

    world = build_world()
    log_processing(
        user=world.users[Role.KLANTMANAGER],
        persons=[world.records["own"].person],
        action=Action.READ,
        activity="a" * 300,
        object_type="formulier: " + "b" * 300,
    )
    entry = ProcessingLogEntry.objects.latest("pk")
    assert len(entry.activity) == 100 and entry.activity.endswith("…")
    assert len(entry.object_type) == 200 and entry.object_type.startswith("formulier: b")


@pytest.mark.parametrize(
    "change",
    [
        "bulk upsert",
        "queryset update",
        "raw delete",
        "raw sql update",
        "raw sql delete",
    ],
)
def test_the_database_itself_refuses_to_change_the_log(change):
    """Issue 12 §8: not only the ORM, the database refuses (triggers on SQLite and PostgreSQL)."""
    from django.db import DatabaseError, connection, transaction
    from django.db.models import QuerySet

    world = build_world()
    entry = ProcessingLogEntry.objects.create(
        user=world.users[Role.KLANTMANAGER], user_label="x", action=Action.READ, activity="a",
        object_type="persoon", person_id=world.records["own"].person.pk, bsn_hash="h",
    )  # fmt: skip
    table = ProcessingLogEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic():
        if change == "bulk upsert":
            entry.activity = "anders"
            ProcessingLogEntry.objects.bulk_create(
                [entry], update_conflicts=True, unique_fields=["id"], update_fields=["activity"]
            )
        elif change == "queryset update":
            QuerySet.update(ProcessingLogEntry.objects.filter(pk=entry.pk), activity="anders")
        elif change == "raw delete":
            ProcessingLogEntry.objects.filter(pk=entry.pk)._raw_delete(using="default")
        else:
            with connection.cursor() as cursor:
                if change == "raw sql update":
                    cursor.execute(f"UPDATE {table} SET activity = 'anders'")
                else:
                    cursor.execute(f"DELETE FROM {table}")
    fresh = ProcessingLogEntry.objects.get(pk=entry.pk)
    assert fresh.activity == "a"


def test_deleting_an_account_empties_only_the_link_in_the_log():
    from baanbehoud.organisations.tests.factories import UserFactory

    world = build_world()
    gone = UserFactory.create(role=Role.KLANTMANAGER, full_name="Vertrokken Collega")
    ProcessingLogEntry.objects.create(
        user=gone, user_label=str(gone), action=Action.READ, activity="a",
        object_type="persoon", person_id=world.records["own"].person.pk, bsn_hash="h",
    )  # fmt: skip
    gone.delete()
    entry = ProcessingLogEntry.objects.get(user_label="Vertrokken Collega")
    assert entry.user is None and entry.activity == "a" and entry.object_type == "persoon"
