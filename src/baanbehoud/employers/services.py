"""Writes of employers: registering an employer, its own contact persons and vacancies, and the
WSP contact. Employers are organisations, not persons: no processing-log entry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from baanbehoud.organisations.models import Municipality, Role
from baanbehoud.refs import new_ref

from .models import Employer, EmployerContact, Sector, Vacancy

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


@transaction.atomic
def account_manager_assign(*, employer: Employer, account_manager: User | None) -> Employer:
    """Report §4.2.5: employers want a fixed WSP contact, also once the worker is permanent."""
    employer.account_manager = account_manager
    employer.full_clean()
    employer.save(update_fields=["account_manager"])
    return employer


@transaction.atomic
def employer_register(
    *,
    user: User,
    name: str,
    kvk: str,
    sector: str = Sector.OTHER,
    municipality: Municipality | None = None,
) -> Employer:
    """An employer entered on a screen (issue 17 §1); an accountmanager who enters it becomes its
    WSP contact. The same KvK twice is refused by the form and by the database."""
    employer = Employer(
        ref=new_ref("werkgever"),
        name=name,
        kvk=kvk,
        sector=sector,
        municipality=municipality,
        account_manager=user if user.role == Role.ACCOUNTMANAGER else None,
    )
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_contact_add(
    *, employer: Employer, name: str, function: str = "", email: str = "", phone: str = ""
) -> EmployerContact:
    contact = EmployerContact(
        employer=employer, name=name, function=function, email=email, phone=phone
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def vacancy_add(
    *,
    employer: Employer,
    title: str,
    hours_min: Decimal,
    hours_max: Decimal,
    tasks: str = "",
    guidance_offered: str = "",
    team_or_alone: str = "",
    work_pressure: str = "",
    intends_permanent: bool | None = None,
    municipality: Municipality | None = None,
    start: date | None = None,
) -> Vacancy:
    """A vacancy as a task package (report §4.3.4): hours as a range, e.g. 12-24."""
    vacancy = Vacancy(
        employer=employer,
        title=title,
        hours_min=hours_min,
        hours_max=hours_max,
        tasks=tasks,
        guidance_offered=guidance_offered,
        team_or_alone=team_or_alone,
        work_pressure=work_pressure,
        intends_permanent=intends_permanent,
        municipality=municipality,
        start=start,
    )
    vacancy.full_clean()
    vacancy.save()
    return vacancy
