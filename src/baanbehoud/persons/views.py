from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.web.forms import form_page
from baanbehoud.web.views import AuthenticatedRequest

from . import services
from .forms import ContactPersonForm
from .models import Person


@login_required
def contact_person_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assign or hand over the vaste contactpersoon (resolves NO_CONTACT_PERSON)."""
    if not (request.user.is_superuser or request.user.role == Role.KLANTMANAGER):
        raise Http404
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
            user=request.user, person=person, contact_person=f.cleaned_data["contact_person"]
        ),
        success_url=reverse("person-detail", args=[pk]),
        title="Vaste contactpersoon",
        subject=person,
        success_message="De contactpersoon is opgeslagen.",
        context={"intro": f"Wie is de vaste contactpersoon van {person.name}?"},
    )
