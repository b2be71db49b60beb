"""Issue 20 §2 (report §2.2.1, footnote 8): employers overestimate the risk of a permanent
contract because they do not know the no-risk polis. Per person whether it applies and until
when, by the region's rule for the regime; in plain words on the placement page (the employer
included) and on the form where the employer's contract decision is recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.domain import (
    DEFAULT_NO_RISK_RULES,
    NoRisk,
    no_risk,
    no_risk_rules,
    no_risk_text,
)
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory

D = date.fromisoformat


@pytest.mark.parametrize(
    ("regime", "rule", "start", "on", "expected"),
    [
        # The doelgroepregister: as long as the person is registered — no end the product knows.
        ("participatiewet", "while_registered", "2020-03-01", "2040-01-01", NoRisk(True)),
        ("wajong", "while_registered", None, "2026-11-30", NoRisk(True)),
        # N years from the first day of the employment: the last day is covered, the next not.
        ("other", "years:5", "2022-03-01", "2027-02-28", NoRisk(True, D("2027-02-28"), 5)),
        ("other", "years:5", "2022-03-01", "2027-03-01", NoRisk(False, D("2027-02-28"), 5)),
        ("other", "years:5", "2024-02-29", "2025-01-01", NoRisk(True, D("2029-02-28"), 5)),
        ("other", "years:5", "2024-03-01", "2029-02-28", NoRisk(True, D("2029-02-28"), 5)),
        ("other", "years:1", "2024-01-31", "2025-01-30", NoRisk(True, D("2025-01-30"), 1)),
        # A start on 1 March ends on 29 February when the last year is a leap year (the
        # property test below found 28 February: a day lost to the calendar).
        ("other", "years:3", "2001-03-01", "2004-02-29", NoRisk(True, D("2004-02-29"), 3)),
        ("other", "years:3", "2001-03-01", "2004-03-01", NoRisk(False, D("2004-02-29"), 3)),
        ("other", "years:4", "2024-02-29", "2028-02-28", NoRisk(True, D("2028-02-28"), 4)),
        ("other", "years:1", "2024-01-31", "2025-01-31", NoRisk(False, D("2025-01-30"), 1)),
        # Before the work started: N years from the first day, no date yet.
        ("other", "years:2", None, "2026-11-30", NoRisk(True, None, 2)),
        ("other", "none", "2022-03-01", "2022-03-01", NoRisk(False)),
    ],
)
def test_the_rule_table(regime, rule, start, on, expected):
    rules = no_risk_rules({regime: rule})
    assert no_risk(regime, D(start) if start else None, D(on), rules) == expected


def test_the_defaults_and_a_region_that_changes_one():
    assert no_risk_rules(None) == DEFAULT_NO_RISK_RULES
    assert no_risk_rules({"other": "none"}) == {**DEFAULT_NO_RISK_RULES, "other": "none"}


@pytest.mark.parametrize(
    ("configured", "message"),
    [
        ({"wajongers": "while_registered"}, "onbekende regeling 'wajongers'"),
        ({"other": "years:0"}, "regel 'years:0' voor 'other' is onbekend"),
        ({"other": "forever"}, "regel 'forever' voor 'other' is onbekend"),
    ],
)
def test_a_wrong_table_is_refused(configured, message):
    with pytest.raises(ValueError, match=message):
        no_risk_rules(configured)


def test_the_plain_words():
    assert no_risk_text(NoRisk(True), "Sanne") == (
        "Wordt Sanne ziek? Dan betaalt UWV de Ziektewet-uitkering (de no-riskpolis). U betaalt "
        "het loon door en krijgt het geld terug van UWV. Dat geldt ook bij een vast contract, "
        "zolang Sanne in het doelgroepregister staat."
    )
    assert no_risk_text(NoRisk(True, D("2027-02-28"), 5), "Sanne").endswith(
        "Dat geldt ook bij een vast contract, tot en met 28 februari 2027."
    )
    assert no_risk_text(NoRisk(True, None, 5), "Sanne").endswith(
        "Dat geldt ook bij een vast contract, 5 jaar vanaf de eerste werkdag."
    )
    assert no_risk_text(NoRisk(False), "Sanne").startswith(
        "Voor Sanne geldt de no-riskpolis niet (meer)."
    )


@pytest.fixture
def placement(db):
    placement = PlacementFactory.create(person__name="Sanne de Wit", person__regime="other")
    ContractFactory.create(
        placement=placement, kind="temporary", start=D("2024-03-01"), end=D("2099-02-28")
    )
    return placement


def test_the_employer_reads_it_on_the_placement_page(client, placement, settings):
    employer = UserFactory.create(
        role=Role.WERKGEVER, employer=placement.employer, organisation=None
    )
    client.force_login(employer)
    url = reverse("placement-detail", args=[placement.pk])
    html = client.get(url).content.decode()
    assert "Wordt Sanne ziek? Dan betaalt UWV de Ziektewet-uitkering" in html
    assert (
        "Dat geldt ook bij een vast contract, tot en met 28 februari 2029." in html
    )  # 5 years from 1 March 2024
    assert "de Wit" not in html  # the employer knows the worker by first name
    settings.BAANBEHOUD_NO_RISK_RULES = {"other": "none"}
    html = client.get(url).content.decode()
    assert "Voor Sanne geldt de no-riskpolis niet (meer)." in html


def test_the_contract_decision_form_tells_it_to_say_to_the_employer(client, placement):
    manager = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    client.force_login(manager)
    contract = placement.contracts.get()
    html = client.get(reverse("intention-new", args=[contract.pk])).content.decode()
    assert "Vertel de werkgever: Wordt Sanne de Wit ziek? Dan betaalt UWV" in html


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    years=st.integers(min_value=1, max_value=10),
)
def test_n_years_cover_the_first_day_to_the_day_before_the_anniversary(start, years):
    rules = no_risk_rules({"other": f"years:{years}"})
    cover = no_risk("other", start, start, rules)
    assert cover.applies and cover.until is not None
    assert no_risk("other", start, cover.until, rules).applies
    assert not no_risk("other", start, cover.until + timedelta(days=1), rules).applies
    # N calendar years: 365 or 366 days each, never a day more or less.
    assert 365 * years <= (cover.until - start).days + 1 <= 366 * years
    if (start.month, start.day) != (2, 29):
        assert cover.until + timedelta(days=1) == start.replace(year=start.year + years)


# Issue 20 §7 (Summary §4): an employer who recruited the worker themselves, without a jobcoach,
# hears once what jobcoaching and the no-risk polis offer; the contact person records it.


@pytest.fixture
def self_found(db):
    placement = PlacementFactory.create(
        person__name="Sanne de Wit", person__regime="participatiewet", route="self"
    )
    ContractFactory.create(
        placement=placement, kind="temporary", start=D("2026-03-01"), end=D("2099-02-28")
    )
    manager = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    employer = UserFactory.create(
        role=Role.WERKGEVER, employer=placement.employer, organisation=None
    )
    return placement, manager, employer


OFFER = "Zelf gevonden baan: wat er kan"


def test_the_offer_shows_until_the_contact_person_records_it_was_discussed(client, self_found):
    placement, manager, employer = self_found
    page = reverse("placement-detail", args=[placement.pk])
    client.force_login(employer)
    html = client.get(page).content.decode()
    assert OFFER in html and "Een jobcoach helpt de werknemer en u" in html
    assert "minstens 12 uur per week, tot 52 uur per jaar, 2 jaar lang" in html
    assert "Wordt Sanne ziek? Dan betaalt UWV" in html
    client.force_login(manager)
    html = client.get(page).content.decode()
    url = reverse("offer-discussed", args=[placement.pk])
    assert OFFER in html and url in html
    form = client.get(url).content.decode()
    assert "Vertel de werkgever één keer wat er kan" in form
    future = client.post(url, {"offer_discussed_on": "2099-01-01"})
    assert future.status_code == 400 and 'href="#id_offer_discussed_on"' in future.content.decode()
    assert client.post(url, {"offer_discussed_on": "2026-11-02"}).status_code == 302
    html = client.get(page).content.decode()
    assert OFFER not in html
    assert "besproken met de werkgever op 2 november 2026 door" in html
    client.force_login(employer)
    assert OFFER not in client.get(page).content.decode()  # once


def test_a_second_record_keeps_the_first(client, self_found):
    from baanbehoud.placements.services import offer_discussed_record

    placement, manager, _employer = self_found
    other = UserFactory.create(role=Role.KLANTMANAGER, organisation=manager.organisation)
    offer_discussed_record(user=manager, placement=placement, day=D("2026-11-02"))
    offer_discussed_record(user=other, placement=placement, day=D("2026-11-20"))
    placement.refresh_from_db()
    assert (placement.offer_discussed_on, placement.offer_discussed_by) == (
        D("2026-11-02"),
        manager,
    )


@pytest.mark.parametrize(
    ("route", "coached", "shown"),
    [("self", False, True), ("self", True, False), ("wsp", False, False)],
)
def test_only_for_a_self_found_job_without_a_jobcoach(client, self_found, route, coached, shown):
    from baanbehoud.guidance.models import JobcoachTrajectory
    from baanbehoud.organisations.tests.factories import OrganisationFactory

    placement, manager, _employer = self_found
    placement.route = route
    placement.save()
    if coached:
        JobcoachTrajectory.objects.create(
            placement=placement, organisation=OrganisationFactory.create(kind="jobcoach"),
            start=D("2026-03-01"),
        )  # fmt: skip
    client.force_login(manager)
    html = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert (OFFER in html) == shown
