"""The match on screen (issue 19 §2): who is a candidate for a task package, in what order and
why, what never shows, and the persons named on the page in the processing log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.models import Vacancy, VacancyStatus
from baanbehoud.organisations.models import Role, WerkfitItem
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.models import CandidateProfile, WerkfitCheck
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import Ending, EndingReason
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals import intervals

pytestmark = pytest.mark.django_db


def candidate(municipality, name, **profile):
    person = PersonFactory.create(municipality=municipality, name=name)
    if profile:
        CandidateProfile.objects.create(person=person, **profile)
    return person


def working(person, *, ends_in_days=None):
    today = timezone.localdate()
    placement = PlacementFactory.create(person=person)
    ContractFactory.create(
        placement=placement,
        start=today - timedelta(days=300),
        end=today + timedelta(days=ends_in_days) if ends_in_days else None,
        kind="temporary" if ends_in_days else "permanent",
    )
    return placement


def lost_a_job(person, *codes):
    today = timezone.localdate()
    placement = PlacementFactory.create(person=person)
    ContractFactory.create(
        placement=placement, start=today - timedelta(days=700), end=today - timedelta(days=200)
    )
    ending = Ending.objects.create(
        placement=placement, date=today - timedelta(days=200), initiative="employer"
    )
    ending.reasons.set(EndingReason.objects.filter(code__in=codes))


def names_in_order(html, names):
    found = {name: html.find(name) for name in names}
    assert all(at >= 0 for at in found.values()), found
    return sorted(names, key=found.__getitem__)


def test_candidates_come_best_first_with_their_reasons(client, place, vacancy):
    houten, near, far = place
    close = candidate(near, "Anouk Dichtbij", load_hours_per_week=20, guidance_need="medium",
                      sector_wishes=["zorg"], prefers_team_or_alone="team")  # fmt: skip
    distant = candidate(far, "Bram Verweg", load_hours_per_week=20, guidance_need="medium")
    at_risk = candidate(houten, "Cas Contracteinde", load_hours_per_week=20)
    working(at_risk, ends_in_days=30)  # a temporary contract ending: CONTRACT_END is open
    working(candidate(houten, "Daan Vastindienst", load_hours_per_week=20))  # a job, no risk
    lesson = candidate(near, "Eva Lesgeleerd", load_hours_per_week=20, guidance_need="medium",
                       sector_wishes=["zorg"], prefers_team_or_alone="team")  # fmt: skip
    lost_a_job(lesson, "GUIDANCE_BURDEN")  # this workplace has no buddy: not again
    too_few = candidate(houten, "Fleur Jobcoach", wants_jobcoach=True, load_hours_per_week=10)
    elsewhere = MunicipalityFactory.create(name="Zwolle")
    candidate(elsewhere, "Gijs Anderregio")
    intervals.mark_all()
    intervals.refresh()

    response = client.get(reverse("vacancy-candidates", args=[vacancy.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    ranked = names_in_order(html, ["Anouk Dichtbij", "Eva Lesgeleerd", "Bram Verweg",
                                   "Cas Contracteinde"])  # fmt: skip
    assert ranked[0] == "Anouk Dichtbij"
    # the lesson of the earlier job costs points: below the same profile without it
    assert ranked.index("Eva Lesgeleerd") > ranked.index("Anouk Dichtbij")
    assert "Vorige baan: te weinig begeleiding" in html
    assert "Ongeveer 28 km van huis." in html  # Bram, from Rhenen
    assert "Daan Vastindienst" not in html and "Gijs Anderregio" not in html
    # a hard rule: listed apart, with why
    past_niet = html[html.index("Past niet (1)") :]
    assert "Fleur Jobcoach" in past_niet
    assert "de belastbaarheid is 10 uur" in past_niet
    logged = set(
        ProcessingLogEntry.objects.filter(object_type="kandidaat (matching)").values_list(
            "person_id", flat=True
        )
    )
    assert logged == {close.pk, distant.pk, at_risk.pk, lesson.pk, too_few.pk}


def test_the_queries_do_not_grow_with_the_candidates(client, place, vacancy):
    def queries():
        intervals.refresh()  # the signals of the new records, worked out before measuring
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("vacancy-candidates", args=[vacancy.pk])).status_code == 200
        return len(captured)

    for n in range(3):
        lost_a_job(candidate(place[n], f"Kandidaat {n}", load_hours_per_week=20), "WORK_PRESSURE")
    few = queries()
    for n in range(30):
        lost_a_job(candidate(place[n % 3], f"Kandidaat x{n}", load_hours_per_week=20), "HEALTH")
    assert queries() == few


def test_a_person_sees_open_vacancies_best_first(client, place, vacancy, accountmanager):
    houten, near, _far = place
    person = candidate(houten, "Hanna Zoekt", load_hours_per_week=20, guidance_need="high")
    lost_a_job(person, "REORGANISATION")
    employer = vacancy.employer
    with_buddy = Vacancy.objects.create(
        employer=employer, title="Tuinman", hours_min=12, hours_max=20, municipality=near,
        supervision=True, buddy=True,
    )  # fmt: skip
    reorganising = Vacancy.objects.create(
        employer=employer, title="Magazijnmedewerker", hours_min=12, hours_max=20,
        municipality=near, supervision=True, buddy=True, reorganisation_planned=True,
    )  # fmt: skip
    Vacancy.objects.create(
        employer=employer, title="Ingetrokken baan", hours_min=12, hours_max=20,
        status=VacancyStatus.WITHDRAWN,
    )  # fmt: skip
    Vacancy.objects.create(employer=employer, title="Te veel uren", hours_min=32, hours_max=36)

    response = client.get(reverse("person-vacancies", args=[person.pk]))
    html = response.content.decode()
    assert names_in_order(html, ["Tuinman", "Magazijnmedewerker"]) == [
        "Tuinman",
        "Magazijnmedewerker",
    ]
    assert "Vorige baan: een reorganisatie; hier is er een gepland." in html
    assert "Ingetrokken baan" not in html
    assert "Te veel uren" in html[html.index("Past niet (1)") :]
    assert reverse("vacancy-detail", args=[with_buddy.pk]) in html
    assert reverse("vacancy-detail", args=[reorganising.pk]) in html
    assert ProcessingLogEntry.objects.filter(
        person_id=person.pk, object_type="persoon (passend werk)"
    ).exists()


def test_a_vacancy_no_longer_open_has_no_candidates(client, vacancy):
    vacancy.status = VacancyStatus.FILLED
    vacancy.save()
    assert client.get(reverse("vacancy-candidates", args=[vacancy.pk])).status_code == 404
    html = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    assert "Kandidaten zoeken" not in html and "vervuld" in html


def test_after_a_job_loss_to_ww_the_person_is_a_candidate_at_once(client, place, vacancy):
    """Issue 19 §4: an ending with "WW" raises AFTERCARE_DUE for the contact person on the day
    after the end, and the person appears in the match."""
    from baanbehoud.placements.models import Placement
    from baanbehoud.signals.selectors import open_signal_rows

    today = timezone.localdate()
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=place[0].organisation)
    person = candidate(place[0], "Iris Naderwerk", load_hours_per_week=20)
    person.contact_person = contact
    person.save()
    placement = working(person, ends_in_days=None)
    contract = placement.contracts.get()
    contract.end = today - timedelta(days=1)
    contract.kind = "temporary"
    contract.save()
    Ending.objects.create(
        placement=placement, date=today - timedelta(days=1), initiative="employer", next="benefit"
    )
    intervals.mark_all()
    intervals.refresh()
    (aftercare,) = [
        r
        for r in open_signal_rows(Placement.objects.filter(pk=placement.pk), today)
        if r.signal.code == "AFTERCARE_DUE"
    ]
    assert aftercare.owner_id == contact.pk
    html = client.get(reverse("vacancy-candidates", args=[vacancy.pk])).content.decode()
    assert "Iris Naderwerk" in html and "zonder baan" in html


def test_a_long_list_shows_the_best_and_counts_the_rest(client, place, vacancy, monkeypatch):
    """A region has thousands of candidates: the page names the best few and the first few
    that do not fit, counts the others, and logs only the persons it names."""
    from baanbehoud.matching import views

    monkeypatch.setattr(views, "SHOWN", 2)
    for n in range(4):
        candidate(place[0], f"Past {n}", load_hours_per_week=20)
        candidate(place[0], f"Te weinig uren {n}", load_hours_per_week=8)
    html = client.get(reverse("vacancy-candidates", args=[vacancy.pk])).content.decode()
    assert "En nog 2 kandidaten met minder punten." in html
    assert "Past niet (4)" in html and "En nog 2 kandidaten die niet passen." in html
    assert ProcessingLogEntry.objects.filter(object_type="kandidaat (matching)").count() == 4


def test_a_long_absence_makes_a_worker_a_candidate(client, place, vacancy):
    """Issue 20 §1: sick since the week of the problem analysis (week 6) puts the job at risk;
    a week less, or recovered, does not."""
    from baanbehoud.guidance.models import SickReport

    houten, _near, _far = place
    today = timezone.localdate()
    sick_since = {
        "Hanna Langziek": (today - timedelta(weeks=5), None),
        "Ivo Netziek": (today - timedelta(weeks=5) + timedelta(days=1), None),
        "Jet Hersteld": (today - timedelta(weeks=10), today - timedelta(weeks=2)),
    }
    for name, (first_day, recovered) in sick_since.items():
        placement = working(candidate(houten, name, load_hours_per_week=20))
        SickReport.objects.create(
            placement=placement, first_day=first_day, recovered_on=recovered,
            reported_by="employer",
        )  # fmt: skip
    intervals.refresh()
    html = client.get(reverse("vacancy-candidates", args=[vacancy.pk])).content.decode()
    assert "Hanna Langziek" in html and "baan in gevaar (loopt af, of lang ziek)" in html
    assert "Ivo Netziek" not in html and "Jet Hersteld" not in html


def test_the_kinds_of_work_weigh_what_a_candidate_does_well_and_cannot_do(client, place, vacancy):
    """Issue 19 §2, tasks against qualities and limitations: the same profile ranks lower where
    the work includes what does not go for the person, and the page says which."""
    vacancy.task_kinds = ["care", "customers"]
    vacancy.save()
    houten = place[0]
    same = {"load_hours_per_week": 20, "guidance_need": "medium"}
    candidate(houten, "Hanna Helpt", tasks_good=["care", "customers"], **same)
    candidate(houten, "Ivo Zorgzaam", tasks_good=["care"], **same)
    candidate(houten, "Jet Liever-niet-aan-de-balie", tasks_good=["care"],
              tasks_avoid=["customers"], **same)  # fmt: skip
    html = client.get(reverse("vacancy-candidates", args=[vacancy.pk])).content.decode()
    assert names_in_order(html, ["Hanna Helpt", "Ivo Zorgzaam", "Jet Liever-niet-aan-de-balie"])
    assert "Werk dat de kandidaat goed kan: klanten helpen en balie, zorgen voor mensen" in html
    assert "Nieuw: klanten helpen en balie." in html
    assert "Dit werk gaat niet goed: klanten helpen en balie." in html
    detail = client.get(reverse("vacancy-detail", args=[vacancy.pk])).content.decode()
    assert "Klanten helpen en balie, Zorgen voor mensen of dieren" in detail


def test_a_kind_of_work_cannot_both_fit_and_not_go(client, place):
    person = candidate(place[0], "Kees Twijfel")
    client.force_login(UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation))
    url = reverse("profile-edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {n: form[n].value() for n in form.fields if form[n].value() is not None}
    response = client.post(url, {**data, "tasks_good": ["cleaning", "kitchen"],
                                 "tasks_avoid": ["kitchen"]})  # fmt: skip
    assert response.status_code == 400
    assert "Dit werk staat ook bij werk dat goed past: keuken en horeca." in (
        response.content.decode()
    )
    assert not CandidateProfile.objects.filter(person=person, tasks_avoid=["kitchen"]).exists()
    saved = client.post(url, {**data, "tasks_good": ["cleaning"], "tasks_avoid": ["kitchen"]})
    assert saved.status_code == 302
    assert CandidateProfile.objects.get(person=person).tasks_avoid == ["kitchen"]


def test_a_candidate_who_is_werkfit_ranks_above_one_who_is_not_yet(client, place, vacancy):
    """Issue 20 §5: the match may use the region's werkfit checklist — the same profile, all
    points met against half of them."""
    houten = place[0]
    points = [
        WerkfitItem.objects.create(region=houten.region, code=f"p-{n}", text=f"Punt {n}")
        for n in range(4)
    ]
    same = {"load_hours_per_week": 20, "guidance_need": "medium"}
    for name, met in (("Lotte Halfweg", 2), ("Mees Klaar", 4)):
        person = candidate(houten, name, **same)
        for n, point in enumerate(points):
            WerkfitCheck.objects.create(
                person=person, item=point, answer="yes" if n < met else "not_yet",
                checked_on=timezone.localdate(),
            )  # fmt: skip
    html = client.get(reverse("vacancy-candidates", args=[vacancy.pk])).content.decode()
    assert names_in_order(html, ["Mees Klaar", "Lotte Halfweg"])
    assert "Alle 4 punten van de werkfit-checklist lukken." in html
    assert "2 van de 4 punten van de werkfit-checklist lukken." in html
