from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure
from baanbehoud.core.access import (
    CASE_MANAGERS,
    CASE_READERS,
    PLACEMENT_PARTIES,
    REPORT_READERS,
    roles_required,
)
from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.core.lists import list_page, log_persons
from baanbehoud.dates import format_date_nl
from baanbehoud.employers.models import Employer
from baanbehoud.guidance.selectors import person_file
from baanbehoud.matching.models import Proposal
from baanbehoud.organisations.models import Municipality, Role
from baanbehoud.placements.domain import permanent_on
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.placements.selectors import placement_chain_status
from baanbehoud.placements.text import describe_chain
from baanbehoud.placements.timeline import axis_for, segments
from baanbehoud.signals.actions import Paths, actions_for
from baanbehoud.signals.domain import CODE_LABELS, Code
from baanbehoud.signals.selectors import open_signal_rows, persons_with_open

from . import services
from .forms import (
    ContactPersonForm,
    InviteForm,
    LoadCapacityForm,
    PersonRegisterForm,
    PretrajectoryForm,
    ProfileForm,
    WerkfitForm,
)
from .lists import PERSONS, WITHOUT_CONTACT
from .models import CandidateProfile, LoadAssessment, Person, Pretrajectory, WerkfitCheck
from .selectors import awaiting_assessment, werkfit_of, werkfit_points

PAGE_SIZE = 25
EMPLOYERS_SHOWN = 100
KIND_LABELS = {str(value): str(label) for value, label in ContractPeriod.Kind.choices}


@roles_required(Role.KLANTMANAGER)
def contact_person_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assign or hand over the vaste contactpersoon (resolves NO_CONTACT_PERSON)."""
    try:
        person = Person.objects.visible_to(request.user).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    form = ContactPersonForm(
        request.POST or None,
        organisation_id=person.organisation_id,
        initial={"contact_person": person.contact_person_id},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.contact_person_assign(
            user=request.user,
            person=person,
            contact_person=f.cleaned_data["contact_person"],
            note=f.cleaned_data["note"],
        ),
        success_url=reverse("person-detail", args=[pk]),
        title="Vaste contactpersoon",
        subject=person,
        success_message="De contactpersoon is opgeslagen.",
        context={"intro": f"Wie is de vaste contactpersoon van {person.name}?"},
    )


def _profile_page(request: AuthenticatedRequest, person: Person, success_url: str) -> HttpResponse:
    profile = CandidateProfile.objects.filter(person=person).first() or CandidateProfile(
        person=person
    )
    form = ProfileForm(
        request.POST or None,
        instance=profile,
        for_worker=request.user.role == Role.WERKNEMER,
    )

    def save(f: ProfileForm) -> None:
        try:
            services.profile_save(user=request.user, person=person, **f.cleaned_data)
        except services.StaleEdit as exc:
            # Shown again with what the other person saved; the next save is a choice.
            data = f.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version)
            f.data = data
            raise

    return form_page(
        request,
        form,
        save=save,
        success_url=success_url,
        title="Profiel: wat ik goed kan en wat ik nodig heb",
        subject=person,
        success_message="Het profiel is opgeslagen.",
        context={"intro": "Vul in wat bij u past. Alles mag leeg blijven."},
    )


@roles_required(*CASE_MANAGERS)
def profile_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        person = Person.objects.visible_to(request.user).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    return _profile_page(request, person, reverse("person-detail", args=[pk]))


@roles_required(Role.WERKNEMER)
def worker_profile(request: AuthenticatedRequest) -> HttpResponse:
    if request.user.person is None:
        raise Http404
    return _profile_page(request, request.user.person, reverse("worker-home"))


@roles_required(Role.WERKGEVER)
def employer_profile(request: AuthenticatedRequest, placement_pk: int) -> HttpResponse:
    """The supervisor reads the profile only with the worker's consent; never BSN or health data."""
    placement = (
        Placement.objects.visible_to(request.user)
        .select_related("person")
        .filter(pk=placement_pk)
        .first()
    )
    profile = (
        CandidateProfile.objects.filter(person=placement.person).first() if placement else None
    )
    if placement is None:
        raise Http404
    log_processing(
        user=request.user,
        persons=[placement.person],
        action=Action.READ,
        activity="Werkgever: profiel medewerker",
        object_type="kandidaatprofiel",
        result="success" if profile and profile.employer_consent_on else "no-consent",
    )
    shared = profile if profile is not None and profile.employer_consent_on else None
    return render(
        request,
        "persons/employer_profile.html",
        {"profile": shared, "first_name": placement.person.name.split()[0], "placement": placement},
    )


