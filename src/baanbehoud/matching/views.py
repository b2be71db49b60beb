"""The match on screen (issue 19 §2): the candidates for a task package, and the open task
packages for a person, best first, each with the reasons of its score."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core.access import CASE_MANAGERS, CASE_READERS, roles_required
from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.dates import add_months
from baanbehoud.employers.models import Vacancy, VacancyStatus
from baanbehoud.organisations.models import Role
from baanbehoud.persons.models import Person

from . import selectors, services
from .domain import SHAREABLE
from .forms import AnswerForm, MeetingForm, ProposalForm, StartForm, StopForm
from .models import Proposal

SHOWN = 25  # the best candidates on the page, and the first excluded; the rest are counted


@roles_required(*CASE_READERS)
def vacancy_candidates(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    vacancy = _open_vacancy(request, pk)
    ranked = selectors.candidates_for_vacancy(vacancy, request.user, today(), shown=SHOWN)
    shown, excluded = ranked.suitable, ranked.excluded
    more, more_excluded = ranked.more
    log_processing(
        user=request.user,
        persons=[ranked.persons[m.candidate.person_id] for m in [*shown, *excluded]],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="kandidaat (matching)",
        object_id=str(vacancy.pk),
    )
    proposed = dict(
        Proposal.objects.filter(vacancy=vacancy)
        .exclude(status=Proposal.Status.STOPPED)
        .values_list("person_id", "status")
    )
    labels = {str(code): str(label) for code, label in Proposal.Status.choices}
    proposed = {pk: labels[status] for pk, status in proposed.items()}
    return render(
        request,
        "matching/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "can_propose": request.user.is_superuser or request.user.role in CASE_MANAGERS,
            "rows": [
                (m, ranked.persons[m.candidate.person_id], proposed.get(m.candidate.person_id))
                for m in shown
            ],
            "more": more,
            "excluded": [(m, ranked.persons[m.candidate.person_id]) for m in excluded],
            "more_excluded": more_excluded,
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


def _open_vacancy(request: AuthenticatedRequest, pk: int) -> Vacancy:
    vacancy = get_object_or_404(
        selectors.visible_vacancies(request.user).select_related("employer"), pk=pk
    )
    if vacancy.status != VacancyStatus.OPEN:
        raise Http404("Deze vacature is niet open.")
    return vacancy


@roles_required(*CASE_MANAGERS)
def proposal_new(request: AuthenticatedRequest, pk: int, person_pk: int) -> HttpResponse:
    """Propose a candidate to the employer, with the candidate's consent (issue 19 §3)."""
    vacancy = _open_vacancy(request, pk)
    person = get_object_or_404(
        selectors.candidate_persons(request.user, today()).select_related("profile"),
        pk=person_pk,
    )
    profile = getattr(person, "profile", None)
    filled = [
        name
        for name, _label in SHAREABLE
        if profile is not None and getattr(profile, name) not in (None, "")
    ]
    form = ProposalForm(request.POST or None, filled=filled)
    return form_page(
        request,
        form,
        save=lambda f: services.proposal_make(
            user=request.user, vacancy=vacancy, person=person, **f.cleaned_data
        ),
        success_url=reverse("vacancy-candidates", args=[pk]),
        title=f"{person.name} voorstellen",
        subject=person,
        success_message="De kandidaat is voorgesteld. De werkgever ziet het voorstel zonder naam.",
        context={
            "intro": f"Voor {vacancy.title} bij {vacancy.employer.name}. Vraag de kandidaat "
            "eerst of dit mag.",
            "submit_label": "Voorstellen",
        },
    )


@roles_required(Role.WERKGEVER)
def employer_proposals(request: AuthenticatedRequest) -> HttpResponse:
    """The employer's proposed candidates: anonymous, only what each candidate agreed to share."""
    proposals = list(
        Proposal.objects.visible_to(request.user)
        .select_related("vacancy", "person__profile")
        # those waiting for the employer's answer first
        .order_by(
            Case(When(status=Proposal.Status.PROPOSED, then=0), default=1),
            "-proposed_on",
            "-pk",
        )
    )
    log_processing(
        user=request.user,
        persons=[p.person for p in proposals],
        action=Action.READ,
        activity="Werkgever: voorgestelde kandidaten",
        object_type="voorstel (zonder naam)",
    )
    return render(request, "matching/employer_proposals.html", {"proposals": proposals})


@roles_required(Role.WERKGEVER)
def proposal_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("vacancy", "person__profile"),
        pk=pk,
    )
    # The page shows the shared part of a person's profile: a read, logged as the list's is
    # (not as form_page's subject, whose title would name the person).
    log_processing(
        user=request.user,
        persons=[proposal.person],
        action=Action.READ,
        activity="Werkgever: voorgestelde kandidaat",
        object_type="voorstel (zonder naam)",
        object_id=str(proposal.pk),
    )
    form = AnswerForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda f: services.proposal_answer(
            user=request.user, proposal=proposal, **f.cleaned_data
        ),
        success_url=reverse("employer-proposals"),
        title=f"{proposal.label} voor {proposal.vacancy.title}",
        subject=None,
        success_message="Uw antwoord is opgeslagen. De contactpersoon van het WSP hoort het.",
        context={"proposal": proposal, "intro": "Lees wat de kandidaat over zichzelf deelt."},
        template="matching/proposal_answer.html",
    )


def _managed(request: AuthenticatedRequest, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.manageable_by(request.user).select_related("person", "vacancy__employer"),
        pk=pk,
    )


@roles_required(*CASE_MANAGERS)
def proposal_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _managed(request, pk)
    form = MeetingForm(request.POST or None, initial={"meeting_on": proposal.meeting_on})
    return form_page(
        request,
        form,
        save=lambda f: services.proposal_meeting(
            user=request.user, proposal=proposal, **f.cleaned_data
        ),
        success_url=reverse("person-detail", args=[proposal.person_id]),
        title="Kennismaking plannen",
        subject=proposal.person,
        success_message="De kennismaking staat gepland.",
        context={"intro": f"{proposal.person.name} en {proposal.vacancy.employer.name}."},
    )


@roles_required(*CASE_MANAGERS)
def proposal_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The proefplaatsing, made from the proposal after a yes."""
    proposal = _managed(request, pk)
    first = proposal.meeting_on or today()
    form = StartForm(
        request.POST or None,
        initial={
            "start": first,
            "end": add_months(first, 2) - timedelta(days=1),
            "hours_per_week": proposal.vacancy.hours_min,
        },
    )
    return form_page(
        request,
        form,
        save=lambda f: services.proposal_start(
            user=request.user, proposal=proposal, **f.cleaned_data
        ),
        success_url=reverse("person-detail", args=[proposal.person_id]),
        go_to=lambda placement: reverse("placement-detail", args=[placement.pk]),
        title="Proefplaatsing starten",
        subject=proposal.person,
        success_message="De proefplaatsing is vastgelegd.",
        context={
            "intro": f"{proposal.person.name} als {proposal.vacancy.title} bij "
            f"{proposal.vacancy.employer.name}, via het WSP."
        },
    )


@roles_required(*CASE_MANAGERS)
def proposal_stop(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _managed(request, pk)
    form = StopForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda f: services.proposal_stop(
            user=request.user, proposal=proposal, **f.cleaned_data
        ),
        success_url=reverse("person-detail", args=[proposal.person_id]),
        title="Voorstel stoppen",
        subject=proposal.person,
        success_message="Het voorstel is gestopt.",
        context={"intro": f"{proposal.vacancy.title} bij {proposal.vacancy.employer.name}."},
    )
