"""Issue 18 §2: the team worklist names each signal's contact person, says per contact person
how many are late, and shows at most 100 rows a page, in a number of queries that does not grow
with the team's list."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


def team(count: int):
    organisation = OrganisationFactory.create()
    first = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=organisation, full_name="Anna Eerste"
    )
    second = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=organisation, full_name="Bert Tweede"
    )
    for n in range(count):
        person = PersonFactory.create(
            organisation=organisation,
            municipality__organisation=organisation,
            contact_person=first if n % 3 else second,
        )
        placement = PlacementFactory.create(person=person, employer__account_manager=first)
        # Ends in a month: CONTRACT_END is already late (due two months before the end).
        ContractFactory.create(
            placement=placement,
            kind="temporary",
            start=TODAY - timedelta(days=300),
            end=TODAY + timedelta(days=30),
        )
    return first


def rows(html: str) -> int:
    return len(re.findall(r'<tr class="signal ', html))


def test_the_team_page_names_the_owner_counts_per_owner_and_pages_by_a_hundred(client):
    lead = team(130)
    client.force_login(lead)
    url = reverse("worklist") + "?weergave=team&code=CONTRACT_END"
    first_page = client.get(url).content.decode()
    assert rows(first_page) == 100
    assert "Pagina 1 van 2" in first_page and "pagina=2" in first_page
    assert '<th scope="col">Contactpersoon</th>' in first_page
    table = first_page[first_page.index("Per contactpersoon") :]
    assert re.search(r"Anna Eerste</th><td>86</td>", table)  # 2 of every 3 persons
    assert re.search(r"Bert Tweede</th><td>44</td>", table)
    second_page = client.get(url + "&pagina=2").content.decode()
    assert rows(second_page) == 30
    assert "Te laat (130)" in second_page  # the counts are the whole list's


def test_the_team_page_makes_as_many_queries_for_a_long_list_as_for_a_short_one(client):
    """Both lists are longer than a page (so a hundred persons are logged either way); the
    second twice as long."""
    url = reverse("worklist") + "?weergave=team&code=CONTRACT_END"
    counted = []
    for size in (110, 220):
        client.force_login(team(size))
        client.get(url)  # the intervals are worked out once
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert rows(html) == 100
        counted.append(len(queries.captured_queries))
    assert counted[0] == counted[1], counted


def test_the_list_downloads_as_shown_safe_and_logged(client):
    """Issue 18 §6: CSV and Excel with the page's filters (all rows, not a page), no formula."""
    import csv
    import io

    from openpyxl import load_workbook

    from baanbehoud.audit.models import ProcessingLogEntry
    from baanbehoud.persons.models import Person

    lead = team(120)
    Person.objects.filter(pk=Person.objects.order_by("pk").first().pk).update(
        name='=HYPERLINK("http://example.invalid","klik")'
    )
    client.force_login(lead)
    url = reverse("worklist") + "?weergave=team&code=CONTRACT_END"
    body = client.get(url + "&formaat=csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert lines[0][:3] == ["Groep", "Signaal", "Persoon"]
    assert len(lines) == 121 and {line[1] for line in lines[1:]} == {"Contract loopt af"}
    assert any(line[2].startswith("'=HYPERLINK") for line in lines[1:])
    book = load_workbook(io.BytesIO(client.get(url + "&formaat=xlsx").content))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert book.active.max_row == 121 and not [c for c in cells if c.data_type == "f"]
    # Each person in the file, once per download.
    assert (
        ProcessingLogEntry.objects.filter(object_type="signaal (werklijst (download))").count()
        == 240
    )


def test_a_team_lead_hands_chosen_persons_over_at_once(client):
    """Issue 18 §2: bulk reassign from the team list, with one handover note, all or nothing;
    persons the user may not see are left alone."""
    from baanbehoud.persons.models import Handover, Person

    lead = team(6)
    colleague = Person.objects.exclude(contact_person=lead).first().contact_person
    mine = list(Person.objects.filter(contact_person=lead).order_by("pk")[:2])
    elsewhere = PersonFactory.create()  # another organisation
    client.force_login(lead)
    page = client.get(reverse("worklist") + "?weergave=team").content.decode()
    assert 'form="overdragen"' in page and 'name="personen"' in page
    response = client.post(
        reverse("worklist-reassign"),
        {
            "personen": [str(p.pk) for p in [*mine, elsewhere]],
            "contact_person": str(colleague.pk),
            "note": "Vakantie van drie weken.",
            "terug": "/signalen/?weergave=team",
        },
        follow=True,
    )
    assert "2 personen overgedragen aan" in response.content.decode()
    assert set(Person.objects.filter(pk__in=[p.pk for p in mine]).values_list(
        "contact_person", flat=True)) == {colleague.pk}  # fmt: skip
    assert Handover.objects.filter(note="Vakantie van drie weken.").count() == 2
    elsewhere.refresh_from_db()
    assert elsewhere.contact_person_id is None or elsewhere.contact_person_id != colleague.pk


def test_reassigning_needs_a_choice_and_a_colleague(client):
    lead = team(2)
    client.force_login(lead)
    response = client.post(reverse("worklist-reassign"), {"contact_person": ""}, follow=True)
    assert "Kies eerst een of meer signalen" in response.content.decode()
    accountmanager = UserFactory.create(role=Role.ACCOUNTMANAGER, organisation=lead.organisation)
    client.force_login(accountmanager)
    assert client.post(reverse("worklist-reassign"), {}).status_code == 403


def test_the_pages_hold_every_signal_once_whatever_order_the_database_reads_them_in(
    client, monkeypatch
):
    """130 signals alike in priority, date and kind, over two pages: each person once, also
    when the database gives the rows in another order for the second page."""
    from baanbehoud.signals import selectors

    client.force_login(team(130))
    url = reverse("worklist") + "?weergave=team&code=CONTRACT_END"
    first = re.findall(r'name="personen" value="(\d+)"', client.get(url).content.decode())
    read = selectors._stored
    monkeypatch.setattr(selectors, "_stored", lambda *args: read(*args)[::-1])
    second = re.findall(
        r'name="personen" value="(\d+)"', client.get(url + "&pagina=2").content.decode()
    )
    assert (len(first), len(second)) == (100, 30)
    assert len(set(first) | set(second)) == 130