@roles_required(*CASE_MANAGERS)
def invite_worker(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        person = Person.objects.visible_to(request.user).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    form = InviteForm(request.POST or None, initial={"email": person.email})
    return form_page(
        request,
        form,
        save=lambda f: services.invite(
            user=request.user,
            email=f.cleaned_data["email"],
            role=Role.WERKNEMER,
            person=person,
            name=person.name,
            change_reason=f.cleaned_data["change_reason"],
        ),
        success_url=reverse("person-detail", args=[pk]),
        title="Uitnodigen voor Baanbehoud",
        subject=person,
        success_message="De uitnodiging is verstuurd.",
        context={
            "intro": f"{person.name} krijgt een e-mail met een link om een wachtwoord te kiezen."
        },
    )


@roles_required(*CASE_MANAGERS)
def without_contact_person(request: AuthenticatedRequest) -> HttpResponse:
    """Persons and employers with work but no vaste contactpersoon (report §3.2.1, §4.2.5)."""
    today = timezone.localdate()
    running = (
        Placement.objects.visible_to(request.user)
        .filter(ending__isnull=True)
        .filter(
            Q(contracts__end__isnull=True) | Q(contracts__end__gte=today),
            contracts__start__lte=today,
        )
    )
    persons = (
        Person.objects.visible_to(request.user)
        .filter(contact_person__isnull=True, pk__in=running.values("person_id"))
        .select_related("municipality")
    )
    listing = list_page(
        request,
        WITHOUT_CONTACT,
        persons,
        log=log_persons(request.user, "persoon (zonder contactpersoon)"),
    )
    if isinstance(listing, HttpResponse):
        return listing
    employers = list(
        Employer.objects.filter(placements__in=running, account_manager__isnull=True)
        .distinct()
        .order_by("name")[:EMPLOYERS_SHOWN]
    )
    return render(
        request,
        "persons/without_contact.html",
        {"list": listing, "page": listing.page, "employers": employers,
         "employers_shown": EMPLOYERS_SHOWN},
    )  # fmt: skip


@roles_required(*CASE_READERS)
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    persons = Person.objects.visible_to(request.user).select_related(
        "municipality", "organisation", "contact_person"
    )
    listing = list_page(request, PERSONS, persons, log=log_persons(request.user, "persoon (lijst)"))
    if isinstance(listing, HttpResponse):
        return listing
    can_register = request.user.is_superuser or request.user.role == Role.KLANTMANAGER
    return render(
        request,
        "persons/person_list.html",
        {"list": listing, "page": listing.page, "can_register": can_register},
    )


@roles_required(*PLACEMENT_PARTIES)
def person_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        person = person_file(user=user, pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    visible = set(
        Placement.objects.visible_to(user).filter(person=person).values_list("pk", flat=True)
    )
    placements = [p for p in person.placements.all() if p.pk in visible]
    log_processing(
        user=user,
        persons=[person],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="persoon",
    )
    now = today()
    series = [p.periods() for p in placements]
    axis = axis_for(series, now)
    signals = open_signal_rows(Placement.objects.filter(pk__in=visible), now)
    rows = [
        {
            "placement": placement,
            "contracts": list(placement.contracts.all()),
            "segments": segments(periods, axis, now, KIND_LABELS),
            "ending": getattr(placement, "ending", None),
            "chain_text": describe_chain(
                placement_chain_status(placement, now),
                permanent_contract=permanent_on(
                    [c.as_period() for c in placement.contracts.all()], now
                ),
            ),
        }
        for placement, periods in zip(placements, series, strict=True)
    ]
    endings = [getattr(p, "ending", None) for p in placements]
    learning_points = [e for e in endings if e is not None and e.learning_points]
    parts = disclosure.parts_for(user.role, user.is_superuser)
    paths = Paths()
    context: dict[str, Any] = {
        "person": person,
        "rows": rows,
        "today_x": axis.position(now),
        "axis_start": format_date_nl(axis.start),
        "axis_end": format_date_nl(axis.end),
        "today": now,
        "signals": [
            {"row": r, "label": CODE_LABELS[r.signal.code], "actions": actions_for(r, paths)}
            for r in signals
        ],
        "learning_points": learning_points,
        "load_history": person.load_assessments.select_related("by"),
        "pretrajectories": person.pretrajectories.all(),
        "werkfit": werkfit_of(person),
        "can_assess": user.is_superuser or user.role == Role.ARBEIDSDESKUNDIGE,
        "proposals": Proposal.objects.filter(person=person)
        .select_related("vacancy__employer")
        .prefetch_related("answer_reasons"),
        "can_assign": user.is_superuser or user.role == Role.KLANTMANAGER,
        "can_match": user.is_superuser or user.role in CASE_READERS,
        # The same one-click actions as on the worklist, for the contact persons' roles.
        "can_act": user.is_superuser or user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER),
        "show_case_details": disclosure.Part.CASE_DETAILS in parts,
        "show": {part.value: part in parts for part in disclosure.Part},
        "person_name": disclosure.shown_name(person.name, user.role, user.is_superuser),
    }
    return render(request, "persons/person_detail.html", context)


@roles_required(Role.KLANTMANAGER)
def person_register(request: AuthenticatedRequest) -> HttpResponse:
    """Issue 17 §1: a person from nothing, e.g. someone who found a job themselves."""
    form = PersonRegisterForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda f: services.person_register(user=request.user, **f.cleaned_data),
        success_url=reverse("person-list"),
        go_to=lambda person: reverse("person-detail", args=[person.pk]),  # on to the placement
        title="Persoon toevoegen",
        subject=None,
        success_message="De persoon is toegevoegd. U bent de vaste contactpersoon.",
        context={
            "intro": "Iemand uit het doelgroepregister die nog niet in Baanbehoud staat. Daarna "
            "voegt u de plaatsing toe.",
        },
        template="persons/person_register.html",
    )


