"""Task packages in the exchange format (issue 19 §1): the list `vacancies`, additive. Imported
on ref, all or nothing, with the hours rule of the page; exported as imported."""

from __future__ import annotations

import copy

import pytest

from baanbehoud.employers.models import Vacancy
from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document

from .test_import import reject, row_counts

pytestmark = pytest.mark.django_db

VACANCY = {
    "ref": "v1", "employer": "e1", "title": "Inpakker", "tasks": "Brood inpakken.",
    "task_kinds": ["sorting", "warehouse"],
    "hours_min": 12, "hours_max": 24, "days": "maandag tot en met woensdag",
    "municipality": "Woerden", "start": "2027-01-04", "work_pressure": "low",
    "stimuli": "medium", "physical_demand": "low", "social_demand": "high",
    "team_or_alone": "team", "supervision": True, "buddy": True, "jobcoaching_possible": True,
    "guidance_offered": "Een vaste collega.", "reorganisation_planned": False,
    "intends_permanent": True, "status": "open", "account_manager": "c1",
}  # fmt: skip


@pytest.fixture
def with_vacancy(document):
    document["vacancies"] = [copy.deepcopy(VACANCY)]
    return document


def test_a_vacancy_imports_with_every_item_and_twice_changes_nothing(with_vacancy):
    result = import_document(with_vacancy)
    assert result.ok, result.problems
    assert result.as_json()["counts"]["vacancies"] == {"created": 1, "updated": 0, "unchanged": 0}
    vacancy = Vacancy.objects.get(ref="v1")
    assert (vacancy.employer.ref, vacancy.account_manager.ref, vacancy.municipality.name) == (
        "e1", "c1", "Woerden",
    )  # fmt: skip
    assert (vacancy.hours_min, vacancy.hours_max, vacancy.buddy, vacancy.social_demand) == (
        12, 24, True, "high",
    )  # fmt: skip
    assert vacancy.task_kinds == ["sorting", "warehouse"]
    counts = row_counts()
    again = import_document(with_vacancy)
    assert again.as_json()["counts"]["vacancies"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert row_counts() == counts
    with_vacancy["vacancies"][0]["status"] = "filled"
    assert import_document(with_vacancy).as_json()["counts"]["vacancies"]["updated"] == 1
    assert Vacancy.objects.get(ref="v1").status == "filled"


def test_left_out_items_are_unknown_and_the_vacancy_is_open(document):
    document["vacancies"] = [
        {"ref": "v2", "employer": "e1", "title": "Schoonmaker", "hours_min": 8, "hours_max": 16}
    ]
    assert import_document(document).ok
    vacancy = Vacancy.objects.get(ref="v2")
    assert (vacancy.status, vacancy.work_pressure, vacancy.jobcoaching_possible) == (
        "open",
        "",
        True,
    )
    assert vacancy.intends_permanent is None and vacancy.account_manager is None
    assert vacancy.task_kinds == []


def test_export_gives_back_what_was_imported(with_vacancy):
    assert import_document(with_vacancy).ok
    (exported,) = export_document()["vacancies"]
    assert exported == VACANCY
    pseudonymised = export_document(pseudonymise=True)["vacancies"][0]
    assert pseudonymised["ref"] != "v1" and pseudonymised["employer"] != "e1"
    assert pseudonymised["municipality"] is None and pseudonymised["title"] == "(weggelaten)"


def test_an_export_of_chosen_persons_has_no_vacancies(with_vacancy):
    from baanbehoud.persons.models import Person

    assert import_document(with_vacancy).ok
    assert export_document(persons=Person.objects.all())["vacancies"] == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"hours_min": 24, "hours_max": 12},
         "vacancies[0].hours_max: Het maximum aantal uren is lager dan het minimum."),
        ({"employer": "e9"}, "vacancies[0].employer: werkgever 'e9' bestaat niet."),
        ({"hours_max": None}, "vacancies[0].hours_max: ontbreekt; vul een getal in."),
        ({"buddy": "ja"}, "vacancies[0].buddy: moet true of false zijn."),
        ({"task_kinds": "sorting"}, "vacancies[0].task_kinds: moet een lijst zijn ([...])."),
        ({"municipality": "Atlantis"}, "vacancies[0].municipality: gemeente 'Atlantis' is onbekend."),
        ({"account_manager": "c9"},
         "vacancies[0].account_manager: contactpersoon 'c9' bestaat niet (of de naam past bij "
         "meer mensen); gebruik de referentie uit de lijst met contactpersonen."),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_and_writes_nothing(with_vacancy, change, expected):
    with_vacancy["vacancies"][0] |= change
    reject(with_vacancy, expected)


def test_an_unknown_level_or_status_names_the_codes(with_vacancy):
    with_vacancy["vacancies"][0] |= {"stimuli": "veel", "status": "closed"}
    result = import_document(with_vacancy)
    messages = [str(p) for p in result.problems]
    assert messages[0].startswith(
        "vacancies[0].stimuli: onbekende code 'veel'; kies uit: Laag (low)"
    )
    assert messages[1].startswith(
        "vacancies[0].status: onbekende code 'closed'; kies uit: Open (open)"
    )
    assert not Vacancy.objects.exists()


def test_an_unknown_kind_of_work_names_its_place_and_the_codes(with_vacancy):
    with_vacancy["vacancies"][0]["task_kinds"] = ["sorting", "dansen"]
    result = import_document(with_vacancy)
    [message] = [str(p) for p in result.problems]
    assert message.startswith(
        "vacancies[0].task_kinds[1]: onbekende code 'dansen'; kies uit: Schoonmaken (cleaning), "
        "Inpakken, sorteren en tellen (sorting)"
    )
    assert not Vacancy.objects.exists()


def test_a_ref_twice_is_refused(with_vacancy):
    with_vacancy["vacancies"].append(copy.deepcopy(VACANCY))
    reject(with_vacancy, "vacancies[1].ref: 'v1' komt twee keer voor (ook in vacancies[0]).")


def test_the_command_line_and_the_administrator_s_export_carry_the_task_packages(with_vacancy):
    """The export every door makes (`baanbehoud export`, the administrator's export page): the
    whole register's task packages, or the administrator's region's — not another region's."""
    from baanbehoud.exchange.exporter import export_logged
    from baanbehoud.organisations.models import Role
    from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory

    assert import_document(with_vacancy).ok
    assert [v["ref"] for v in export_logged(user=None)["vacancies"]] == ["v1"]
    vacancy = Vacancy.objects.get(ref="v1")
    region = vacancy.employer.municipality.region
    admin = UserFactory.create(
        role=Role.BEHEERDER, organisation=OrganisationFactory.create(region=region)
    )
    stranger = UserFactory.create(
        role=Role.BEHEERDER, organisation=OrganisationFactory.create(region__name="Elders")
    )
    assert [v["ref"] for v in export_logged(user=admin)["vacancies"]] == ["v1"]
    assert export_logged(user=stranger)["vacancies"] == []
