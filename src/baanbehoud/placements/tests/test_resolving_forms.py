"""The forms that resolve signals: valid save; each invalid input shows the Dutch message next
to the field and in the error summary; nothing saved on error; only contact persons may write."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.guidance.models import Concern, ContactMoment
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import ContractPeriod, Ending, EndingReason, HoursStep

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement():
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="temporary", start=date(2025, 3, 6), end=date(2025, 9, 30)
    )
    ContractFactory.create(
        placement=placement, kind="temporary", start=date(2025, 10, 1), end=date(2026, 9, 30)
    )
    return placement


@pytest.fixture
def klantmanager(client, placement):
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    client.force_login(user)
    return user


def assert_error_shown(html: str, field_id: str, message: str) -> None:
    assert "<title>Fout: " in html
    assert 'class="error-summary"' in html
    assert f'href="#{field_id}' in html  # radio and checkbox groups link to their first option
    assert f'id="{field_id}_error"' in html
    assert escape(message) in html
    assert 'aria-invalid="true"' in html


def test_next_contract_form_is_prefilled_with_the_day_after_the_previous_end(
    client, klantmanager, placement
):
    html = client.get(reverse("contract-new", args=[placement.pk])).content.decode()
    assert 'value="2026-10-01"' in html
    assert "dit wordt het laatste tijdelijke contract" in html  # the third is the last one allowed


def test_showing_a_form_is_logged_as_a_read_of_the_person(client, klantmanager, placement):
    client.get(reverse("ending-new", args=[placement.pk]))
    entry = ProcessingLogEntry.objects.get()
    assert (entry.action, entry.person_id) == ("read", placement.person.pk)


def test_next_contract_saves_and_is_logged(client, klantmanager, placement):
    response = client.post(
        reverse("contract-new", args=[placement.pk]),
        {"kind": "permanent", "start": "2026-10-01", "end": "", "hours_per_week": "20"},
    )
    assert response.status_code == 302
    assert placement.contracts.filter(kind="permanent", start=date(2026, 10, 1)).exists()
    assert (
        ProcessingLogEntry.objects.filter(action="create", object_type="contractperiode").count()
        == 1
    )


def test_an_overlapping_contract_shows_the_error_and_saves_nothing(client, klantmanager, placement):
    response = client.post(
        reverse("contract-new", args=[placement.pk]),
        {"kind": "temporary", "start": "2026-09-01", "end": "2027-08-31", "hours_per_week": "20"},
    )
    assert response.status_code == 400
    assert_error_shown(
        response.content.decode(),
        "id_start",
        "Dit contract overlapt met het contract van 1 oktober 2025 tot en met 30 september 2026.",
    )
    assert placement.contracts.count() == 2


def test_a_temporary_contract_needs_an_end_date(client, klantmanager, placement):
    response = client.post(
        reverse("contract-new", args=[placement.pk]),
        {"kind": "temporary", "start": "2026-10-01", "end": "", "hours_per_week": "20"},
    )
    assert_error_shown(
        response.content.decode(), "id_end", "Vul de einddatum van het tijdelijke contract in."
    )
    assert placement.contracts.count() == 2


def test_ending_with_two_reasons(client, klantmanager, placement):
    reasons = EndingReason.objects.filter(code__in=["NO_PERMANENT_CONTRACT", "NO_FORMATION"])
    response = client.post(
        reverse("ending-new", args=[placement.pk]),
        {
            "date": "2026-09-30",
            "initiative": "fixed_term_not_renewed",
            "reasons": [r.pk for r in reasons],
            "notes": "",
            "learning_points": "Vraag bij werving naar een vast contract.",
            "next": "benefit",
        },
    )
    assert response.status_code == 302
    ending = Ending.objects.get(placement=placement)
    assert sorted(ending.reasons.values_list("code", flat=True)) == [
        "NO_FORMATION",
        "NO_PERMANENT_CONTRACT",
    ]
    assert ending.recorded_by == klantmanager


def test_ending_with_other_reason_needs_a_note(client, klantmanager, placement):
    other = EndingReason.objects.get(code="OTHER")
    response = client.post(
        reverse("ending-new", args=[placement.pk]),
        {
            "date": "2026-09-30",
            "initiative": "employer",
            "reasons": [other.pk],
            "notes": "",
            "next": "unknown",
        },
    )
    assert_error_shown(
        response.content.decode(),
        "id_notes",
        "Bij de reden 'Andere reden' is een toelichting verplicht.",
    )
    assert not Ending.objects.exists()


def test_ending_needs_a_reason_and_a_date_after_the_start(client, klantmanager, placement):
    response = client.post(
        reverse("ending-new", args=[placement.pk]),
        {"date": "2024-01-01", "initiative": "employer", "next": "unknown"},
    )
    html = response.content.decode()
    assert_error_shown(
        html, "id_date", "De datum van het einde ligt vóór het begin van de plaatsing."
    )
    assert_error_shown(html, "id_reasons", "Kies minstens één reden waarom de baan eindigde.")
    assert not Ending.objects.exists()


def test_contact_moment_needs_someone_it_was_with(client, klantmanager, placement):
    response = client.post(
        reverse("contact-new", args=[placement.pk]), {"date": "2026-08-01", "channel": "phone"}
    )
    assert_error_shown(
        response.content.decode(),
        "id_with_worker",
        "Kies met wie het contact was: werknemer, werkgever of jobcoach.",
    )
    assert not ContactMoment.objects.exists()


def test_contact_moment_saves_with_the_user_as_author(client, klantmanager, placement):
    client.post(
        reverse("contact-new", args=[placement.pk]),
        {
            "date": "2026-08-01",
            "with_employer": "on",
            "channel": "visit",
            "summary": "Goed gesprek.",
        },
    )
    assert ContactMoment.objects.get().by == klantmanager


def test_evaluation_and_hours_decision_and_concern_handling(client, klantmanager, placement):
    assert (
        client.post(
            reverse("evaluation-new", args=[placement.pk]),
            {"date": "2025-11-12", "kind": "evaluation"},
        ).status_code
        == 302
    )
    step = HoursStep.objects.create(
        placement=placement,
        from_date=date(2025, 10, 1),
        hours_per_week=Decimal(12),
        review_date=date(2025, 11, 15),
    )
    missing = client.post(reverse("hours-decision", args=[step.pk]), {"decided_on": "2025-11-15"})
    assert_error_shown(missing.content.decode(), "id_decision", "Kies wat er met de uren gebeurt.")
    assert (
        client.post(
            reverse("hours-decision", args=[step.pk]),
            {"decided_on": "2025-11-15", "decision": "increase", "reason": "Gaat goed."},
        ).status_code
        == 302
    )
    concern = Concern.objects.create(
        placement=placement, date=date(2026, 8, 1), raised_by="worker", kind="health"
    )
    early = client.post(
        reverse("concern-handle", args=[concern.pk]),
        {"handled": "2026-07-01", "handling_note": "x"},
    )
    assert_error_shown(
        early.content.decode(), "id_handled", "Opgepakt vóór de datum van de melding kan niet."
    )
    concern.refresh_from_db()
    assert concern.handled is None


@pytest.mark.parametrize(
    "role", [Role.JOBCOACH, Role.WERKGEVER, Role.BELEIDSMEDEWERKER, Role.ARBEIDSDESKUNDIGE]
)
def test_other_roles_cannot_write(client, placement, role):
    client.force_login(
        UserFactory.create(
            role=role,
            organisation=placement.person.organisation,
            employer=placement.employer if role == Role.WERKGEVER else None,
        )
    )
    for name in ("contract-new", "ending-new", "contact-new", "evaluation-new"):
        assert client.get(reverse(name, args=[placement.pk])).status_code == 403
    assert ContractPeriod.objects.filter(placement=placement).count() == 2


def test_ending_form_shows_the_derived_moment(client, klantmanager, placement):
    html = client.get(reverse("ending-new", args=[placement.pk])).content.decode()
    assert "Moment van het einde:</strong> Later, met een tijdelijk contract" in html
    assert "no_permanent_reason" not in html  # no contract here is the chain's last allowed one


def test_at_the_chain_rule_moment_the_form_asks_why_no_permanent_contract(
    client, klantmanager, placement
):
    ContractFactory.create(
        placement=placement, kind="temporary", start=date(2026, 10, 1), end=date(2027, 3, 31)
    )
    url = reverse("ending-new", args=[placement.pk])
    html = client.get(url).content.decode()
    assert "Bij de overstap van tijdelijk naar vast" in html
    reason = EndingReason.objects.get(code="NO_FORMATION")
    data = {
        "date": "2027-03-31",
        "initiative": "fixed_term_not_renewed",
        "reasons": [reason.pk],
        "next": "benefit",
    }
    response = client.post(url, data)
    assert_error_shown(
        response.content.decode(),
        "id_no_permanent_reason",
        "Vul in waarom de werkgever geen vast contract bood.",
    )
    assert not Ending.objects.exists()
    client.post(url, {**data, "no_permanent_reason": "Geen vaste formatieplaats."})
    assert Ending.objects.get().no_permanent_reason == "Geen vaste formatieplaats."
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "Moment: bij de overstap van tijdelijk naar vast." in page


def test_reasons_are_grouped_by_side(client, klantmanager, placement):
    html = client.get(reverse("ending-new", args=[placement.pk])).content.decode()
    for side in ("Werk en match", "Belastbaarheid", "Persoon", "Werkgever", "Dienstverlening"):
        assert f"<legend>{side}</legend>" in html


def test_the_ending_form_chooses_nothing_in_advance(client, klantmanager, placement):
    """Issue 17 §7: no radio button is checked before the contact person picks one."""
    page = client.get(reverse("ending-new", args=[placement.pk])).content.decode()
    for name in ("initiative", "next"):
        radios = re.findall(rf'<input type="radio" name="{name}"[^>]*>', page)
        assert radios and not [r for r in radios if "checked" in r], name
