from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure
from baanbehoud.core.access import CASE_MANAGERS, CASE_READERS, roles_required
from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.core.lists import list_page
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.services import invite
from baanbehoud.placements.models import Placement
from baanbehoud.placements.selectors import employer_placements

from . import services
from .forms import (
    AccountManagerForm,
    EmployerContactForm,
    EmployerRegisterForm,
    SupervisorInviteForm,
    VacancyForm,
)
from .lists import EMPLOYERS, VACANCIES, employers_with_counts
from .models import Employer, Vacancy
from .selectors import employer_detail

PAGE_SIZE = 25


@roles_required(*CASE_MANAGERS)
def employer_contact_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assign the employer's WSP contact (resolves NO_CONTACT_PERSON for the employer)."""
    user = request.user
    try:
        employer = Employer.objects.visible_to(user).get(pk=pk)
    except Employer.DoesNotExist as exc:
        raise Http404 from exc
    region_id = user.organisation.region_id if user.organisation else None
    form = AccountManagerForm(
        request.POST or None,
        region_id=region_id,
        initial={"account_manager": employer.account_manager_id},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.account_manager_assign(
            employer=employer, account_manager=f.cleaned_data["account_manager"]
        ),
        success_url=reverse("employer-detail", args=[pk]),
        title="Contactpersoon van de werkgever",
        subject=None,
        success_message="De contactpersoon is opgeslagen.",
        context={"intro": f"Wie is het vaste aanspreekpunt van {employer.name} bij het WSP?"},
    )


@roles_required(*CASE_MANAGERS)
def invite_supervisor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An account for a supervisor or HR contact: they see only their own employees."""
    user = request.user
    try:
        employer = Employer.objects.visible_to(user).get(pk=pk)
    except Employer.DoesNotExist as exc:
        raise Http404 from exc
    form = SupervisorInviteForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda f: invite(
            user=user,
            email=f.cleaned_data["email"],
            role=Role.WERKGEVER,
            employer=employer,
            name=f.cleaned_data["name"],
        ),
        success_url=reverse("employer-detail", args=[pk]),
        title="Leidinggevende uitnodigen",
        subject=None,
        success_message="De uitnodiging is verstuurd.",
        context={
            "intro": f"Een leidinggevende of HR-medewerker van {employer.name} krijgt toegang tot de eigen "
            "medewerkers in de banenafspraak: voornaam, functie, evaluaties en 'trek aan de bel'."
        },
    )


@roles_required(*CASE_READERS)
def employer_list(request: AuthenticatedRequest) -> HttpResponse:
    employers = employers_with_counts(Employer.objects.visible_to(request.user))
    listing = list_page(request, EMPLOYERS, employers)
    if isinstance(listing, HttpResponse):
        return listing
    can_register = request.user.is_superuser or request.user.role in CASE_MANAGERS
    return render(
        request,
        "employers/employer_list.html",
        {"list": listing, "page": listing.page, "can_register": can_register},
    )


@roles_required(*CASE_READERS)
def vacancy_list(request: AuthenticatedRequest) -> HttpResponse:
    """The vacancies of the employers the user may see (issue 18 §2): open ones first."""
    vacancies = Vacancy.objects.filter(
        employer__in=Employer.objects.visible_to(request.user).values("pk")
    ).select_related("employer", "municipality")
    listing = list_page(request, VACANCIES, vacancies)
    if isinstance(listing, HttpResponse):
        return listing
    return render(request, "employers/vacancy_list.html", {"list": listing, "page": listing.page})


@roles_required(*CASE_READERS, Role.WERKGEVER)
def employer_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        employer = employer_detail(user=request.user, pk=pk)
    except Employer.DoesNotExist as exc:
        raise Http404 from exc
    placements = employer_placements(user=request.user, employer=employer)
    log_processing(
        user=request.user,
        persons=[p.person for p in placements],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="plaatsing (werkgever)",
    )
    workers = [_worker_row(placement, today(), request.user) for placement in placements]
    workers.sort(key=_worker_order)
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "workers": workers,
            "can_manage": request.user.is_superuser
            or request.user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER),
        },
    )


def _worker_row(placement: Placement, now: date, user: User) -> dict[str, Any]:
    contracts = list(placement.contracts.all())
    current = next((c for c in reversed(contracts) if c.start <= now), None)
    return {
        "placement": placement,
        "name": disclosure.shown_name(placement.person.name, user.role, user.is_superuser),
        "current": current,
        "ending": getattr(placement, "ending", None),
    }


def _worker_order(row: dict[str, Any]) -> tuple[bool, date]:
    """Running placements first, the soonest contract end on top (Summary §5)."""
    current = row["current"]
    end = current.end if current is not None and current.end else date.max
    return (row["ending"] is not None, end)


def _managed_employer(request: AuthenticatedRequest, pk: int) -> Employer:
    return get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)


@roles_required(*CASE_MANAGERS)
def employer_register(request: AuthenticatedRequest) -> HttpResponse:
    """Issue 17 §1: an employer from nothing (an accountmanager becomes its WSP contact)."""
    form = EmployerRegisterForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda f: services.employer_register(user=request.user, **f.cleaned_data),
        success_url=reverse("employer-list"),
        go_to=lambda employer: reverse("employer-detail", args=[employer.pk]),
        title="Werkgever toevoegen",
        subject=None,
        success_message="De werkgever is toegevoegd.",
        context={"intro": "Een werkgever die nog niet in Baanbehoud staat."},
        template="employers/employer_register.html",
    )


@roles_required(*CASE_MANAGERS)
def employer_contact_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The employer's own contact person: supervisor, HR, internal guide."""
    employer = _managed_employer(request, pk)
    form = EmployerContactForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda f: services.employer_contact_add(employer=employer, **f.cleaned_data),
        success_url=reverse("employer-detail", args=[pk]),
        title="Contactpersoon van de werkgever toevoegen",
        subject=None,
        success_message="De contactpersoon is toegevoegd.",
        context={"intro": f"Wie is bij {employer.name} het aanspreekpunt op de werkvloer?"},
    )


