"""The journeys of docs/pages.md, one per kind of user, through the real UI in Chromium on the demo data."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.browser


def shell(server: dict[str, Any], code: str) -> str:
    """Set-up that is not part of the journey, in the demo server's database."""
    result = subprocess.run(
        [*server["cli"], "shell", "-c", code],
        env=server["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_klantmanager_handles_a_contract_end_signal(page: Page, demo_server):
    login(page, demo_server, "klantmanager")
    expect(page.locator("h1")).to_have_text("Start")  # counts, concerns first, today's work
    page.get_by_role("link", name="Alle signalen").click()
    expect(page.locator("h1")).to_have_text("Mijn signalen")
    page.select_option("#code", "CONTRACT_END")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    row = page.locator('tr[data-code="CONTRACT_END"]').first
    next_contract = row.get_by_role("link", name=re.compile("^Volgend contract"))
    href = next_contract.get_attribute("href") or ""
    placement = re.search(r"/plaatsingen/(\d+)/", href).group(1)
    # Record a contact moment from the person page.
    row.locator("td:nth-child(2) a").click()
    page.get_by_role("link", name=re.compile("^Contact vastleggen")).first.click()
    page.check("#id_with_employer")
    page.check("#id_channel_2")  # telefoon
    page.fill("#id_summary", "Verlenging besproken met de werkgever.")
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Het contactmoment is opgeslagen.")
    # Record the next contract: the start is prefilled with the day after the previous end.
    page.goto(demo_server["url"] + href)
    start = page.input_value("#id_start")
    assert start
    page.fill("#id_end", f"{int(start[:4]) + 1}{start[4:]}")
    with page.expect_navigation():  # read the answer, not the form being left
        page.click("form.form button[type=submit]")
    if page.title().startswith("Fout: "):
        # A year more takes this chain past the chain rule's length (docs/signals.md): the form
        # says so and asks for a tick and a reason before it saves a temporary contract.
        expect(page.locator("#foutmeldingen")).to_contain_text("Volgens de ketenbepaling")
        page.check("#id_confirm_temporary")
        page.fill("#id_temporary_reason", "Werkgever beslist volgende maand over vast.")
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Het contract is opgeslagen.")
    page.goto(demo_server["url"] + "/signalen/?code=CONTRACT_END")
    assert f"/plaatsingen/{placement}/contract/nieuw/" not in page.content()


def test_klantmanager_registers_an_ending_with_two_reasons_and_sees_it_in_the_report(
    page: Page, demo_server
):
    login(page, demo_server, "klantmanager")
    report = "/rapportages/redenen/?van=2020-01-01&tot=2030-12-31"
    page.goto(demo_server["url"] + report)
    before = page.content()
    page.goto(demo_server["url"] + "/signalen/?weergave=team&code=ENDING_UNREGISTERED")
    page.locator('tr[data-code="ENDING_UNREGISTERED"]').first.get_by_role(
        "link", name=re.compile("^Einde vastleggen")
    ).click()
    expect(page.locator("h1")).to_have_text("Einde van de baan vastleggen")
    page.check("#id_initiative_1")  # the worker
    page.get_by_label(re.compile("^Te weinig uitdaging")).check()
    page.get_by_label(re.compile("^Werk anders of saai")).check()
    page.check("#id_next_0")
    if page.locator("#id_no_permanent_reason").count():
        page.fill("#id_no_permanent_reason", "Werkgever had geen vaste plek.")
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Het einde van de baan is vastgelegd.")
    page.goto(demo_server["url"] + report)
    total = (
        page.locator("tr", has=page.locator("th", has_text="Te weinig uitdaging"))
        .locator("td")
        .nth(-2)
    )

    def count(html: str) -> int:
        match = re.search(
            r"Te weinig uitdaging</th>(?:\s*<td>[^<]*</td>){6}\s*<td>(\d+)</td>", html
        )
        return int(match.group(1)) if match else 0

    assert count(page.content()) == count(before) + 1
    assert total.is_visible()


def test_worker_accepts_the_invitation_fills_the_iop_by_keyboard_and_raises_a_concern(
    page: Page, demo_server
):
    ids = demo_server["ids"]
    login(page, demo_server, "klantmanager")
    page.goto(f"{demo_server['url']}/plaatsingen/{ids['placement']}/evaluatie/nieuw/")
    with page.expect_navigation():  # the evaluation is saved before the next page is asked
        page.click("form.form button[type=submit]")
    page.goto(f"{demo_server['url']}/personen/{ids['person']}/uitnodigen/")
    page.fill("#id_email", "invited.worker@example.org")
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De uitnodiging is verstuurd.")
    page.context.clear_cookies()
    mails = sorted(Path(demo_server["mail"]).glob("*.log"), key=lambda p: p.stat().st_mtime)
    link = re.findall(r"http://127\.0\.0\.1:\d+/uitnodiging/\S+/", mails[-1].read_text())[-1]
    page.goto(link)
    page.fill("#id_new_password1", "Mijn eigen lange wachtwoord")
    page.fill("#id_new_password2", "Mijn eigen lange wachtwoord")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Uw wachtwoord is opgeslagen")
    page.goto(demo_server["url"] + "/")
    expect(page.locator("h1")).to_contain_text("Hallo")
    page.get_by_role("link", name="Vragen invullen over uw werk").first.click()
    # Keyboard only: Tab into each question, Space picks the first answer, ArrowRight the next.
    page.locator("#id_tasks_0").focus()
    for _question in range(12):
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.type("Het gaat goed.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("Dank u wel")
    page.get_by_role("link", name="Trek aan de bel").first.click()
    page.get_by_label("Thuis of privé").check()
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Uw contactpersoon weet het nu")


def test_supervisor_fills_the_iop_and_sees_only_own_employees(page: Page, demo_server):
    names = shell(
        demo_server,
        (
            "import json\n"
            "from datetime import date\n"
            "from baanbehoud.organisations.models import User\n"
            "from baanbehoud.placements.models import Placement\n"
            "from baanbehoud.guidance.models import Evaluation\n"
            "u = User.objects.get(username='werkgever')\n"
            "mine = [p for p in Placement.objects.filter(employer=u.employer, ending__isnull=True)]\n"
            "Evaluation.objects.create(placement=mine[0], date=date.today())\n"
            "others = Placement.objects.exclude(employer=u.employer).values_list('person__name', flat=True)\n"
            "others = list(others[:50])\n"
            "print(json.dumps(others))"
        ),
    )
    login(page, demo_server, "werkgever")
    expect(page.locator("h1")).to_have_text("Mijn medewerkers in de banenafspraak")
    html = page.content()
    for full_name in __import__("json").loads(names):
        assert full_name not in html
    page.get_by_role("link", name=re.compile("^IOP invullen")).first.click()
    # The click does not wait for the form page: wait for it before ticking its answers.
    expect(page.locator("h1")).to_have_text("Hoe gaat het op het werk?")
    for radio in page.query_selector_all("input[type=radio][value='3']"):
        radio.check()
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Dank u wel")


def test_jobcoach_logs_hours_writes_a_report_and_sees_the_budget(page: Page, demo_server):
    login(page, demo_server, "jobcoach")
    expect(page.locator("h1")).to_have_text("Mijn jobcoaching")
    page.get_by_role("link", name=re.compile("^Uren boeken")).first.click()
    today = date.today()
    page.fill("#id_month", f"{today.year}-{today.month:02d}")
    page.fill("#id_hours", "1")
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text(
        "De uren zijn geboekt en bij de maand opgeteld."
    )
    expect(page.locator("table")).to_contain_text(re.compile(r"\d+ van 52 uur"))
    page.get_by_role("link", name=re.compile("^Rapportage schrijven")).first.click()
    page.fill("#id_how_it_goes", "Werkt zelfstandiger.")
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De rapportage is opgeslagen.")


def test_policy_officer_filters_the_quarterly_report_and_downloads_excel(page: Page, demo_server):
    login(page, demo_server, "beleidsmedewerker")
    page.goto(demo_server["url"] + "/rapportages/kwartaal/")
    page.click("summary")
    page.select_option("#id_regeling", "wajong")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    rows = page.locator("table.report-table").first.locator("tr")
    expect(rows.first).to_be_visible()
    on_page = [
        [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    in_excel = [
        ["" if v is None else str(v) for v in row]
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    assert in_excel == on_page
    assert "Definities" in book.sheetnames


def test_klantmanager_picks_the_right_one_of_two_colleagues_with_the_same_name(
    page: Page, demo_server
):
    """Issue 21 §1: a picker tells namesakes apart and saves exactly the chosen one."""
    ids = demo_server["ids"]
    created = shell(
        demo_server,
        "from baanbehoud.organisations.models import User, Role\n"
        "km = User.objects.get(username='klantmanager')\n"
        "a = User.objects.create(username='daan1', full_name='Daan de Boer', role=Role.KLANTMANAGER,"
        " organisation=km.organisation, email='daan.deboer@example.org')\n"
        "b = User.objects.create(username='daan2', full_name='Daan de Boer', role=Role.KLANTMANAGER,"
        " organisation=km.organisation, email='d.de.boer@example.org')\n"
        "print(b.pk)",
    )
    login(page, demo_server, "klantmanager")
    page.goto(f"{demo_server['url']}/personen/{ids['person']}/contactpersoon/")
    options = page.locator("#id_contact_person option").all_inner_texts()
    namesakes = [o for o in options if o.startswith("Daan de Boer")]
    assert len(namesakes) == 2 and namesakes[0] != namesakes[1]
    chosen = next(o for o in namesakes if "d.de.boer@example.org" in o)
    page.select_option("#id_contact_person", label=chosen)
    page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_be_visible()
    saved = shell(
        demo_server,
        f"from baanbehoud.persons.models import Person\n"
        f"print(Person.objects.get(pk={ids['person']}).contact_person_id)",
    )
    assert saved == created


def test_the_import_page_lists_errors_in_three_rows_in_row_order(page: Page, demo_server, tmp_path):
    """Issue 21 §3: a data manager can act on the problems: counted in Dutch, row by row."""
    login(page, demo_server, "beheerder")
    header = (
        "Referentie persoon;BSN;Naam;Geboortedatum;Gemeente;Regeling;Opleiding;Contactpersoon;"
        "Referentie werkgever;Werkgever;KvK-nummer;Sector;Referentie plaatsing;Functie;Route;"
        "Soort contract;Begindatum;Einddatum;Uren per week"
    )
    rows = [  # one problem in each: the BSN, the regime, the end date
        "x1;123456789;A. Een;01-01-1990;Woerden;Participatiewet;;;w1;Bakker;87654321;;;Inpakker;"
        "WSP;tijdelijk;01-01-2026;30-06-2026;20",
        "x2;111222333;B. Twee;01-01-1990;Woerden;Bijstand;;;w1;Bakker;87654321;;;Inpakker;WSP;"
        "tijdelijk;01-01-2026;30-06-2026;20",
        "x3;111222345;C. Drie;01-01-1990;Woerden;Participatiewet;;;w1;Bakker;87654321;;;Inpakker;"
        "WSP;tijdelijk;01-01-2026;30 juni;20",
    ]
    path = tmp_path / "lijst.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    page.goto(f"{demo_server['url']}/import/")
    page.set_input_files("#id_file", str(path))
    page.click("form.form button[type=submit]")
    summary = page.locator("#foutmeldingen")
    expect(summary).to_contain_text("3 problemen in lijst.csv")
    items = summary.locator("li").all_inner_texts()
    assert [item.split(",")[0] for item in items] == ["Rij 2", "Rij 3", "Rij 4"]
    assert "Participatiewet (gemeente) (participatiewet)" in items[1]
    assert "dag-maand-jaar" in items[2]


def test_klantmanager_registers_a_self_found_placement_from_nothing(page: Page, demo_server):
    """Issue 17 §1: someone who found a job themselves, entered on screens only, and the first
    signal it raises handled from the worklist."""
    from baanbehoud.persons.tests.factories import valid_bsn

    today = date.today()
    login(page, demo_server, "klantmanager")
    page.goto(demo_server["url"] + "/personen/")
    page.get_by_role("link", name="Persoon toevoegen").click()
    page.fill("#id_bsn", valid_bsn(99_001))
    page.fill("#id_name", "Noor Zelfgevonden")
    page.fill("#id_birth_date", "1999-05-17")
    page.select_option("#id_municipality", label="Houten")
    page.select_option("#id_regime", "wajong")  # the demo klantmanager works at UWV
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Noor Zelfgevonden")
    page.get_by_role("link", name="Plaatsing toevoegen").click()
    page.fill("#id_employer", "99887766")
    page.fill("#id_new_employer_name", "Fietsenmakerij Het Wiel")
    page.fill("#id_function", "Medewerker werkplaats")
    page.select_option("#id_route", "self")
    page.select_option("#id_kind", "proefplaatsing")
    page.fill("#id_start", (today - timedelta(days=7)).isoformat())
    page.fill("#id_end", (today + timedelta(days=50)).isoformat())
    page.fill("#id_hours_per_week", "16")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De plaatsing is toegevoegd.")
    # The new employer has no WSP contact yet: the worklist says so, and the action fixes it.
    page.goto(demo_server["url"] + "/signalen/?code=NO_CONTACT_PERSON")
    row = page.locator('tr[data-code="NO_CONTACT_PERSON"]', has_text="Noor Zelfgevonden")
    expect(row).to_contain_text("Fietsenmakerij Het Wiel")
    row.get_by_role("link", name=re.compile("^Contactpersoon werkgever kiezen")).click()
    page.select_option("#id_account_manager", index=1)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    page.goto(demo_server["url"] + "/signalen/?code=NO_CONTACT_PERSON")
    expect(
        page.locator('tr[data-code="NO_CONTACT_PERSON"]', has_text="Noor Zelfgevonden")
    ).to_have_count(0)


def test_accountmanager_adds_an_employer_with_a_contact_and_a_vacancy(page: Page, demo_server):
    """Issue 17: the accountmanager's week without the API or the admin."""
    login(page, demo_server, "accountmanager")
    expect(page.locator("h1")).to_have_text("Start")
    page.goto(demo_server["url"] + "/werkgevers/")
    page.get_by_role("link", name="Werkgever toevoegen").click()
    page.fill("#id_name", "Zorgboerderij De Linde")
    page.fill("#id_kvk", "55667788")
    page.select_option("#id_sector", "zorg")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Zorgboerderij De Linde")
    page.get_by_role("link", name="Contactpersoon toevoegen").click()
    page.fill("#id_name", "Petra Smit")
    page.fill("#id_function", "leidinggevende")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    page.get_by_role("link", name="Vacature toevoegen").click()
    page.fill("#id_title", "Dierverzorger")
    page.fill("#id_tasks", "Voeren en hokken schoonmaken.")
    page.fill("#id_hours_min", "12")
    page.fill("#id_hours_max", "24")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dierverzorger bij Zorgboerderij De Linde")
    expect(page.locator("main")).to_contain_text("Voeren en hokken schoonmaken.")
    page.get_by_role("link", name="Zorgboerderij De Linde").click()
    expect(page.locator("main")).to_contain_text("Petra Smit")
    expect(page.locator("main")).to_contain_text("Dierverzorger: 12 tot 24 uur per week")
    # The start page now lists the new employer as the accountmanager's own.
    page.goto(demo_server["url"] + "/")
    expect(page.locator("table", has_text="Zorgboerderij De Linde")).to_have_count(1)


def test_arbeidsdeskundige_records_a_load_capacity(page: Page, demo_server):
    login(page, demo_server, "arbeidsdeskundige")
    expect(page.locator("h1")).to_have_text("Wacht op belastbaarheid")
    link = page.get_by_role("link", name=re.compile("^Belastbaarheid vastleggen")).first
    name = (link.locator(".visually-hidden").inner_text()).removeprefix(" voor ").strip()
    link.click()
    expect(page.locator("h1")).to_have_text("Belastbaarheid vastleggen")
    page.fill("#id_hours_per_week", "20")
    page.get_by_label("Gaat achteruit").check()
    page.fill("#id_notes", "Geen zwaar tilwerk; vaste werktijden helpen.")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De belastbaarheid is vastgelegd.")
    expect(page.locator("table")).not_to_contain_text(name)


def test_a_lower_load_capacity_makes_the_next_hours_step_warn(page: Page, demo_server):
    """Issue 20 §4: an arbeidsdeskundige records a lower load capacity; the klantmanager's next
    build-up step with more hours is saved, but said out loud, on the form and the placement."""
    ids = demo_server["ids"]
    login(page, demo_server, "arbeidsdeskundige")
    page.goto(demo_server["url"] + f"/personen/{ids['person']}/belastbaarheid/")
    expect(page.locator("h1")).to_have_text("Belastbaarheid vastleggen")
    page.fill("#id_hours_per_week", "12")
    page.get_by_label("Gaat achteruit").check()
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De belastbaarheid is vastgelegd.")
    page.goto(demo_server["url"] + f"/personen/{ids['person']}/")
    expect(page.locator("ol.load-history li").first).to_contain_text("12 uur per week")
    expect(page.locator("ol.load-history li").first).to_contain_text("Verloop: gaat achteruit")

    page.context.clear_cookies()
    login(page, demo_server, "klantmanager")
    page.goto(demo_server["url"] + f"/plaatsingen/{ids['placement']}/urenopbouw/nieuw/")
    expect(page.locator(".notice")).to_contain_text("De belastbaarheid is 12 uur per week")
    page.fill("#id_from_date", "2099-01-04")
    page.fill("#id_hours_per_week", "20")
    page.fill("#id_review_date", "2099-02-01")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text(
        "Let op: 20 uur per week is meer dan de belastbaarheid van 12 uur per week"
    )
    step = page.locator("li", has_text="Vanaf 4 januari 2099")
    expect(step).to_contain_text("20 uur per week is meer dan de belastbaarheid")


def test_jobcoach_reads_back_a_risk_report_and_the_klantmanager_sees_it_first(
    page: Page, demo_server
):
    """Issue 17 §2: a report that sees a risk reaches the contact person at once."""
    found = shell(
        demo_server,
        (
            "from datetime import date, timedelta\n"
            "from baanbehoud.guidance.models import JobcoachTrajectory\n"
            "from baanbehoud.organisations.models import Organisation, User\n"
            "from baanbehoud.placements.models import Placement\n"
            "coach = User.objects.get(username='jobcoach')\n"
            "km = User.objects.get(username='klantmanager')\n"
            "p = next(p for p in Placement.objects.filter(person__contact_person=km, "
            "ending__isnull=True) if any(c.kind != 'proefplaatsing' and c.hours_per_week >= 12 "
            "and (c.end is None or c.end >= date.today()) for c in p.contracts.all()))\n"
            "JobcoachTrajectory.objects.create(ref='journey-risk', placement=p, "
            "organisation=coach.organisation, coach=coach, start=date.today() - timedelta(days=30))\n"
            "print(f'{p.pk}|{p.person.name}')"
        ),
    )
    placement, name = found.split("|", 1)
    login(page, demo_server, "jobcoach")
    page.get_by_role("link", name=f"Rapportage schrijven over {name}").click()
    page.fill("#id_how_it_goes", "Moeizaam sinds de nieuwe leidinggevende.")
    page.fill("#id_advice", "Gesprek met werkgever en werknemer plannen.")
    page.check("#id_risk")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De rapportage is opgeslagen.")
    page.context.clear_cookies()
    login(page, demo_server, "klantmanager")
    concerns = page.locator("table", has_text="Iemand trekt aan de bel")
    expect(concerns.first).to_contain_text(name)
    page.goto(f"{demo_server['url']}/plaatsingen/{placement}/")
    expect(page.locator("main")).to_contain_text("Moeizaam sinds de nieuwe leidinggevende.")
    expect(page.locator("main")).to_contain_text("De jobcoach ziet een risico voor de baan")


def test_worker_and_supervisor_fill_the_demo_iop_and_the_klantmanager_compares(
    page: Page, demo_server
):
    """Issue 17: the demo's IOP, end to end — the worker, their supervisor and their
    klantmanager, each on their own account."""
    evaluation = shell(
        demo_server,
        (
            "from baanbehoud.guidance.models import Evaluation\n"
            "from baanbehoud.organisations.models import User\n"
            "worker = User.objects.get(username='werknemer')\n"
            "print(Evaluation.objects.filter(placement__person=worker.person, kind='iop')"
            ".latest('date').pk)"
        ),
    )
    url = f"/evaluaties/{evaluation}/invullen/"
    for username, score, words in (
        ("werknemer", "4", "Ik wil graag meer uren werken."),
        ("werkgever", "2", "Het tempo moet nog omhoog."),
    ):
        page.context.clear_cookies()
        login(page, demo_server, username)
        # Their start page offers the IOP (another test may have added a newer evaluation).
        expect(page.locator("a[href$='/invullen/']").first).to_be_visible()
        page.goto(demo_server["url"] + url)
        for radio in page.query_selector_all(f"input[type=radio][value='{score}']"):
            radio.check()
        page.fill("#id_remarks", words)
        with page.expect_navigation():
            page.click("form.form button[type=submit]")
        expect(page.locator(".message")).to_contain_text("Dank u wel")
    page.context.clear_cookies()
    login(page, demo_server, "klantmanager")
    page.goto(f"{demo_server['url']}/evaluaties/{evaluation}/")
    main = page.locator("main")
    expect(main).to_contain_text("Werknemer: ingevuld.")
    expect(main).to_contain_text("Leidinggevende: ingevuld.")
    expect(main).to_contain_text("Ik wil graag meer uren werken.")
    expect(main).to_contain_text("Het tempo moet nog omhoog.")
    expect(page.locator("tr.differs").first).to_be_visible()


def test_klantmanager_filters_sorts_saves_a_view_and_opens_it_from_the_menu(
    page: Page, demo_server
):
    """Issue 18 §2 and §3: a filtered, sorted list in the URL, saved under a name, in the menu."""
    login(page, demo_server, "klantmanager")
    page.goto(demo_server["url"] + "/personen/")
    page.get_by_label("Vaste contactpersoon").select_option(label="Mijn personen")
    page.get_by_label("Werk", exact=True).select_option(label="Aan het werk")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    assert "contactpersoon=ik" in page.url and "werk=lopend" in page.url
    caption = page.locator("table.cards caption").inner_text()
    assert re.match(r"\d+ perso(on|nen)", caption)
    with page.expect_navigation():
        page.get_by_role("link", name="Gemeente").click()
    assert "sorteer=gemeente" in page.url
    towns = page.locator('td[data-label="Gemeente"]').all_inner_texts()
    assert towns == sorted(towns)
    page.get_by_text("Deze weergave bewaren").click()
    page.get_by_label("Naam van de weergave").fill("Mijn werkenden")
    with page.expect_navigation():
        page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("De weergave 'Mijn werkenden' is bewaard.")).to_be_visible()
    page.goto(demo_server["url"] + "/signalen/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Mijn weergaven").get_by_role(
            "link", name="Mijn werkenden"
        ).click()
    assert "contactpersoon=ik" in page.url and "sorteer=gemeente" in page.url
    expect(page.get_by_label("Werk", exact=True)).to_have_value("lopend")
    # Remove it again (the demo server is shared by the other journeys).
    page.goto(demo_server["url"] + "/weergaven/")
    with page.expect_navigation():
        page.get_by_role("button", name="Verwijderen Mijn werkenden").click()
    expect(page.get_by_text("U hebt nog geen weergaven bewaard.")).to_be_visible()


def test_a_task_package_to_a_proefplaatsing_through_an_anonymous_proposal(page: Page, demo_server):
    """Issue 19: the accountmanager records a task package, sees ranked candidates with their
    reasons and proposes one; the employer sees an anonymous profile and says interested; the
    klantmanager starts the proefplaatsing from it."""
    ids = demo_server["ids"]
    login(page, demo_server, "accountmanager")
    page.goto(demo_server["url"] + f"/werkgevers/{ids['werkgever_employer']}/")
    page.get_by_role("link", name="Vacature toevoegen").click()
    page.fill("#id_title", "Gastheer in het restaurant")
    page.fill("#id_tasks", "Tafels dekken, gasten ontvangen, afruimen.")
    page.fill("#id_hours_min", "12")
    page.fill("#id_hours_max", "32")
    page.check("#id_buddy")
    page.check("#id_supervision")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Gastheer in het restaurant bij")
    page.get_by_role("link", name="Kandidaten zoeken").click()
    expect(page.locator("h1")).to_contain_text("Kandidaten voor Gastheer in het restaurant")
    first = page.locator("ol.matches > li").first
    first.locator("summary").click()
    expect(first.locator(".match-items")).to_contain_text("Uren:")
    # a candidate the klantmanager follows as well (the demo's klantmanager works at UWV)
    links = page.locator("ol.matches a", has_text="Voorstellen")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    chosen = next(h for h in hrefs if int(h.rstrip("/").split("/")[-1]) in ids["km_candidates"])
    person = int(chosen.rstrip("/").split("/")[-1])
    with page.expect_navigation():  # the name is read from the next page's heading
        page.locator(f'a[href="{chosen}"]').click()
    name = page.locator("h1").inner_text().removesuffix(" voorstellen")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")  # without consent first
    expect(page.locator("#foutmeldingen")).to_contain_text("Vraag eerst de kandidaat")
    page.check("#id_consent")
    page.fill("#id_note", "Gastvrij en rustig; wil graag in een team werken.")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De kandidaat is voorgesteld")

    page.context.clear_cookies()
    login(page, demo_server, "werkgever")
    page.get_by_role("link", name="Voorgestelde kandidaten").click()
    section = page.locator("section.proposal", has_text="Gastheer in het restaurant")
    expect(section).to_contain_text("Gastvrij en rustig")
    expect(page.locator("main")).not_to_contain_text(name)  # anonymous
    section.get_by_role("link", name=re.compile("^Antwoord geven")).click()
    page.get_by_label("Ja, ik wil kennismaken").check()
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Uw antwoord is opgeslagen")

    page.context.clear_cookies()
    login(page, demo_server, "klantmanager")
    page.goto(demo_server["url"] + f"/personen/{person}/")
    item = page.locator("ul.proposals > li", has_text="Gastheer in het restaurant")
    expect(item).to_contain_text("werkgever wil kennismaken")
    item.get_by_role("link", name=re.compile("^Proefplaatsing starten")).click()
    with page.expect_navigation():
        page.click("form.form button[type=submit]")  # the proposed dates and hours
    expect(page.locator(".message")).to_contain_text("De proefplaatsing is vastgelegd")
    expect(page.locator("main")).to_contain_text("Gastheer in het restaurant")
    expect(page.locator("main")).to_contain_text("Proefplaatsing")


def test_employer_reports_sick_the_contact_person_sees_who_acts_and_recovery_closes_it(
    page: Page, demo_server
):
    """Issue 20 §1: the werkgever reports an employee sick (since 40 days: week 6); the
    klantmanager finds it on the worklist, sees who acts and the Poortwachter steps with the
    problem analysis due this week; recovery closes it."""
    ids = demo_server["ids"]
    placement = ids["employer_placement"]
    first_day = date.today() - timedelta(days=40)
    login(page, demo_server, "werkgever")
    expect(page.locator("h1")).to_have_text("Mijn medewerkers in de banenafspraak")
    page.locator(f"a[href='/plaatsingen/{placement}/ziekmelding/']").click()
    expect(page.locator("h1")).to_have_text("Ziek melden")
    page.fill("#id_first_day", first_day.isoformat())
    page.get_by_label("Werkt nog een deel van de uren").check()
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De ziekmelding is opgeslagen.")
    expect(page.locator("h1")).to_contain_text("Ziekmelding van")
    report_url = page.url.removeprefix(demo_server["url"])

    page.context.clear_cookies()
    login(page, demo_server, "klantmanager")
    page.goto(demo_server["url"] + f"/plaatsingen/{placement}/")
    page.locator(f"a[href='{report_url}']").first.click()
    expect(page.locator("h1")).to_contain_text("Ziekmelding van")
    expect(page.locator("h2", has_text="Wie is aan zet?")).to_be_visible()
    expect(page.locator("dl.who-acts")).to_contain_text("Wet verbetering poortwachter")
    expect(page.locator("dl.who-acts")).to_contain_text("Ziektewet")
    week6 = page.locator("table.milestones tr", has_text="probleemanalyse")
    expect(week6).to_contain_text("Deze week")
    expect(page.locator("table.milestones tr", has_text="plan van aanpak")).to_contain_text("Vanaf")
    # On the worklist: reported (until a contact) or this week's step (until a contact in it).
    assert sick_rows(page, demo_server, report_url) >= 1

    page.goto(demo_server["url"] + report_url)
    page.fill("#id_recovered_on", date.today().isoformat())
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("De ziekmelding is klaar.")
    expect(page.locator("table.milestones")).to_have_count(0)
    assert sick_rows(page, demo_server, report_url) == 0


def sick_rows(page: Page, demo_server: dict[str, Any], report_url: str) -> int:
    """The worklist rows that lead to this sick report, of both its signals."""
    found = 0
    for code in ("SICK_REPORTED", "POORTWACHTER_CHECK"):
        page.goto(demo_server["url"] + f"/signalen/?code={code}")
        expect(page.locator("h1")).to_be_visible()
        found += page.locator(f"a[href='{report_url}']").count()
    return found
