"""Writes of employers: registering an employer, its own contact persons and vacancies, and the
WSP contact. Employers are organisations, not persons: no processing-log entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from baanbehoud.core.choices import Sector
from baanbehoud.organisations.models import Municipality, Role
from baanbehoud.refs import new_ref

from .models import Employer, EmployerContact, Vacancy

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


# What a task package holds, as the page, the API and the import write it.
VACANCY_FIELDS = (
    "title", "tasks", "task_kinds", "hours_min", "hours_max", "days", "municipality", "start",
    "work_pressure", "stimuli", "physical_demand", "social_demand", "team_or_alone",
    "supervision", "buddy", "jobcoaching_possible", "guidance_offered",
    "reorganisation_planned", "intends_permanent", "status", "account_manager",
)  # fmt: skip


@transaction.atomic
def vacancy_add(*, employer: Employer, ref: str | None = None, **fields: Any) -> Vacancy:
    """A vacancy as a task package made with the employer (report §4.3.4): hours as a range,
    e.g. 12-24. The accountmanager who makes it owns it; else the employer's WSP contact.
    `ref`: a source system's reference (the API); left out, Baanbehoud makes one."""
    if fields.get("account_manager") is None:
        fields["account_manager"] = employer.account_manager
    vacancy = Vacancy(employer=employer, **({"ref": ref} if ref else {}))
    return _vacancy_save(vacancy, fields)


@transaction.atomic
def vacancy_change(*, vacancy: Vacancy, **fields: Any) -> Vacancy:
    """The task package changed, or its status: filled or withdrawn (then it is matched no
    more)."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    return _vacancy_save(vacancy, fields)


def _vacancy_save(vacancy: Vacancy, fields: dict[str, Any]) -> Vacancy:
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(vacancy, name, value)
    vacancy.full_clean()
    vacancy.save()
    return vacancy
