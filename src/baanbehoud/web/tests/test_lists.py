"""Issue 18 §2, §3, §6: every list filters, sorts and downloads from its URL, and a filtered list
can be saved under a name that the navigation then shows."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.employers.models import Vacancy, VacancyStatus
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)
from baanbehoud.persons.models import BenefitScheme
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import Ending
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.web.models import MAX_VIEWS, SavedView

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def office():
    organisation = OrganisationFactory.create()
    utrecht = MunicipalityFactory.create(name="Utrecht", organisation=organisation)
    zeist = MunicipalityFactory.create(name="Zeist", organisation=organisation)
    me = UserFactory.create(role=Role.KLANTMANAGER, organisation=organisation, full_name="Ik Zelf")
    colleague = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=organisation, full_name="Collega Twee"
    )
    people = {
        "Anna": PersonFactory.create(
            name="Anna Aalbers", municipality=utrecht, contact_person=me,
            regime=BenefitScheme.WAJONG,
        ),
        "Bram": PersonFactory.create(
            name="Bram Bos", municipality=zeist, contact_person=colleague,
            regime=BenefitScheme.PARTICIPATIEWET,
        ),
        "Cor": PersonFactory.create(
            name="Cor Claassen", municipality=zeist, contact_person=None,
            regime=BenefitScheme.PARTICIPATIEWET,
        ),
        "Dirk": PersonFactory.create(
            name="=HYPERLINK(\"http://x\")", municipality=utrecht, contact_person=me,
            regime=BenefitScheme.WAJONG,
        ),
    }  # fmt: skip
    for key in ("Anna", "Bram", "Cor"):
        placement = PlacementFactory.create(
            person=people[key], function=f"Functie van {key}", employer__account_manager=None
        )
        ContractFactory.create(
            placement=placement, start=TODAY - timedelta(days=90), end=TODAY + timedelta(days=90)
        )
        if key == "Bram":
            Ending.objects.create(
                placement=placement, date=TODAY - timedelta(days=5), initiative="employer"
            )
    return {"me": me, "colleague": colleague, "utrecht": utrecht, "zeist": zeist, **people}


def names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/personen/\d+/">([^<]+)</a></td>', html)


def test_the_person_list_filters_by_contact_person_municipality_regime_and_work(client, office):
    client.force_login(office["me"])
    url = reverse("person-list")
    mine = client.get(url, {"contactpersoon": "ik"}).content.decode()
    assert names(mine) == ["=HYPERLINK(&quot;http://x&quot;)", "Anna Aalbers"]
    assert "2 personen" in mine
    nobody = client.get(url, {"contactpersoon": "geen"}).content.decode()
    assert names(nobody) == ["Cor Claassen"] and "1 persoon<" in nobody
    colleague = client.get(url, {"contactpersoon": office["colleague"].pk}).content.decode()
    assert names(colleague) == ["Bram Bos"]
    zeist = client.get(url, {"gemeente": office["zeist"].pk}).content.decode()
    assert names(zeist) == ["Bram Bos", "Cor Claassen"]
    wajong = client.get(url, {"regeling": "wajong"}).content.decode()
    assert set(names(wajong)) == {"Anna Aalbers", "=HYPERLINK(&quot;http://x&quot;)"}
    working = client.get(url, {"werk": "lopend"}).content.decode()
    assert names(working) == ["Anna Aalbers", "Cor Claassen"]
    ended = client.get(url, {"werk": "geeindigd"}).content.decode()
    assert names(ended) == ["Bram Bos"]
    never = client.get(url, {"werk": "geen"}).content.decode()
    assert names(never) == ["=HYPERLINK(&quot;http://x&quot;)"]
    both = client.get(url, {"gemeente": office["zeist"].pk, "werk": "lopend"}).content.decode()
    assert names(both) == ["Cor Claassen"]
    assert "selected>Zeist</option>" in both  # the form shows what is chosen


def test_a_list_sorts_by_its_columns_and_the_sorted_head_says_so(client, office):
    client.force_login(office["me"])
    url = reverse("person-list")
    html = client.get(url, {"sorteer": "-naam", "werk": "lopend"}).content.decode()
    assert names(html) == ["Cor Claassen", "Anna Aalbers"]
    assert 'aria-sort="descending"' in html
    # The head of the sorted column turns the order round, and keeps the filter.
    assert 'href="?werk=lopend&amp;sorteer=naam"' in html
    by_town = client.get(url, {"sorteer": "gemeente"}).content.decode()
    assert set(names(by_town)[:2]) == {"Anna Aalbers", "=HYPERLINK(&quot;http://x&quot;)"}
    assert set(names(by_town)[2:]) == {"Bram Bos", "Cor Claassen"}  # Utrecht, then Zeist


def test_an_unknown_filter_value_is_named_and_left_out(client, office):
    client.force_login(office["me"])
    html = client.get(reverse("person-list"), {"gemeente": "99999", "regeling": "x"}).content
    text = html.decode()
    assert "Niet gebruikt" in text and "Gemeente" in text and "Regeling" in text
    assert len(names(text)) == 4


def test_pages_keep_the_filters(client, office):
    organisation = office["me"].organisation
    for n in range(30):
        PersonFactory.create(
            name=f"Extra {n:02d}", municipality=office["zeist"], organisation=organisation
        )
    client.force_login(office["me"])
    html = client.get(reverse("person-list"), {"gemeente": office["zeist"].pk}).content.decode()
    assert "32 personen" in html and "Pagina 1 van 2" in html
    assert f"?gemeente={office['zeist'].pk}&amp;pagina=2" in html


def test_the_download_has_the_filters_of_the_page_is_formula_safe_and_logged(client, office):
    client.force_login(office["me"])
    url = reverse("person-list")
    response = client.get(url, {"contactpersoon": "ik", "formaat": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="personen.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Naam;Gemeente;Regeling;Contactpersoon"
    assert len(lines) == 3 and lines[2].startswith("Anna Aalbers;Utrecht")
    assert lines[1].startswith("\"'=HYPERLINK")  # text, not a formula
    logged = ProcessingLogEntry.objects.filter(action=Action.EXPORT, user=office["me"])
    assert set(logged.values_list("person_id", flat=True)) == {office["Anna"].pk, office["Dirk"].pk}
    book = load_workbook(io.BytesIO(client.get(url, {"formaat": "xlsx"}).content))
    cells = [row[0] for row in book.active.iter_rows()]
    assert cells[0].value == "Naam" and len(cells) == 5
    assert [c.data_type for c in cells] == ["s"] * 5  # text cells, no formula among them


def test_the_placement_list_shows_running_jobs_first_and_all_on_request(client, office):
    client.force_login(office["me"])
    url = reverse("placement-list")
    running = client.get(url).content.decode()
    assert "Functie van Anna" in running and "Functie van Bram" not in running
    assert "2 plaatsingen" in running
    everything = client.get(url, {"stand": ""}).content.decode()
    assert "Functie van Bram" in everything and "3 plaatsingen" in everything
    # "All" is kept on the sort links, or the next click would hide the ended one again.
    assert "?stand=&amp;sorteer=" in everything
    ended = client.get(url, {"stand": "geeindigd"}).content.decode()
    assert "Functie van Bram" in ended and "Functie van Anna" not in ended
    assert ProcessingLogEntry.objects.filter(
        user=office["me"], object_type="plaatsing (lijst)", person_id=office["Bram"].pk
    ).exists()


def test_the_employer_list_filters_by_account_manager_and_workers(client, office):
    account_manager = UserFactory.create(
        role=Role.ACCOUNTMANAGER, organisation=office["me"].organisation
    )
    mine = EmployerFactory.create(
        name="Bakkerij De Korst", account_manager=account_manager, municipality=office["zeist"]
    )
    client.force_login(account_manager)
    url = reverse("employer-list")
    html = client.get(url, {"accountmanager": "ik"}).content.decode()
    assert "Bakkerij De Korst" in html and "1 werkgever<" in html
    with_workers = client.get(url, {"medewerkers": "ja"}).content.decode()
    assert "Bakkerij De Korst" not in with_workers
    assert with_workers.count('data-label="Medewerkers aan het werk">1<') == 2  # Anna's, Cor's
    assert mine.pk


def test_the_employer_list_counts_the_placements_that_run(client, office):
    """Running: no ending. Anna's employer gets a second running placement and an ended one
    (2); Bram's has only his ended one (0): in the column, both ways of the filter and the
    order."""
    busy = office["Anna"].placements.get().employer
    PlacementFactory.create(person=office["Dirk"], employer=busy)
    ended = PlacementFactory.create(person=office["Dirk"], employer=busy)
    Ending.objects.create(placement=ended, date=TODAY - timedelta(days=1), initiative="employer")
    idle = office["Bram"].placements.get().employer
    cor = office["Cor"].placements.get().employer
    client.force_login(office["me"])
    url = reverse("employer-list")

    def counts(params):
        html = client.get(url, params).content.decode()
        rows = re.findall(
            r'<a href="/werkgevers/\d+/">([^<]+)</a>.*?data-label="Medewerkers aan het werk">'
            r"(\d+)<",
            html,
            re.S,
        )
        return [(unescape(name), int(n)) for name, n in rows]

    everyone = dict(counts({}))
    assert (everyone[busy.name], everyone[idle.name], everyone[cor.name]) == (2, 0, 1)
    assert dict(counts({"medewerkers": "ja"})) == {busy.name: 2, cor.name: 1}
    assert dict(counts({"medewerkers": "nee"})) == {idle.name: 0}
    assert counts({"sorteer": "-medewerkers"})[:2] == [(busy.name, 2), (cor.name, 1)]


def test_the_vacancy_list_shows_open_vacancies_unless_asked(client, office):
    employer = EmployerFactory.create(municipality=office["utrecht"])
    Vacancy.objects.create(
        employer=employer,
        title="Magazijn",
        hours_min=Decimal(12),
        hours_max=Decimal(20),
        municipality=office["utrecht"],
    )
    Vacancy.objects.create(employer=employer, title="Kantine", hours_min=Decimal(16),
                           hours_max=Decimal(16), status=VacancyStatus.FILLED)  # fmt: skip
    client.force_login(office["me"])
    html = client.get(reverse("vacancy-list")).content.decode()
    assert "Magazijn" in html and "Kantine" not in html and "12\u201320 uur" in html
    every = client.get(reverse("vacancy-list"), {"status": ""}).content.decode()
    assert "Kantine" in every and "2 vacatures" in every


def test_the_worklist_filters_by_owner_municipality_and_urgency(client, office):
    client.force_login(office["me"])
    url = reverse("worklist")
    team = client.get(url, {"weergave": "team"}).content.decode()
    assert "Cor Claassen" in team and "Anna Aalbers" in team
    theirs = client.get(url, {"weergave": "team", "contactpersoon": "geen"}).content.decode()
    assert "Cor Claassen" in theirs and "Anna Aalbers" not in theirs
    utrecht = client.get(url, {"weergave": "team", "gemeente": office["utrecht"].pk}).content
    assert "Anna Aalbers" in utrecht.decode() and "Cor Claassen" not in utrecht.decode()
    soon = client.get(url, {"weergave": "team", "urgentie": "binnenkort"}).content.decode()
    assert 'id="binnenkort"' in soon and 'id="te-laat"' not in soon
    csv = client.get(url, {"weergave": "team", "contactpersoon": "geen", "formaat": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert "Cor Claassen" in body and "Anna Aalbers" not in body


def test_a_filtered_list_saved_under_a_name_shows_in_the_navigation(client, office):
    client.force_login(office["me"])
    address = f"/personen/?gemeente={office['zeist'].pk}&werk=lopend&pagina=2&formaat=csv"
    response = client.post(
        reverse("saved-view-save"), {"naam": " Zeist  aan het werk ", "adres": address}
    )
    saved = SavedView.objects.get(user=office["me"])
    assert saved.name == "Zeist aan het werk"
    assert saved.url == f"/personen/?gemeente={office['zeist'].pk}&werk=lopend"  # no page, no file
    assert response.url == saved.url
    page = client.get(saved.url).content.decode()
    menu = page[page.index('aria-label="Mijn weergaven"') :]
    assert "Zeist aan het werk</a>" in menu and 'aria-current="page"' in menu
    assert names(page) == ["Cor Claassen"]
    # The same name again takes the new filters; a colleague does not see it.
    client.post(
        reverse("saved-view-save"),
        {"naam": "Zeist aan het werk", "adres": "/plaatsingen/?route=wsp"},
        follow=True,
    )
    assert SavedView.objects.get(user=office["me"]).url == "/plaatsingen/?route=wsp"
    client.force_login(office["colleague"])
    assert "Zeist aan het werk" not in client.get(reverse("person-list")).content.decode()


@pytest.mark.parametrize(
    "address",
    ["https://elders.example/personen/", "//elders.example/personen/", "/beheer/", "/personen/1/",
     "/bestaat-niet/"],
)  # fmt: skip
def test_only_a_list_of_ours_can_be_saved(client, office, address):
    client.force_login(office["me"])
    response = client.post(reverse("saved-view-save"), {"naam": "X", "adres": address}, follow=True)
    assert not SavedView.objects.exists()
    assert "kan niet als weergave worden bewaard" in response.content.decode()


def test_a_view_needs_a_name_and_there_is_a_limit(client, office):
    client.force_login(office["me"])
    response = client.post(
        reverse("saved-view-save"), {"naam": " ", "adres": "/personen/"}, follow=True
    )
    assert "Vul in: de naam van de weergave." in response.content.decode()
    for n in range(MAX_VIEWS):
        SavedView.objects.create(user=office["me"], name=f"V{n}", path="/personen/")
    response = client.post(
        reverse("saved-view-save"), {"naam": "Nog een", "adres": "/personen/"}, follow=True
    )
    assert f"U hebt al {MAX_VIEWS} weergaven" in response.content.decode()
    assert SavedView.objects.filter(user=office["me"]).count() == MAX_VIEWS


def test_a_user_removes_their_own_view_and_not_someone_elses(client, office):
    theirs = SavedView.objects.create(
        user=office["colleague"], name="Van collega", path="/personen/"
    )
    mine = SavedView.objects.create(user=office["me"], name="Van mij", path="/personen/")
    client.force_login(office["me"])
    client.post(reverse("saved-views"), {"weergave": theirs.pk})
    assert SavedView.objects.filter(pk=theirs.pk).exists()
    client.post(reverse("saved-views"), {"weergave": mine.pk})
    assert not SavedView.objects.filter(pk=mine.pk).exists()


def test_two_tabs_saving_the_same_name_at_once_keep_one_view(office, monkeypatch):
    """The other tab's view with the same name arrives between the check and the write: the
    unique constraint refuses the second row, and the save takes the view over instead of
    failing."""
    from baanbehoud.web import services

    SavedView.objects.create(user=office["me"], name="Zeist", path="/personen/")  # other tab
    real = SavedView.objects.select_for_update
    monkeypatch.setattr(  # this tab's check ran before the other tab's row was there
        SavedView.objects, "select_for_update", lambda *a, **k: real(*a, **k).none()
    )
    view = services.saved_view_save(user=office["me"], name="Zeist", address="/plaatsingen/")
    monkeypatch.undo()
    assert SavedView.objects.filter(user=office["me"]).count() == 1
    assert view.url == "/plaatsingen/"


def test_the_menu_counts_all_of_my_signals_on_a_worklist_narrowed_to_a_colleague(client, office):
    """The navigation's "te laat" count is the user's own, whatever the list below shows."""
    client.force_login(office["me"])
    url = reverse("worklist")

    def badge(params):
        html = client.get(url, params).content.decode()
        menu = html[html.index('aria-label="Hoofdmenu"') :]
        return menu[menu.index("Mijn signalen") :].split("</a>", 1)[0]

    mine = badge({})
    assert "te laat" in mine  # Anna's contract started 90 days ago without contact
    assert badge({"weergave": "team", "contactpersoon": office["colleague"].pk}) == mine
    assert badge({"weergave": "team", "gemeente": office["zeist"].pk}) == mine
