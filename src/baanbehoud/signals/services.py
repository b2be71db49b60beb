"""Services of the worklist: recording who read which person's signals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.dates import format_date_nl
from baanbehoud.guidance.models import ContactMoment
from baanbehoud.placements.models import Placement
from baanbehoud.progress import SILENT, Progress, tracked

from .domain import CODE_LABELS
from .models import CalendarFeed, DigestSent, new_token
from .selectors import SignalOutput, SignalRow, open_signal_rows, worklist

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

ACTIVITY_WORKLIST = "Werklijst baanbehoud"


def log_signals_read(*, user: User | None, rows: Iterable[SignalRow], channel: str) -> None:
    """One processing-log entry per person whose signals were shown."""
    persons = {row.placement.person.pk: row.placement.person for row in rows}
    log_processing(
        user=user,
        persons=persons.values(),
        action=Action.READ,
        activity=ACTIVITY_WORKLIST,
        object_type=f"signaal ({channel})",
    )


def log_signal_output_read(*, user: User | None, output: SignalOutput, channel: str) -> None:
    log_processing(
        user=user,
        persons=output.persons,  # type: ignore[arg-type]  # (pk and bsn: all the log needs)
        action=Action.READ,
        activity=ACTIVITY_WORKLIST,
        object_type=f"signaal ({channel})",
    )


@dataclass(frozen=True)
class DigestResult:
    sent: int
    skipped: int


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _digest_text(user: User, new: list[SignalRow], overdue: list[SignalRow], on: date) -> str:
    """No names of persons in an e-mail: it leaves the system. The signal, the employer and a
    link are enough to act on."""

    def line(row: SignalRow) -> str:
        url = settings.SITE_URL + reverse("placement-detail", args=[row.placement.pk])
        return (
            f"- {CODE_LABELS[row.signal.code]} ({row.placement.employer.name}), "
            f"vanaf {format_date_nl(row.signal.due)}: {url}"
        )

    parts = [
        f"Beste {user},",
        "",
        f"Dit is uw weekoverzicht van Baanbehoud op {format_date_nl(on)}.",
    ]
    if overdue:
        parts += ["", f"Te laat ({len(overdue)}):", *[line(r) for r in overdue]]
    if new:
        parts += ["", f"Nieuw deze week ({len(new)}):", *[line(r) for r in new]]
    parts += ["", f"Alle signalen: {settings.SITE_URL}{reverse('worklist')}", "", "Baanbehoud"]
    return "\n".join(parts)


def digest_send(*, on: date, progress: Progress = SILENT) -> DigestResult:
    """Each contact person gets one e-mail a week with new (due in the last 7 days) and overdue
    signals. Idempotent: a second run in the same ISO week sends nothing."""
    progress.stage("Signalen verzamelen", 0)
    week = iso_week(on)
    rows = open_signal_rows(Placement.objects.filter(person__contact_person__isnull=False), on)
    by_owner: dict[int, list[SignalRow]] = defaultdict(list)
    for row in rows:
        if row.owner is not None:
            by_owner[row.owner.pk].append(row)
    already = set(DigestSent.objects.filter(week=week).values_list("user_id", flat=True))
    sent = skipped = 0
    for owner_rows in tracked(list(by_owner.values()), progress, "Weekoverzichten versturen"):
        owner = owner_rows[0].owner
        assert owner is not None
        if owner.pk in already or not owner.email or not owner.is_active:
            skipped += 1
            continue
        new = [r for r in owner_rows if r.signal.due > on - timedelta(days=7)]
        overdue = [r for r in owner_rows if r.signal.due <= on - timedelta(days=7)]
        with transaction.atomic():
            DigestSent.objects.create(user=owner, week=week, signal_count=len(owner_rows))
            send_mail(
                subject=f"Baanbehoud: {len(new)} nieuwe en {len(overdue)} te late signalen",
                message=_digest_text(owner, new, overdue, on),
                from_email=None,
                recipient_list=[owner.email],
            )
            log_signals_read(user=None, rows=owner_rows, channel=f"weekoverzicht aan {owner}")
        sent += 1
    return DigestResult(sent=sent, skipped=skipped)


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new private link; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed


def calendar_feed_ics(*, feed: CalendarFeed, today: date, weeks_ahead: int = 8) -> bytes:
    """The contact person's signal due dates and planned contact moments as all-day events.
    No names of persons: a calendar is shared and synced to phones."""
    user = feed.user
    mine = Placement.objects.filter(person__contact_person=user)
    found = worklist(mine, today, weeks_ahead=weeks_ahead)
    calendar = Calendar()
    calendar.add("prodid", "-//Baanbehoud//signalen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Baanbehoud: mijn signalen")
    stamp = timezone.now()
    for row in [*found.overdue, *found.this_week, *found.soon]:
        event = Event()
        event.add(
            "uid", f"{row.signal.code.value}-{row.placement.pk}-{row.signal.subject}@baanbehoud"
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", max(row.signal.due, today))
        event.add("summary", f"{CODE_LABELS[row.signal.code]} ({row.placement.employer.name})")
        event.add(
            "description", settings.SITE_URL + reverse("placement-detail", args=[row.placement.pk])
        )
        calendar.add_component(event)
    planned = ContactMoment.objects.filter(by=user, follow_up__gte=today).select_related(
        "placement__employer"
    )
    for moment in planned:
        event = Event()
        event.add("uid", f"contact-{moment.pk}@baanbehoud")
        event.add("dtstamp", stamp)
        event.add("dtstart", moment.follow_up)
        event.add("summary", f"Contact gepland ({moment.placement.employer.name})")
        event.add(
            "description",
            settings.SITE_URL + reverse("placement-detail", args=[moment.placement_id]),
        )
        calendar.add_component(event)
    log_signals_read(
        user=user, rows=[*found.overdue, *found.this_week, *found.soon], channel="agenda"
    )
    return calendar.to_ical()
