"""Mijn signalen on the demo data, and handling a signal through the resolving form."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baanbehoud.organisations.models import User
from baanbehoud.placements.models import Placement
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_klantmanager(client, demo_module, db):
    user = User.objects.get(username="klantmanager")
    client.force_login(user)
    return user


def shown_codes(html: str) -> set[str]:
    return set(re.findall(r'data-code="([A-Z_]+)"', html))


def test_demo_klantmanager_sees_signals_of_several_kinds(client, demo_klantmanager):
    response = client.get(reverse("worklist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(shown_codes(html)) >= 4
    for heading in ("Te laat", "Deze week", "Binnenkort"):
        assert f">{heading} <span" in html


def test_my_signals_are_only_those_of_my_persons(client, demo_klantmanager):
    mine = client.get(reverse("worklist")).content.decode()
    team = client.get(reverse("worklist"), {"weergave": "team"}).content.decode()
    assert mine.count('class="signal ') < team.count('class="signal ')


def test_filter_by_code(client, demo_klantmanager):
    html = client.get(
        reverse("worklist"), {"weergave": "team", "code": "CONTACT_DUE"}
    ).content.decode()
    assert shown_codes(html) == {"CONTACT_DUE"}


def test_recording_a_contact_moment_resolves_contact_due(client, demo_klantmanager):
    today = timezone.localdate()
    mine = Placement.objects.filter(person__contact_person=demo_klantmanager)
    row = next(r for r in open_signal_rows(mine, today) if r.signal.code == "CONTACT_DUE")
    html = client.get(reverse("worklist"), {"code": "CONTACT_DUE"}).content.decode()
    url = reverse("contact-new", args=[row.placement.pk])
    assert url in html  # one click from the worklist
    response = client.post(
        url,
        {
            "date": today.isoformat(),
            "with_worker": "on",
            "channel": "phone",
            "summary": "Gebeld, gaat goed.",
        },
    )
    assert response.status_code == 302
    still_open = {(r.signal.code, r.placement.pk) for r in open_signal_rows(mine, today)}
    assert ("CONTACT_DUE", row.placement.pk) not in still_open


def test_each_signal_links_to_an_existing_page(client, demo_klantmanager):
    html = client.get(reverse("worklist"), {"weergave": "team"}).content.decode()
    links = set(re.findall(r'<ul class="row-actions"><li><a href="([^"]+)"', html))
    assert links
    for link in list(links)[:40]:
        assert client.get(link).status_code == 200, link


def test_person_page_shows_the_chain_status_in_words_and_open_signals(client, demo_klantmanager):
    today = timezone.localdate()
    placement = (
        Placement.objects.filter(
            person__contact_person=demo_klantmanager,
            contracts__kind="temporary",
            contracts__end__gte=today + timedelta(days=1),
            ending__isnull=True,
        )
        .distinct()
        .first()
    )
    html = client.get(reverse("person-detail", args=[placement.person_id])).content.decode()
    assert re.search(r"\de tijdelijk contract; ", html)
    assert "Open signalen" in html


@pytest.mark.parametrize("view", ["mijn", "team"])
def test_the_worklist_page_makes_a_handful_of_queries(client, demo_klantmanager, view):
    """Issue 15: however many signals, the page reads them in one query (plus the session,
    the user, the processing log, the organisation filter and the menu)."""
    client.get(reverse("worklist"), {"weergave": view})  # the session settles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("worklist"), {"weergave": view})
    assert response.status_code == 200 and response.content.decode().count('class="signal ') > 10
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) <= 10, "\n".join(reads)
    assert sum("signals_signalinterval" in sql for sql in reads) == 1


def test_the_organisation_filter_offers_the_organisations_of_the_persons_i_may_see(
    client, demo_module, db
):
    """An accountmanager sees persons of several organisations (through the employers); the
    filter lists exactly those organisations, by name, and narrows the list to one."""
    from baanbehoud.persons.models import Person

    user = User.objects.get(username="accountmanager")
    client.force_login(user)
    expected = {p.organisation.name: p.organisation.ref for p in Person.objects.visible_to(user)}
    assert len(expected) > 1
    html = client.get(reverse("worklist"), {"weergave": "team"}).content.decode()
    select = html[
        html.index('<select id="organisatie"') : html.index(
            "</select>", html.index('<select id="organisatie"')
        )
    ]
    offered = dict(re.findall(r'<option value="([^"]+)">([^<]+)</option>', select))
    assert offered == {ref: name for name, ref in expected.items()}
    assert list(offered.values()) == sorted(offered.values())
    ref = next(iter(expected.values()))
    narrowed = client.get(
        reverse("worklist"), {"weergave": "team", "organisatie": ref}
    ).content.decode()
    persons = set(re.findall(r'href="/personen/(\d+)/"', narrowed))
    assert persons
    assert {Person.objects.get(pk=int(pk)).organisation.ref for pk in persons} == {ref}


def test_what_the_rows_show_is_escaped(client, demo_klantmanager):
    """The rows are a Jinja2 template (web/jinja.py): a name with markup in it shows as text,
    in the row, in the hidden text of its actions and in the checkbox's label."""
    from baanbehoud.persons.models import Person

    person = Person.objects.filter(contact_person=demo_klantmanager).order_by("pk").first()
    Person.objects.filter(pk=person.pk).update(name='<b onclick="x()">Jan</b> & Piet')
    html = client.get(reverse("worklist"), {"weergave": "team"}).content.decode()
    assert "<b onclick" not in html
    shown = "&lt;b onclick=&#34;x()&#34;&gt;Jan&lt;/b&gt; &amp; Piet"
    assert f"{shown}</a></td>" in html  # the person's cell
    assert f"> voor {shown}</span>" in html  # the actions
    assert f"{shown} kiezen om over te dragen" in html  # the team list's checkbox
