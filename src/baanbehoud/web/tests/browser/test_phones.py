"""Issue 18 §5: on a phone (390 px wide) every list shows each row as a card — every column and
every action on screen, no sideways scrolling — for each role's main lists."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.browser

PAGES = {
    "klantmanager": ["/", "/signalen/", "/signalen/?weergave=team", "/personen/", "/werkgevers/"],
    "werkgever": ["/mijn-medewerkers/"],
    "jobcoach": ["/jobcoach/"],
}


def off_screen(page: Page) -> list[str]:
    """Links and cells in the lists that reach past the right edge, and sideways scrolling."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const found = [];
            if (document.documentElement.scrollWidth > width + 1) found.push('page scrolls sideways');
            for (const box of document.querySelectorAll('.table-scroll')) {
                if (box.scrollWidth > box.clientWidth + 1) found.push('a table scrolls sideways');
            }
            for (const el of document.querySelectorAll('table.cards a, table.cards td')) {
                const r = el.getBoundingClientRect();
                if (r.width && r.right > width + 1) found.push(el.textContent.trim().slice(0, 40));
            }
            return found;
        }"""
    )


@pytest.mark.parametrize("role", sorted(PAGES))
def test_lists_are_cards_on_a_phone(page: Page, demo_server, role):
    login(page, demo_server, role)
    page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for path in PAGES[role]:
        page.goto(demo_server["url"] + path)
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("table.cards").count() > 0 or path == "/", path
        problems += [f"{path}: {p}" for p in off_screen(page)]
    assert problems == []
