"""The second login step: setting up the authenticator app, and asking its code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from baanbehoud.web.forms import form_page

from . import mfa
from .forms import CodeForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _verified(request: HttpRequest, form: CodeForm) -> None:
    device = form.matched
    assert device is not None
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    # More rights now: a new session id, as at the password step.
    request.session.cycle_key()


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not mfa.has_confirmed_device(user):
        return redirect(f"{reverse('mfa-setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None, user=user)
    return form_page(
        request,
        form,
        save=lambda f: _verified(request, f),
        success_url=_next_url(request),
        title="Inloggen: tweede stap",
        subject=None,
        success_message="U bent ingelogd.",
        context={
            "submit_label": "Doorgaan",
            "intro": "Open de authenticator-app op uw telefoon en vul de code in die bij "
            "Baanbehoud staat.",
            "next": _next_url(request),
            "cancel_url": "",
        },
        template="security/verify.html",
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if mfa.has_confirmed_device(user):
        return redirect(f"{reverse('mfa-verify')}?{request.GET.urlencode()}")
    device = mfa.unconfirmed_device(user)
    form = CodeForm(request.POST or None, user=user, device=device)
    return form_page(
        request,
        form,
        save=lambda f: _verified(request, f),
        success_url=_next_url(request),
        title="Tweestapsverificatie instellen",
        subject=None,
        success_message="Tweestapsverificatie staat aan. Voortaan vraagt Baanbehoud bij het "
        "inloggen om een code uit de app.",
        context={
            "submit_label": "Code controleren",
            "qr": mfa.qr_data_uri(device),
            "secret": mfa.secret_for_typing(device),
            "next": _next_url(request),
            "cancel_url": "",
        },
        template="security/setup.html",
    )