@roles_required(Role.ARBEIDSDESKUNDIGE)
def assessments(request: AuthenticatedRequest) -> HttpResponse:
    """The arbeidsdeskundige's start page (issue 17 §3): who is at work without an assessment of
    their load capacity, oldest name first, a page at a time."""
    page = _logged_page(
        request, awaiting_assessment(user=request.user), "persoon (wacht op belastbaarheid)"
    )
    # Issue 20 §4: whose assessment is due again (an open LOAD_REVIEW_DUE on their work).
    due = persons_with_open(Code.LOAD_REVIEW_DUE, timezone.localdate())
    again = Person.objects.visible_to(request.user).filter(pk__in=due).order_by("name", "pk")
    again_count = again.count()
    again_shown = list(again.select_related("municipality")[:REVIEWS_SHOWN])
    log_processing(
        user=request.user, persons=again_shown, action=Action.READ, activity=CASE_WORK,
        object_type="persoon (opnieuw beoordelen)",
    )  # fmt: skip
    return render(
        request,
        "persons/assessments.html",
        {"page": page, "again": again_shown, "again_count": again_count},
    )


REVIEWS_SHOWN = 100


@roles_required(Role.ARBEIDSDESKUNDIGE)
def load_capacity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A new assessment, with the earlier ones beside it (issue 20 §4): the form starts from
    the latest, so a review changes only what changed."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    history = list(person.load_assessments.select_related("by"))
    latest = history[0] if history else None
    initial: dict[str, Any] = {"date": timezone.localdate()}
    if latest is not None:
        initial.update(
            {name: getattr(latest, name) for name in LOAD_CARRIED_OVER},
        )
    form = LoadCapacityForm(
        request.POST or None, initial=initial, instance=LoadAssessment(person=person)
    )
    return form_page(
        request,
        form,
        save=lambda f: services.load_capacity_record(
            user=request.user, person=person, **f.cleaned_data
        ),
        success_url=reverse("assessments"),
        title="Belastbaarheid vastleggen",
        subject=person,
        success_message="De belastbaarheid is vastgelegd.",
        context={
            "intro": f"Hoeveel uur per week kan {person.name} werken, en wat kan hij of zij aan?",
            "history": history,
        },
        template="persons/load_capacity_form.html",
    )


