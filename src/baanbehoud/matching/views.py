"""The match on screen (issue 19 §2): the candidates for a task package, and the open task
packages for a person, best first, each with the reasons of its score."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core.access import CASE_READERS, roles_required
from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.employers.models import VacancyStatus
from baanbehoud.persons.models import Person

from . import selectors

SHOWN = 25  # the best candidates on the page; the rest are counted


@roles_required(*CASE_READERS)
def vacancy_candidates(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(
        selectors.visible_vacancies(request.user).select_related("employer", "municipality"),
        pk=pk,
    )
    if vacancy.status != VacancyStatus.OPEN:
        raise Http404("Deze vacature is niet open.")
    ranked = selectors.candidates_for_vacancy(vacancy, request.user, today())
    suitable, excluded = ranked.suitable, ranked.excluded
    shown = suitable[:SHOWN]
    log_processing(
        user=request.user,
        persons=[ranked.persons[m.candidate.person_id] for m in [*shown, *excluded]],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="kandidaat (matching)",
        object_id=str(vacancy.pk),
    )
    return render(
        request,
        "matching/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "rows": [(m, ranked.persons[m.candidate.person_id]) for m in shown],
            "more": len(suitable) - len(shown),
            "excluded": [(m, ranked.persons[m.candidate.person_id]) for m in excluded],
            "most": selectors.weights().most,
        },
    )


@roles_required(*CASE_READERS)
def person_vacancies(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    ranked = selectors.vacancies_for_person(person, request.user)
    log_processing(
        user=request.user,
        persons=[person],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="persoon (passend werk)",
    )
    return render(
        request,
        "matching/person_vacancies.html",
        {
            "person": person,
            "rows": [(m, ranked.vacancies[m.package.vacancy_id]) for m in ranked.suitable],
            "excluded": [(m, ranked.vacancies[m.package.vacancy_id]) for m in ranked.excluded],
            "most": selectors.weights().most,
        },
    )
