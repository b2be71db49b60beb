"""Forms that resolve CONTACT_DUE, EVALUATION_DUE and CONCERN_RAISED."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from baanbehoud.placements.models import Placement
from baanbehoud.placements.views import _placement
from baanbehoud.web.forms import form_page
from baanbehoud.web.views import AuthenticatedRequest

from . import services
from .forms import ConcernHandlingForm, ContactMomentForm, EvaluationForm
from .models import Concern, ContactMoment, Evaluation


@login_required
def contact_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = ContactMomentForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "with_worker": True},
        instance=ContactMoment(placement=placement),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.contact_moment_record(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Contact vastleggen",
        subject=placement.person,
        success_message="Het contactmoment is opgeslagen.",
        context={"intro": f"{placement.person} — {placement}"},
    )


@login_required
def evaluation_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = EvaluationForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "kind": Evaluation.Kind.EVALUATION},
        instance=Evaluation(placement=placement),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.evaluation_record(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Evaluatie vastleggen",
        subject=placement.person,
        success_message="De evaluatie is opgeslagen.",
        context={"intro": f"{placement.person} — {placement}"},
    )


@login_required
def concern_handle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    concern = get_object_or_404(
        Concern.objects.select_related("placement__person"),
        pk=pk,
        placement__in=Placement.objects.manageable_by(request.user),
    )
    form = ConcernHandlingForm(
        request.POST or None, instance=concern, initial={"handled": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        save=lambda f: services.concern_handle(
            user=request.user, concern=concern, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[concern.placement_id]),
        title="Zorgsignaal afhandelen",
        subject=concern.placement.person,
        success_message="De afhandeling is opgeslagen.",
        context={
            "intro": f"{concern.placement.person}: {concern.get_kind_display()} ({concern.text})"
        },
    )
