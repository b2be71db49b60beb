"""Issue 19 §4: after a job ends into WW (or sickness, or nobody knows), somebody acts. Through
the pages: the ending, the worklist of the contact person the day after, the contact that moves
it a month on, new work or a recorded decision that stops it; bad input changes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements import services
from baanbehoud.placements.models import Ending, EndingReason, Placement
from baanbehoud.signals.selectors import open_signal_rows

from .factories import ContractFactory, PlacementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]

TODAY = timezone.localdate()
END = TODAY - timedelta(days=20)


@pytest.fixture
def placement(klantmanager):
    person = PersonFactory.create(
        contact_person=klantmanager, organisation=klantmanager.organisation
    )
    placement = PlacementFactory.create(person=person)
    ContractFactory.create(
        placement=placement, kind="temporary", start=END - timedelta(days=200), end=END
    )
    return placement


def end_job(client, placement, next):
    response = client.post(
        reverse("ending-new", args=[placement.pk]),
        {
            "date": END.isoformat(),
            "initiative": "fixed_term_not_renewed",
            "reasons": [EndingReason.objects.get(code="NO_FORMATION").pk],
            "next": next,
        },
    )
    assert response.status_code == 302, response.content.decode()


def aftercare(placement, on):
    rows = open_signal_rows(Placement.objects.filter(pk=placement.pk), on)
    return next((r for r in rows if r.signal.code == "AFTERCARE_DUE"), None)


def test_an_ending_into_ww_gives_the_contact_person_aftercare_the_day_after(
    client, klantmanager, placement
):
    end_job(client, placement, "benefit")
    assert aftercare(placement, END) is None
    row = aftercare(placement, END + timedelta(days=1))
    assert row is not None and row.owner == klantmanager
    html = client.get(reverse("worklist")).content.decode()
    assert 'data-code="AFTERCARE_DUE"' in html
    assert "Nazorg na baanverlies" in html
    for url in (
        reverse("contact-new", args=[placement.pk]),
        reverse("placement-register", args=[placement.person_id]),
        reverse("aftercare-close", args=[placement.pk]),
    ):
        assert url in html  # one click from the worklist
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "Nazorg na het einde" in page and "Nazorg stoppen" in page


def test_an_ending_into_a_new_job_needs_no_aftercare(client, klantmanager, placement):
    end_job(client, placement, "new_job")
    assert aftercare(placement, END + timedelta(days=1)) is None
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "Nazorg na het einde" not in page


def test_a_contact_moves_it_a_month_on(client, klantmanager, placement):
    end_job(client, placement, "unknown")
    response = client.post(
        reverse("contact-new", args=[placement.pk]),
        {"date": TODAY.isoformat(), "with_worker": "on", "channel": "phone",
         "summary": "Gebeld over een volgende baan."},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    assert aftercare(placement, TODAY) is None
    later = aftercare(placement, TODAY + timedelta(days=40))
    assert later is not None and later.signal.due > TODAY
    assert "het laatste contact was op" in later.signal.message


def test_new_work_stops_it(client, klantmanager, placement):
    end_job(client, placement, "benefit")
    services.placement_register(
        user=klantmanager, person=placement.person, employer=EmployerFactory.create(),
        new_employer=None, function="Medewerker groen", route="wsp", kind="temporary",
        start=TODAY + timedelta(days=30), end=TODAY + timedelta(days=210),
        hours_per_week=Decimal(20),
    )  # fmt: skip
    # A job agreed for next month already counts (as a next contract does).
    assert aftercare(placement, TODAY) is None


def test_closing_it_with_a_reason(client, klantmanager, placement):
    end_job(client, placement, "sick")
    url = reverse("aftercare-close", args=[placement.pk])
    response = client.post(url, {"aftercare_closed": TODAY.isoformat(),
                                 "aftercare_closed_reason": "Verhuisd naar Groningen."})  # fmt: skip
    assert response.status_code == 302
    ending = Ending.objects.get(placement=placement)
    assert ending.aftercare_closed == TODAY
    assert aftercare(placement, TODAY) is None
    assert aftercare(placement, TODAY - timedelta(days=1)) is not None  # it was open until then
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "De nazorg is gestopt op" in page and "Verhuisd naar Groningen." in page
    assert ProcessingLogEntry.objects.filter(
        person_id=placement.person_id, object_type="nazorg", object_id=str(ending.pk)
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"aftercare_closed": "", "aftercare_closed_reason": "Verhuisd."},
         "id_aftercare_closed", "Vul in op welke dag de nazorg stopt."),
        ({"aftercare_closed": TODAY.isoformat(), "aftercare_closed_reason": " "},
         "id_aftercare_closed_reason", "Schrijf op waarom de nazorg stopt."),
        ({"aftercare_closed": (END - timedelta(days=1)).isoformat(),
          "aftercare_closed_reason": "Verhuisd."},
         "id_aftercare_closed", "De nazorg kan niet stoppen vóór het einde van de baan"),
        ({"aftercare_closed": (TODAY + timedelta(days=3)).isoformat(),
          "aftercare_closed_reason": "Verhuisd."},
         "id_aftercare_closed", "Deze datum ligt in de toekomst."),
    ],
)  # fmt: skip
def test_bad_input_says_what_is_wrong_and_changes_nothing(
    client, klantmanager, placement, data, field, message
):
    end_job(client, placement, "benefit")
    response = client.post(reverse("aftercare-close", args=[placement.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#{field}"' in html
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert summary.count(escape(message)) == 1  # once, though the form and the rule both say it
    assert Ending.objects.get(placement=placement).aftercare_closed is None
    assert aftercare(placement, TODAY) is not None


def test_a_running_placement_has_nothing_to_close(client, klantmanager, placement):
    assert client.get(reverse("aftercare-close", args=[placement.pk])).status_code == 404
