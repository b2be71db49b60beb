from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.persons.services import invite
from baanbehoud.security.access import CASE_MANAGERS, roles_required
from baanbehoud.web.forms import form_page
from baanbehoud.web.views import AuthenticatedRequest

from . import services
from .forms import AccountManagerForm, SupervisorInviteForm
from .models import Employer


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
