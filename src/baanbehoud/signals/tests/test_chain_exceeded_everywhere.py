"""CHAIN_EXCEEDED reaches the contact person through every channel: worklist, API, the weekly
digest and the calendar feed (docs/signals.md)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from baanbehoud.placements.models import ContractPeriod
from baanbehoud.signals.services import calendar_feed_renew, digest_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def exceeded(example):
    """The example's two temporary contracts, then two more: the 4th is permanent by law."""
    for start, end in (("2026-10-01", "2027-03-31"), ("2027-04-01", "2027-09-30")):
        ContractPeriod.objects.create(
            placement=example, kind="temporary", start=date.fromisoformat(start),
            end=date.fromisoformat(end), hours_per_week=Decimal(20),
        )  # fmt: skip
    return example


@time_machine.travel(date(2027, 4, 5), tick=False)
def test_worklist_api_digest_and_feed_show_it(client, exceeded):
    on = date(2027, 4, 5)
    consultant = exceeded.person.contact_person
    client.force_login(consultant)
    page = client.get(reverse("worklist")).content.decode()
    api = client.get("/api/v1/signals", {"on": on.isoformat()}).json()
    codes = {
        s["code"] for s in (api["results"] if isinstance(api, dict) and "results" in api else api)
    }
    assert "CHAIN_EXCEEDED" in codes and "CONTRACT_END" not in codes
    assert "Tijdelijk contract is al vast" in page and "Vast contract vastleggen" in page
    assert digest_send(on=on).sent == 1
    assert "Tijdelijk contract is al vast (Bakkerij Voorbeeld)" in mail.outbox[0].body
    feed = calendar_feed_renew(user=consultant)
    calendar = Calendar.from_ical(client.get(reverse("calendar-feed", args=[feed.token])).content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Tijdelijk contract is al vast (Bakkerij Voorbeeld)" in summaries
