"""Pages of the functional administrator for data-subject requests: find a person, see who
processed their data (and export that), give them everything we hold, or anonymise them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.audit.services import hash_bsn, log_processing
from baanbehoud.core.access import roles_required
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import Person
from baanbehoud.safe_cells import SafeCsvWriter

from . import privacy
from .forms import AnonymiseForm, PersonLookupForm

ACTIVITY = privacy.ACTIVITY_REQUEST
LOG_ROWS_SHOWN = 200


def _person(request: AuthenticatedRequest, pk: int) -> Person:
    try:
        return Person.objects.administrable_by(request.user).get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def _logged_person(request: AuthenticatedRequest, pk: int, action: Action, what: str) -> Person:
    """The person of a request page, with the processing-log entry for showing them."""
    person = _person(request, pk)
    log_processing(
        user=request.user, persons=[person], action=action, activity=ACTIVITY, object_type=what
    )
    return person


def find_person(user: User, who: str) -> Person | None:
    """By reference, by BSN, or (for an anonymised person) by the BSN's hash in the log."""
    who = who.strip()
    persons = Person.objects.administrable_by(user)
    found = persons.filter(ref=who).first() or (
        persons.filter(bsn=who).first() if who.isdigit() else None
    )
    if found is None and who.isdigit():
        person_ids = ProcessingLogEntry.objects.filter(bsn_hash=hash_bsn(who)).values("person_id")
        found = persons.filter(pk__in=person_ids).first()
    return found


@roles_required(Role.BEHEERDER)
def search(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = find_person(request.user, form.cleaned_data["who"])
        if person is not None:
            return HttpResponseRedirect(reverse("privacy-person", args=[person.pk]))
        form.add_error(
            "who", "Er is in uw regio geen persoon met dit BSN of deze referentie gevonden."
        )
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Verwerkingen en AVG-verzoeken",
            "intro": "Zoek de persoon die om inzage of verwijdering vraagt, of over wie u wilt "
            "weten wie het dossier heeft bekeken.",
            "submit_label": "Zoeken",
            "cancel_url": "",
        },
        status=400 if form.errors else 200,
    )


def _entries(person: Person) -> Any:
    return ProcessingLogEntry.objects.filter(person_id=person.pk).order_by("-timestamp", "-pk")


@roles_required(Role.BEHEERDER)
def person_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _logged_person(request, pk, Action.READ, "verwerkingenlog")
    entries = _entries(person)
    return render(
        request,
        "security/privacy_person.html",
        {
            "person": person,
            "entries": entries[:LOG_ROWS_SHOWN],
            "entry_count": entries.count(),
            "rows_shown": LOG_ROWS_SHOWN,
            "running": person.placements.filter(ending__isnull=True).exists(),
        },
    )


@roles_required(Role.BEHEERDER)
def log_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _logged_person(request, pk, Action.EXPORT, "verwerkingenlog (export)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verwerkingen-{person.pk}.csv"'
    response.write("\ufeff")  # so Excel reads the accents
    writer = SafeCsvWriter(response, delimiter=";")
    writer.writerow(
        ["tijdstip (UTC)", "gebruiker", "organisatie", "handeling", "verwerkingsactiviteit",
         "soort gegeven", "resultaat"]
    )  # fmt: skip
    for entry in _entries(person).iterator():
        writer.writerow(
            [entry.timestamp.isoformat(), entry.user_label, entry.organisation_label,
             entry.get_action_display(), entry.activity, entry.object_type, entry.result]
        )  # fmt: skip
    return response


@roles_required(Role.BEHEERDER)
def access_json(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _logged_person(request, pk, Action.EXPORT, "inzage (JSON)")
    response = HttpResponse(
        privacy.access_export_json(person), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{person.pk}.json"'
    return response


@roles_required(Role.BEHEERDER)
def access_html(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _logged_person(request, pk, Action.EXPORT, "inzage (afdrukbaar)")
    return render(
        request,
        "security/access_export.html",
        {
            "person": person,
            "sections": privacy.readable(privacy.access_export(person)),
            "today": timezone.localdate(),
        },
    )


@roles_required(Role.BEHEERDER)
def anonymise(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person.anonymised_on is not None:
        messages.info(request, "Deze persoon is al geanonimiseerd.")
        return HttpResponseRedirect(reverse("privacy-person", args=[pk]))
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if person.placements.filter(ending__isnull=True).exists():
            form.add_error(
                None,
                ValidationError(
                    "Deze persoon werkt nog: er is een plaatsing zonder einde. Zolang de "
                    "plaatsing loopt, zijn de gegevens nodig voor de begeleiding. Leg eerst "
                    "het einde vast."
                ),
            )
        else:
            with transaction.atomic():
                privacy.anonymise(
                    person=person,
                    user=request.user,
                    activity=f"{ACTIVITY}: {form.cleaned_data['reason']}"[:100],
                    today=timezone.localdate(),
                )
            messages.success(request, "De gegevens zijn geanonimiseerd.")
            return HttpResponseRedirect(reverse("privacy-person", args=[pk]))
    log_processing(
        user=request.user,
        persons=[person],
        action=Action.READ,
        activity=ACTIVITY,
        object_type="formulier: anonimiseren",
    )
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Gegevens anonimiseren",
            "page_title": f"Gegevens anonimiseren — {person.name}",
            "intro": "Naam, BSN, contactgegevens, het profiel en alle vrije tekst worden gewist. "
            "Plaatsingen, contracten en redenen van einde blijven zonder naam bewaard voor de "
            "cijfers, en het verwerkingenlog blijft bewaard.",
            "cancel_url": reverse("privacy-person", args=[pk]),
            "submit_label": "Anonimiseren",
        },
        status=400 if form.errors else 200,
    )
