from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.web.forms import form_page
from baanbehoud.web.views import AuthenticatedRequest

from . import services
from .forms import AccountManagerForm
from .models import Employer


@login_required
def employer_contact_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assign the employer's WSP contact (resolves NO_CONTACT_PERSON for the employer)."""
    user = request.user
    if not (user.is_superuser or user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER)):
        raise Http404
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
