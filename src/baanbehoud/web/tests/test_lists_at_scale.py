"""Issue 18, done when: with 2,000 persons and 5,000 signals in one organisation, each list page
renders its first page with a bounded number of queries, and the team worklist's page holds at
most 100 rows. The organisation is written in bulk once for the module (rolled back after)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)
from baanbehoud.persons.models import BenefitScheme, Person
from baanbehoud.placements.models import ContractPeriod, Placement, Route
from baanbehoud.signals.models import SignalInterval

PERSONS = 2_000
SIGNALS = 5_000
CODES = ["CONTRACT_END", "CONTACT_DUE", "EVALUATION_DUE"]
# The queries every logged-in page makes (session, user, second factor, menu counts, saved
# views) and a list's own: its filters' choices, a count, a page, the processing log.
BOUND = 14


@pytest.fixture(scope="module")
def organisation(django_db_setup: Any, django_db_blocker: Any) -> Any:
    today = timezone.localdate()
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = OrganisationFactory.create(name="Grote gemeente")
        towns = [MunicipalityFactory.create(organisation=organisation) for _ in range(4)]
        owners = [
            UserFactory.create(
                role=Role.KLANTMANAGER, organisation=organisation, full_name=f"Klantmanager {n}"
            )
            for n in range(20)
        ]
        account_manager = UserFactory.create(
            role=Role.ACCOUNTMANAGER, organisation=organisation, full_name="Accountmanager"
        )
        employers = Employer.objects.bulk_create(
            Employer(
                ref=f"schaal-e{n}",
                name=f"Werkgever {n:03d}",
                kvk=f"{50000000 + n}",
                sector="zorg" if n % 2 else "horeca",
                municipality=towns[n % 4],
                account_manager=account_manager if n % 3 else None,
            )
            for n in range(200)
        )
        Vacancy.objects.bulk_create(
            Vacancy(employer=employers[n % 200], title=f"Functie {n}", municipality=towns[n % 4],
                    hours_min=Decimal(12), hours_max=Decimal(24))
            for n in range(300)
        )  # fmt: skip
        persons = Person.objects.bulk_create(
            Person(
                ref=f"schaal-p{n}",
                name=f"Persoon {n:04d}",
                birth_date=date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                municipality=towns[n % 4],
                organisation=organisation,
                regime=BenefitScheme.PARTICIPATIEWET if n % 2 else BenefitScheme.WAJONG,
                contact_person=owners[n % 20] if n % 50 else None,
            )
            for n in range(PERSONS)
        )
        placements = Placement.objects.bulk_create(
            Placement(ref=f"schaal-pl{n}", person=person, employer=employers[n % 200],
                      function="Medewerker", route=Route.WSP)
            for n, person in enumerate(persons)
        )  # fmt: skip
        ContractPeriod.objects.bulk_create(
            ContractPeriod(placement=p, kind=ContractPeriod.Kind.TEMPORARY,
                           start=today - timedelta(days=200), end=today + timedelta(days=100),
                           hours_per_week=Decimal(20))
            for p in placements
        )  # fmt: skip
        SignalInterval.objects.bulk_create(
            SignalInterval(
                placement=placements[n % PERSONS],
                code=CODES[n // PERSONS],
                subject="",
                due=today + timedelta(days=(n % 40) - 20),
                opens=today - timedelta(days=30),
                closes=None,
                message="Bel de werkgever",
            )
            for n in range(SIGNALS)
        )
        yield {"lead": owners[0], "account_manager": account_manager, "towns": towns}
        transaction.set_rollback(True)


LISTS = [
    ("worklist", {}),
    ("worklist", {"weergave": "team"}),
    ("worklist", {"weergave": "team", "urgentie": "te-laat", "sorteer": "persoon"}),
    ("person-list", {}),
    ("person-list", {"contactpersoon": "geen", "regeling": "wajong", "sorteer": "-gemeente"}),
    ("employer-list", {}),
    ("employer-list", {"medewerkers": "ja", "sorteer": "-medewerkers"}),
    ("placement-list", {}),
    ("placement-list", {"stand": "", "route": "wsp", "sorteer": "-begin"}),
    ("vacancy-list", {}),
    ("without-contact", {}),
]


@pytest.mark.parametrize(("name", "params"), LISTS, ids=lambda v: str(v))
def test_each_list_renders_its_first_page_in_a_bounded_number_of_queries(
    client, db, organisation, name, params
):
    client.force_login(organisation["lead"])
    url = reverse(name)
    client.get(url, params)  # the session settles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    reads = [q["sql"] for q in queries.captured_queries]
    assert len(reads) <= BOUND, "\n".join(s[:160] for s in reads)
    html = response.content.decode()
    # A page is short: the team's 5,000 signals a hundred at a time, the lists 25 or 50.
    pattern = r'<tr class="signal ' if name == "worklist" else r"<tr[ >]"
    rows = len(re.findall(pattern, html))
    assert 1 < rows <= 101, rows


def test_the_team_list_of_five_thousand_signals_shows_a_hundred_and_says_how_many(
    client, db, organisation
):
    client.force_login(organisation["lead"])
    html = client.get(reverse("worklist"), {"weergave": "team"}).content.decode()
    assert len(re.findall(r'<tr class="signal ', html)) == 100
    assert "Pagina 1 van 50" in html


def test_a_download_of_two_thousand_persons_is_set_based_and_logged(client, db, organisation):
    client.force_login(organisation["lead"])
    before = ProcessingLogEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("person-list"), {"formaat": "csv"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == PERSONS + 1
    sql = [q["sql"] for q in queries.captured_queries]
    # Reads do not grow with the list; the log is written in batches (SQLite's are small).
    assert len([q for q in sql if q.startswith("SELECT")]) <= BOUND, "\n".join(sql)
    assert all("audit_processinglogentry" in q for q in sql if q.startswith("INSERT"))
    assert ProcessingLogEntry.objects.count() > before