@roles_required(*CASE_MANAGERS)
def vacancy_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A vacancy as a task package, made with the employer (report §4.3.4)."""
    employer = _managed_employer(request, pk)
    form = VacancyForm(request.POST or None, instance=Vacancy(employer=employer), user=request.user)
    return form_page(
        request,
        form,
        save=lambda f: services.vacancy_add(employer=employer, **f.cleaned_data),
        success_url=reverse("employer-detail", args=[pk]),
        go_to=lambda vacancy: reverse("vacancy-detail", args=[vacancy.pk]),
        title="Vacature toevoegen",
        subject=None,
        success_message="De vacature is toegevoegd.",
        context={"intro": f"Een takenpakket bij {employer.name}, met de uren als bandbreedte."},
    )


def _vacancy(request: AuthenticatedRequest, pk: int) -> Vacancy:
    visible = Employer.objects.visible_to(request.user).values("pk")
    return get_object_or_404(
        Vacancy.objects.filter(employer__in=visible).select_related(
            "employer", "municipality", "account_manager"
        ),
        pk=pk,
    )


@roles_required(*CASE_READERS, Role.WERKGEVER)
def vacancy_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The task package: what the work asks and offers, the items a match is scored on."""
    vacancy = _vacancy(request, pk)
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "can_manage": request.user.is_superuser or request.user.role in CASE_MANAGERS,
            "can_match": request.user.is_superuser or request.user.role in CASE_READERS,
        },
    )


@roles_required(*CASE_MANAGERS)
def vacancy_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change the task package, or say it is filled or withdrawn."""
    vacancy = _vacancy(request, pk)
    form = VacancyForm(request.POST or None, instance=vacancy, user=request.user)
    return form_page(
        request,
        form,
        save=lambda f: services.vacancy_change(vacancy=vacancy, **f.cleaned_data),
        success_url=reverse("vacancy-detail", args=[pk]),
        title="Vacature wijzigen",
        subject=None,
        success_message="De vacature is opgeslagen.",
        context={"intro": f"{vacancy.title} bij {vacancy.employer.name}."},
    )
