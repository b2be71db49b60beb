"""The loonwaarde on screen (issue 20 §3; report §4.2.5): the contact person records a
measurement; the page shows the history, the subsidy that follows and when it is measured
again; the placement page shows the latest; the worklist asks for the next one in time. Bad
input says which field and saves nothing; one measurement a day per placement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import Placement, WageValue
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def world():
    placement = PlacementFactory.create(person__regime="participatiewet")
    ContractFactory.create(
        placement=placement, kind="permanent", start=TODAY - timedelta(days=800), end=None
    )
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    placement.person.contact_person = contact
    placement.person.save()
    return {"placement": placement, "contact": contact}


def measure(client, placement, **changes):
    data = {
        "date": (TODAY - timedelta(days=30)).isoformat(), "method": "dariuz",
        "measurer": "external", "measured_by": "Bureau Meten", "outcome": "60",
        "hours_per_week": "24", **changes,
    }  # fmt: skip
    return client.post(reverse("wage-value", args=[placement.pk]), data)


def test_a_measurement_the_subsidy_and_the_next_one(client, world):
    placement = world["placement"]
    client.force_login(world["contact"])
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert reverse("wage-value", args=[placement.pk]) in page
    assert measure(client, placement).status_code == 302
    value = WageValue.objects.get()
    assert (value.outcome, value.by, value.measurer) == (60, world["contact"], "external")
    html = client.get(reverse("wage-value", args=[placement.pk])).content.decode()
    assert "Nu: 60 procent" in html
    assert "40 procent van het wettelijk minimumloon" in html  # the loonkostensubsidie
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "60 procent, gemeten op" in page
    # A year on, a month before: on the worklist from then.
    rows = open_signal_rows(Placement.objects.all(), TODAY + timedelta(days=310))
    (row,) = [r for r in rows if r.signal.code == "WAGE_VALUE_DUE"]
    assert row.owner == world["contact"]
    today = open_signal_rows(Placement.objects.all(), TODAY)
    assert all(r.signal.code != "WAGE_VALUE_DUE" for r in today)
    # A new measurement resolves it.
    assert measure(client, placement, date=TODAY.isoformat(), outcome="55").status_code == 302
    rows = open_signal_rows(Placement.objects.all(), TODAY + timedelta(days=310))
    assert [r for r in rows if r.signal.code == "WAGE_VALUE_DUE"] == []


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"outcome": "120"}, "id_outcome", None),
        ({"outcome": ""}, "id_outcome", None),
        ({"date": (TODAY + timedelta(days=1)).isoformat()}, "id_date", None),
        (
            {"next_measurement": (TODAY - timedelta(days=40)).isoformat()},
            "id_next_measurement",
            "De volgende meting ligt na de datum van deze meting.",
        ),
        ({"disputed": "on"}, "id_dispute_note", "Schrijf op waarover de meting wordt betwist."),
        ({"method": "gok"}, "id_method", None),
    ],
)
def test_bad_input_says_which_field_and_saves_nothing(client, world, change, field, message):
    client.force_login(world["contact"])
    response = measure(client, world["placement"], **change)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#{field}' in html
    if message:
        assert escape(message) in html
    assert not WageValue.objects.exists()


def test_one_measurement_a_day(client, world):
    client.force_login(world["contact"])
    assert measure(client, world["placement"]).status_code == 302
    assert measure(client, world["placement"], outcome="50").status_code == 400
    assert WageValue.objects.get().outcome == 60


def test_a_disputed_measurement_keeps_its_note(client, world):
    client.force_login(world["contact"])
    note = "De werkgever vindt 60 procent te hoog."
    assert measure(client, world["placement"], disputed="on", dispute_note=note).status_code == 302
    html = client.get(reverse("wage-value", args=[world["placement"].pk])).content.decode()
    assert escape(note) in html
    assert WageValue.objects.get().hours_per_week == Decimal(24)