@roles_required(*CASE_MANAGERS)
def pretrajectory_edit(
    request: AuthenticatedRequest, pk: int, item: int | None = None
) -> HttpResponse:
    """Issue 20 §5: a voortraject before a placement, new or brought up to date (its end and
    outcome); the region's voortrajecten are one click away."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    record = (
        get_object_or_404(Pretrajectory.objects.filter(person=person), pk=item)
        if item is not None
        else None
    )
    form = PretrajectoryForm(
        request.POST or None,
        instance=record or Pretrajectory(person=person),
        initial={} if record else {"start": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.pretrajectory_record(
            user=request.user, person=person, pretrajectory=record, **f.cleaned_data
        ),
        success_url=reverse("person-detail", args=[person.pk]),
        title="Voortraject bijwerken" if record else "Voortraject vastleggen",
        subject=person,
        success_message="Het voortraject is opgeslagen.",
        context={
            "intro": f"Een traject vóór het werk, zodat {person.name} werkfit wordt. Welke "
            "gemeente wat aanbiedt, staat op de pagina Voortrajecten in de regio.",
            "cancel_url": reverse("person-detail", args=[person.pk]),
        },
    )


@roles_required(*CASE_MANAGERS)
def werkfit_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 20 §5: the region's werkfit checklist for a candidate, filled point by point; the
    match weighs it. A region without a checklist says so (the functional administrator keeps
    it)."""
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    points = werkfit_points(person)
    stored = {c.item_id: c for c in WerkfitCheck.objects.filter(person=person)}
    form = WerkfitForm(
        request.POST or None,
        points=points,
        stored=stored,
        initial={"checked_on": timezone.localdate()},
    )
    intro = (
        f"Wat lukt {person.name} al, voor een baan begint? De punten zijn afgesproken in de "
        "regio. Kies bij elk punt Ja of Nog niet; weet u het niet, laat het dan open."
        if points
        else "De regio heeft nog geen werkfit-checklist. De functioneel beheerder zet de "
        "punten klaar in het beheer (Werkfit-checklist van de regio)."
    )
    return form_page(
        request,
        form,
        save=lambda f: services.werkfit_record(
            user=request.user,
            person=person,
            checked_on=f.cleaned_data["checked_on"],
            answers=f.answers(),
        ),
        success_url=reverse("person-detail", args=[person.pk]),
        title="Werkfit-checklist",
        subject=person,
        success_message="De werkfit-checklist is opgeslagen.",
        context={"intro": intro, "cancel_url": reverse("person-detail", args=[person.pk])},
    )


@roles_required(*REPORT_READERS)
def programmes(request: AuthenticatedRequest) -> HttpResponse:
    """Issue 20 §5: which municipality of the region offers which voortraject — no persons."""
    user = request.user
    municipalities = Municipality.objects.prefetch_related("programmes").order_by("name")
    if not user.is_superuser:
        region_id = user.organisation.region_id if user.organisation is not None else None
        municipalities = (
            municipalities.filter(region_id=region_id)
            if region_id is not None
            else municipalities.none()
        )
    return render(request, "persons/programmes.html", {"municipalities": municipalities})


# What a new assessment starts from: the latest one's findings (not its date or review date).
LOAD_CARRIED_OVER = (
    "hours_per_week", "hours_per_day", "work_pressure", "stimuli", "physical", "course", "notes",
)  # fmt: skip


def _logged_page(request: AuthenticatedRequest, persons: Any, object_type: str) -> Any:
    """One page of a list of persons, with a processing-log entry for each person shown."""
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("pagina"))
    log_processing(
        user=request.user,
        persons=page.object_list,
        action=Action.READ,
        activity=CASE_WORK,
        object_type=object_type,
    )
    return page
