"""The weekly digest e-mail (idempotent per week) and the private calendar feed."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from baanbehoud.signals.models import CalendarFeed
from baanbehoud.signals.services import calendar_feed_renew, digest_send

pytestmark = pytest.mark.django_db


def test_digest_lists_new_and_overdue_signals_without_names(example):
    result = digest_send(on=date(2026, 8, 3))
    assert result.sent == 1
    message = mail.outbox[0]
    assert message.to == [example.person.contact_person.email]
    assert "Contract loopt af (Bakkerij Voorbeeld), vanaf 30 juli 2026" in message.body
    assert f"/plaatsingen/{example.pk}/" in message.body
    assert example.person.name not in message.body and example.person.bsn not in message.body
    assert message.subject == "Baanbehoud: 1 nieuwe en 0 te late signalen"


def test_digest_is_sent_once_per_week(example):
    call_command("notify", "--on", "2026-08-03", stdout=None)
    call_command("notify", "--on", "2026-08-07", stdout=None)  # same ISO week
    assert len(mail.outbox) == 1
    call_command("notify", "--on", "2026-08-10", stdout=None)  # next week: now overdue
    assert len(mail.outbox) == 2
    assert "Te laat (1)" in mail.outbox[1].body


def test_no_digest_without_open_signals(example):
    assert digest_send(on=date(2024, 12, 1)).sent == 0  # before the placement starts
    assert mail.outbox == []


def test_calendar_feed_has_the_signal_due_dates_and_no_names(client, example):
    feed = calendar_feed_renew(user=example.person.contact_person)
    example.contacts.filter().update(follow_up=date(2099, 1, 5))
    response = client.get(reverse("calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Contact gepland (Bakkerij Voorbeeld)" in summaries
    assert example.person.name.encode() not in response.content


def test_renewing_the_calendar_link_revokes_the_old_one(client, example):
    old = calendar_feed_renew(user=example.person.contact_person).token
    new = calendar_feed_renew(user=example.person.contact_person).token
    assert old != new
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_calendar_settings_page_shows_the_private_link(client, example):
    client.force_login(example.person.contact_person)
    client.post(reverse("calendar-settings"))
    html = client.get(reverse("calendar-settings")).content.decode()
    token = CalendarFeed.objects.get().token
    assert f"/agenda/{token}.ics" in html
