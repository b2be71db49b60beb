"""Warnings on contracts (docs/rules.md §4): allowed, but shown so someone looks again."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements import domain
from baanbehoud.placements.domain import (
    ContractKind,
    ContractSpan,
    contract_warnings,
    max_probation_months,
)

from .factories import ContractFactory, PlacementFactory

D = date.fromisoformat
TRIAL = ContractSpan(ContractKind.PROEFPLAATSING, D("2025-01-06"), D("2025-03-05"), Decimal(12))


def period(kind, start, end, hours=12, probation=None, reason=""):
    return ContractSpan(
        ContractKind(kind),
        D(start),
        D(end) if end else None,
        Decimal(hours),
        D(probation) if probation else None,
        reason,
    )


@pytest.mark.parametrize(
    ("kind", "start", "end", "months"),
    [
        ("temporary", "2025-01-01", "2025-06-30", 0),  # exactly six months: no probation
        ("temporary", "2025-01-01", "2025-07-01", 1),  # longer than six months
        ("temporary", "2025-01-01", "2026-12-30", 1),  # one day short of two years
        ("temporary", "2025-01-01", "2026-12-31", 2),  # two years
        ("temporary", "2025-01-01", None, 1),  # no end date
        ("permanent", "2025-01-01", None, 2),
    ],
)
def test_probation_limits_of_art_7_652(kind, start, end, months):
    assert max_probation_months(period(kind, start, end)) == months


def test_probation_longer_than_allowed_is_a_warning_on_the_probation_field():
    warnings = contract_warnings(
        [period("temporary", "2025-01-01", "2025-12-31", probation="2025-02-01")]
    )
    assert [(w.index, w.field, w.message) for w in warnings] == [
        (
            0,
            "probation_end",
            "De proeftijd van dit contract mag hoogstens 1 maand zijn (art. 7:652 BW).",
        )
    ]
    assert (
        contract_warnings([period("temporary", "2025-01-01", "2025-12-31", probation="2025-01-31")])
        == []
    )


def test_no_probation_in_a_short_temporary_contract():
    warnings = contract_warnings(
        [period("temporary", "2025-01-01", "2025-06-30", probation="2025-01-14")]
    )
    assert warnings[0].message.startswith(
        "Een tijdelijk contract van zes maanden of korter mag geen proeftijd"
    )


def test_no_probation_after_a_proefplaatsing():
    warnings = contract_warnings(
        [TRIAL, period("temporary", "2025-03-06", "2025-12-31", probation="2025-03-20")]
    )
    assert [(w.index, w.message) for w in warnings] == [(1, domain.MSG_PROBATION_AFTER_PROEF)]


def test_the_contract_after_a_proefplaatsing_keeps_the_promise():
    assert contract_warnings([TRIAL, period("temporary", "2025-03-06", "2025-09-05")]) == []
    short = contract_warnings([TRIAL, period("temporary", "2025-03-06", "2025-09-04")])
    fewer_hours = contract_warnings(
        [TRIAL, period("temporary", "2025-03-06", "2025-12-31", hours=10)]
    )
    assert [w.message for w in short] == [domain.MSG_PROMISE_AFTER_PROEF]
    assert [w.message for w in fewer_hours] == [domain.MSG_PROMISE_AFTER_PROEF]


def test_a_proefplaatsing_over_two_months_needs_a_reason():
    long = period("proefplaatsing", "2025-01-06", "2025-04-05")
    assert [w.message for w in contract_warnings([long])] == [domain.MSG_PROEF_LONG_WITHOUT_REASON]
    explained = period(
        "proefplaatsing", "2025-01-06", "2025-04-05", reason="Meer tijd nodig om te leren."
    )
    assert contract_warnings([explained]) == []
    assert contract_warnings([TRIAL]) == []  # two months: standard


@pytest.mark.django_db
def test_the_placement_page_shows_the_warning_on_the_contract(client):
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="proefplaatsing", start=D("2025-01-06"), end=D("2025-03-05")
    )
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=D("2025-03-06"),
        end=D("2025-12-31"),
        probation_end=D("2025-03-20"),
    )
    client.force_login(
        UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    )
    html = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert (
        "Na een proefplaatsing bij dezelfde werkgever mag dit contract geen proeftijd hebben."
        in html
    )
