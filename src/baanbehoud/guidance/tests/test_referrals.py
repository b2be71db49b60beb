"""Help for private problems (issue 20 §6; report §3.2.3): a concern about home or private life
is referred to the buurtteam of the person's municipality (its contact in the region's
settings), and the team's feedback recorded. Only private concerns; dates in order; bad input
says which field and saves nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.guidance.domain import referral_problems
from baanbehoud.guidance.models import Concern, Referral
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.tests.factories import PlacementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def world():
    placement = PlacementFactory.create(person__name="Sanne de Wit")
    municipality = placement.person.municipality
    municipality.social_team = "Buurtteam Houten"
    municipality.social_team_contact = "030-7654321, buurtteam@houten.example"
    municipality.save()
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    placement.person.contact_person = contact
    placement.person.save()

    def concern(kind):
        return Concern.objects.create(
            placement=placement, date=TODAY - timedelta(days=5), raised_by="worker", kind=kind,
            text="Schulden, post stapelt zich op.",
        )  # fmt: skip

    return {"placement": placement, "contact": contact, "concern": concern}


def test_a_private_concern_goes_to_the_buurtteam_and_its_feedback_is_recorded(client, world):
    concern = world["concern"]("private")
    client.force_login(world["contact"])
    page = client.get(reverse("placement-detail", args=[world["placement"].pk])).content.decode()
    url = reverse("referral-edit", args=[concern.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "Buurtteam Houten" in form and "030-7654321" in form  # the region's settings
    response = client.post(
        url, {"referred_on": TODAY.isoformat(), "team": "Buurtteam Houten", "note": "Schulden."}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.team, referral.by, referral.feedback_on) == (
        "Buurtteam Houten",
        world["contact"],
        None,
    )
    page = client.get(reverse("placement-detail", args=[world["placement"].pk])).content.decode()
    assert "Doorverwezen naar Buurtteam Houten" in page and "Nog geen terugkoppeling" in page
    client.post(
        url,
        {
            "referred_on": TODAY.isoformat(), "team": "Buurtteam Houten", "note": "Schulden.",
            "feedback_on": TODAY.isoformat(), "feedback": "Schuldhulp gestart.",
        },
    )  # fmt: skip
    referral.refresh_from_db()
    assert (referral.feedback_on, referral.feedback) == (TODAY, "Schuldhulp gestart.")
    assert Referral.objects.count() == 1


def test_only_a_private_concern_can_be_referred(client, world):
    concern = world["concern"]("health")
    client.force_login(world["contact"])
    page = client.get(reverse("placement-detail", args=[world["placement"].pk])).content.decode()
    assert "buurtteam" not in page
    assert client.get(reverse("referral-edit", args=[concern.pk])).status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"referred_on": ""}, "id_referred_on", None),
        ({"team": ""}, "id_team", None),
        (
            {"referred_on": (TODAY - timedelta(days=6)).isoformat()},
            "id_referred_on",
            "Doorverwezen vóór de melding van het zorgsignaal kan niet.",
        ),
        (
            {"feedback_on": (TODAY - timedelta(days=1)).isoformat(), "feedback": "Goed."},
            "id_feedback_on",
            "De terugkoppeling komt na de doorverwijzing.",
        ),
        (
            {"feedback_on": TODAY.isoformat()},
            "id_feedback",
            "Schrijf op wat het buurtteam heeft teruggekoppeld.",
        ),
        ({"feedback": "Goed."}, "id_feedback_on", "Vul in wanneer het buurtteam terugkoppelde."),
    ],
)
def test_bad_input_says_which_field_and_saves_nothing(client, world, change, field, message):
    concern = world["concern"]("private")
    client.force_login(world["contact"])
    data = {"referred_on": TODAY.isoformat(), "team": "Buurtteam Houten", **change}
    response = client.post(reverse("referral-edit", args=[concern.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#{field}' in html
    if message:
        assert escape(message) in html
    assert not Referral.objects.exists()


def test_a_municipality_without_a_team_says_so(client, world):
    municipality = world["placement"].person.municipality
    municipality.social_team = ""
    municipality.save()
    concern = world["concern"]("private")
    client.force_login(world["contact"])
    form = client.get(reverse("referral-edit", args=[concern.pk])).content.decode()
    assert "nog geen buurtteam of wijkteam ingesteld" in form


@pytest.mark.parametrize(
    ("kind", "referred", "feedback_on", "feedback", "problems"),
    [
        ("private", 0, None, "", set()),
        ("health", 0, None, "", {"referred_on"}),
        ("private", -1, None, "", {"referred_on"}),
        ("private", 0, 0, "Goed.", set()),
        ("private", 2, 1, "Goed.", {"feedback_on"}),
        ("private", 0, 1, "", {"feedback"}),
        ("private", 0, None, "Goed.", {"feedback_on"}),
    ],
)
def test_referral_problems(kind, referred, feedback_on, feedback, problems):
    raised = TODAY - timedelta(days=10)
    found = referral_problems(
        kind,
        raised,
        raised + timedelta(days=referred),
        raised + timedelta(days=feedback_on) if feedback_on is not None else None,
        feedback,
    )
    assert set(found) == problems


# The exchange format: a concern's `referral` (additive).
REFERRAL = {
    "referred_on": "2025-05-06", "team": "Buurtteam Houten", "note": "Schulden.",
    "feedback_on": "2025-06-01", "feedback": "Schuldhulp gestart.",
}  # fmt: skip


@pytest.fixture
def document():
    import copy

    from baanbehoud.exchange.tests.conftest import EXAMPLE

    doc = copy.deepcopy(EXAMPLE)
    doc["concerns"][0]["kind"] = "private"
    doc["concerns"][0]["referral"] = dict(REFERRAL)
    return doc


def test_the_exchange_format_carries_the_referral(document):
    from baanbehoud.exchange.exporter import export_document
    from baanbehoud.exchange.importer import import_document

    result = import_document(document)
    assert result.ok, result.problems
    assert Referral.objects.get().feedback == "Schuldhulp gestart."
    assert result.as_json()["counts"]["referrals"] == {"created": 1, "updated": 0, "unchanged": 0}
    (exported,) = export_document()["concerns"]
    assert exported["referral"] == REFERRAL
    (pseudonymised,) = export_document(pseudonymise=True)["concerns"]
    assert pseudonymised["referral"]["note"] == "" and pseudonymised["referral"]["feedback"] == ""
    again = import_document(document)
    assert again.as_json()["counts"]["referrals"]["unchanged"] == 1


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"kind": "health"},
            "concerns[0].referral.referred_on: Alleen een zorgsignaal over "
            "thuis of privé kan naar het buurtteam.",
        ),
        (
            {"referral": dict(REFERRAL, feedback="")},
            "concerns[0].referral.feedback: Schrijf op wat het buurtteam heeft teruggekoppeld.",
        ),
        (
            {"referral": dict(REFERRAL, team="")},
            "concerns[0].referral.team: ontbreekt; dit veld is verplicht.",
        ),
    ],
)
def test_a_wrong_referral_names_its_json_path_and_nothing_is_written(document, change, problem):
    from baanbehoud.exchange.tests.test_import import reject

    document["concerns"][0].update(change)
    reject(document, problem)


def test_a_concern_recorded_afterwards_keeps_the_day_it_was_raised(world):
    # The demo records its history's concerns afterwards (`raised_on`); a day still to come is
    # refused, as on the page.
    from django.core.exceptions import ValidationError

    from baanbehoud.guidance.services import concern_raise

    contact, placement = world["contact"], world["placement"]
    earlier = timezone.localdate() - timedelta(days=14)
    concern = concern_raise(user=contact, placement=placement, kind="private", raised_on=earlier)
    assert Concern.objects.get(pk=concern.pk).date == earlier
    with pytest.raises(ValidationError):
        concern_raise(
            user=contact,
            placement=placement,
            kind="private",
            raised_on=timezone.localdate() + timedelta(days=1),
        )
    assert Concern.objects.count() == 1
