"""Every page each role can reach, on the demo data, passes axe-core (WCAG 2.0/2.1 A and AA)
with zero violations; forms with errors put the focus on the error summary; at 320 px no page
scrolls sideways; titles are unique and start with "Fout: " on errors; the language is Dutch."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import login

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pages_by_role(ids: dict[str, Any]) -> dict[str, list[tuple[str, bool]]]:
    """(path, submit the form empty to see its errors) per demo login."""
    p, person, employer, t, e = (
        ids["placement"],
        ids["person"],
        ids["employer"],
        ids["trajectory"],
        ids["evaluation"],
    )
    return {
        "": [("/inloggen/", True), ("/toegankelijkheid/", False), ("/bestaat-niet/", False)],
        "klantmanager": [
            ("/", False),
            ("/zoeken/", False),
            ("/signalen/", False),
            ("/signalen/?weergave=team", False),
            ("/signalen/agenda/", False),
            ("/personen/", False),
            (f"/personen/{person}/", False),
            (f"/plaatsingen/{p}/", False),
            (f"/plaatsingen/{p}/contract/nieuw/", True),
            (f"/contracten/{ids['contract']}/corrigeren/", True),
            (f"/contracten/{ids['contract']}/intrekken/", True),
            (f"/plaatsingen/{p}/einde/", True),
            (f"/plaatsingen/{ids['ended']}/", False),  # with its aftercare after the loss
            (f"/plaatsingen/{ids['ended']}/nazorg-stoppen/", True),
            (f"/contracten/{ids['temporary_contract']}/voornemen/", True),
            (f"/plaatsingen/{p}/contact/nieuw/", True),
            (f"/plaatsingen/{p}/evaluatie/nieuw/", False),
            (f"/plaatsingen/{p}/urenopbouw/nieuw/", True),
            (f"/plaatsingen/{p}/voorziening/nieuw/", True),
            (f"/plaatsingen/{p}/jobcoaching/nieuw/", False),
            (f"/personen/{person}/contactpersoon/", False),
            (f"/personen/{person}/profiel/", False),
            (f"/personen/{person}/uitnodigen/", True),
            ("/werkgevers/", False),
            (f"/werkgevers/{employer}/", False),
            (f"/werkgevers/{employer}/contactpersoon/", False),
            (f"/werkgevers/{employer}/uitnodigen/", True),
            ("/personen/nieuw/", True),
            (f"/personen/{person}/plaatsing/nieuw/", True),
            ("/werkgevers/nieuw/", True),
            (f"/werkgevers/{employer}/contacten/nieuw/", True),
            (f"/werkgevers/{employer}/vacatures/nieuw/", True),
            ("/zonder-contactpersoon/", False),
            ("/personen/?contactpersoon=ik&werk=lopend&sorteer=-gemeente&gemeente=99", False),
            ("/plaatsingen/?stand=", False),
            ("/vacatures/", False),
            ("/weergaven/", False),
            (f"/evaluaties/{e}/", False),
            ("/rapportages/", False),
            ("/rapportages/kwartaal/", False),
            ("/rapportages/uitvoering/", False),
            ("/taken/", False),
            (f"/plaatsingen/{ids['assessed_placement']}/urenopbouw/nieuw/", True),
            (f"/plaatsingen/{ids['assessed_placement']}/", False),
            (f"/plaatsingen/{ids['self_found']}/", False),  # the offer to the employer
            (f"/plaatsingen/{ids['self_found']}/aanbod-besproken/", True),
            (f"/ziekmeldingen/{ids['sick_report']}/", False),  # who acts, the Poortwachter
            (f"/zorgsignalen/{ids['private_concern']}/buurtteam/", True),
            (f"/plaatsingen/{ids['wage_placement']}/loonwaarde/", True),  # with its history
            ("/voortrajecten/", False),
            (f"/personen/{person}/voortraject/", True),
            (f"/personen/{person}/werkfit/", True),
            (f"/voorstellen/{ids['proposal_yes']}/kennismaking/", True),
            (f"/voorstellen/{ids['proposal_yes']}/proefplaatsing/", True),
            (f"/voorstellen/{ids['proposal_yes']}/stoppen/", True),
        ],
        "beleidsmedewerker": [
            ("/rapportages/", False),
            ("/rapportages/kwartaal/", False),
            ("/rapportages/duurzaamheid/", False),
            ("/rapportages/redenen/", False),
            ("/rapportages/uitvoering/", False),
            ("/rapportages/kwartaal/?van=2026-01-01&tot=2025-01-01", False),
            ("/voortrajecten/", False),
        ],
        "accountmanager": [
            ("/", False),
            ("/werkgevers/", False),
            (f"/vacatures/{ids['vacancy']}/", False),
            (f"/vacatures/{ids['vacancy']}/kandidaten/", False),
            (f"/vacatures/{ids['vacancy']}/wijzigen/", True),
            (f"/personen/{ids['candidate']}/passend-werk/", False),
            (f"/vacatures/{ids['vacancy']}/voorstellen/{ids['candidate']}/", True),
        ],
        "werknemer": [
            ("/mijn/", False),
            ("/mijn/profiel/", False),
            ("/rapportages/", False),
            (f"/plaatsingen/{ids['worker_placement']}/ziekmelding/", True),
        ],
        "arbeidsdeskundige": [
            ("/personen/", False),
            (f"/personen/{person}/", False),
            ("/belastbaarheid/", False),
            (f"/personen/{person}/belastbaarheid/", True),
            (f"/personen/{ids['assessed_person']}/belastbaarheid/", True),  # with a history
        ],
        "werkgever": [
            ("/mijn-medewerkers/", False),
            (f"/plaatsingen/{ids['employer_placement']}/", False),
            ("/mijn-voorstellen/", False),
            (f"/voorstellen/{ids['proposal_waiting']}/antwoord/", True),
            (f"/plaatsingen/{ids['employer_placement']}/ziekmelding/", True),
        ],
        "jobcoach": [("/jobcoach/", False)]
        + (
            [(f"/jobcoaching/{t}/uren/", True), (f"/jobcoaching/{t}/rapportage/", True)]
            if t
            else []
        ),
        "beheerder": [
            ("/import/", True),
            ("/export/", False),
            ("/taken/", False),
            ("/beheer/", False),
            ("/beheer/organisations/organisation/", False),
            ("/beheer/organisations/user/", False),
            (f"/beheer/organisations/user/{ids['user']}/change/", False),
            ("/beheer/placements/endingreason/", False),
            ("/beheer/placements/endingreason/1/change/", False),
            ("/beheer/signals/signalsettings/", False),
            ("/beheer/reports/reportsettings/add/", False),
            ("/avg/", True),
            (f"/avg/personen/{person}/", False),
            (f"/avg/personen/{person}/inzage/", False),
            (f"/avg/personen/{person}/anonimiseren/", True),
        ],
    }


# Error pages are pages too: the 404 page, and the 403 page of a worker who opens the reports.
EXPECTED_ERRORS = {"": ("/bestaat-niet/",), "werknemer": ("/rapportages/",)}


def check_page(page: Any, axe: Axe, label: str) -> list[str]:
    problems = []
    results = axe.run(page, options=WCAG)
    for violation in results.response["violations"]:
        targets = [n["target"] for n in violation["nodes"]][:3]
        problems.append(
            f"{label}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}"
        )
    page.set_viewport_size({"width": 390, "height": 800})
    for violation in axe.run(page, options=WCAG).response["violations"]:
        targets = [n["target"] for n in violation["nodes"]][:3]
        problems.append(
            f"{label} at 390 px: {violation['id']} ({violation['impact']}): {violation['help']} "
            f"{targets}"
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    if page.get_attribute("html", "lang") != "nl":
        problems.append(f"{label}: html lang is not nl")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )
    if overflow:
        problems.append(f"{label}: scrolls horizontally at 320 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


# One test per role (the klantmanager's many pages in two halves), so that the test processes
# share the work: together they visit every page of pages_by_role.
PARTS = [
    ("", slice(None)),
    ("klantmanager", slice(0, 14)),
    ("klantmanager", slice(14, 28)),
    ("klantmanager", slice(28, None)),
    ("beleidsmedewerker", slice(None)),
    ("accountmanager", slice(None)),
    ("werknemer", slice(None)),
    ("arbeidsdeskundige", slice(None)),
    ("werkgever", slice(None)),
    ("jobcoach", slice(None)),
    ("beheerder", slice(0, 8)),
    ("beheerder", slice(8, None)),
]


def test_the_parts_cover_every_role():
    ids = {k: 1 for k in ("placement", "person", "employer", "trajectory", "evaluation",
                          "contract", "user", "employer_placement", "ended",
                          "temporary_contract", "vacancy", "candidate", "proposal_waiting",
                          "proposal_yes", "assessed_person", "assessed_placement",
                          "self_found", "worker_placement", "sick_report",
                          "private_concern", "wage_placement")}  # fmt: skip
    assert {role for role, _part in PARTS} == set(pages_by_role(ids))


@pytest.mark.parametrize(
    ("role", "part"),
    PARTS,
    ids=[f"{role or 'anoniem'}-{part.start or 0}" for role, part in PARTS],
)
def test_every_page_passes_axe_with_zero_violations(browser, demo_server, capsys, role, part):
    axe = Axe()
    problems: list[str] = []
    visited: list[str] = []
    titles: dict[str, str] = {}
    pages = pages_by_role(demo_server["ids"])[role][part]
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # The Content-Security-Policy forbids inline script and style: the browser reports
    # anything it blocked on the console.
    page.on(
        "console",
        lambda message, role=role: (
            problems.append(f"{role}: console: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )

    def second_step(step_page: Any, role: str = role) -> None:
        label = f"{role} {step_page.url.split('?')[0].removeprefix(demo_server['url'])}"
        visited.append(label)
        problems.extend(check_page(step_page, axe, label))

    if role:
        login(page, demo_server, role, on_second_step=second_step)
    if role == "arbeidsdeskundige":  # log in again: now the app is set up, the code is asked
        context.clear_cookies()
        login(page, demo_server, role, on_second_step=second_step)
    for path, submit_empty in pages:
        response = page.goto(demo_server["url"] + path)
        label = f"{role or 'anoniem'} {path}"
        expected_error = "tot=2025" in path or path in EXPECTED_ERRORS.get(role, ())
        if response is None or (response.status >= 400 and not expected_error):
            problems.append(f"{label}: HTTP {response.status if response else '?'}")
            continue
        visited.append(label)
        base = path.split("?")[0]
        if titles.setdefault(page.title(), base) != base:
            problems.append(
                f"{label}: title '{page.title()}' is also the title of {titles[page.title()]}"
            )
        problems.extend(check_page(page, axe, label))
        if submit_empty:
            for field in page.query_selector_all(
                "form.form input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=file]),"
                " form.form textarea"
            ):
                field.fill("")
            with page.expect_navigation():  # read the answer, not the page being left
                page.click("form.form button[type=submit]")
            error_label = f"{label} (met fouten)"
            visited.append(error_label)
            if not page.title().startswith("Fout: "):
                problems.append(f"{error_label}: title does not start with 'Fout: '")
            # autofocus is applied at the next rendering step: wait for it, briefly.
            try:
                # (a selector, not wait_for_function: that evaluates a string, which the
                # page's CSP forbids in current Chromium)
                page.wait_for_selector("#foutmeldingen:focus", timeout=2000)
            except PlaywrightTimeout:
                focused = page.evaluate("document.activeElement && document.activeElement.id")
                problems.append(f"{error_label}: focus is on '{focused}', not on the error summary")
            for link in page.query_selector_all(".error-summary a"):
                target = (link.get_attribute("href") or "#")[1:]
                if target and not page.query_selector(f"[id='{target}']"):
                    problems.append(f"{error_label}: summary link #{target} points at nothing")
            problems.extend(check_page(page, axe, error_label))
    context.close()
    with capsys.disabled():
        print(f"\naxe: {len(visited)} pages visited:\n  " + "\n  ".join(visited))
    assert len(visited) >= len(pages)
    assert problems == [], "\n".join(problems)


def test_focus_is_always_visible_when_tabbing(page, demo_server):
    page.goto(demo_server["url"] + "/inloggen/")
    for _ in range(4):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
        )
        assert (style[0] != "none" and style[1] != "0px") or style[2] != "none", style
