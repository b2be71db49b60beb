"""The second login step: setting up the authenticator app, and asking its code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest

from . import mfa
from .forms import ActivationCodeForm, CodeForm


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
def verify(request: AuthenticatedRequest) -> HttpResponse:
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


# The session passed the activation code for this account (first enrolment only).
ENROLMENT_ACCEPTED = "baanbehoud_enrolment_accepted"


def _activation(request: HttpRequest) -> HttpResponse:
    """Before the QR code: the one-time activation code. A password alone never links an app."""

    def accepted(form: ActivationCodeForm) -> None:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()  # a fresh key
        request.session[ENROLMENT_ACCEPTED] = request.user.pk

    form = ActivationCodeForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=accepted,
        success_url=request.get_full_path(),
        title="Tweestapsverificatie instellen",
        subject=None,
        success_message="De activeringscode klopt. Koppel nu de app op uw telefoon.",
        context={
            "submit_label": "Verder",
            "intro": "Baanbehoud bevat gegevens over gezondheid en werk van mensen. Daarom logt u "
            "in met twee stappen: uw wachtwoord en een code uit een app op uw telefoon. Om de app "
            "te koppelen heeft u eenmalig een activeringscode nodig van de functioneel beheerder.",
            "cancel_url": "",
        },
        template="security/activation.html",
    )


@login_required
def setup(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if mfa.has_confirmed_device(user):
        return redirect(f"{reverse('mfa-verify')}?{request.GET.urlencode()}")
    if request.session.get(ENROLMENT_ACCEPTED) != user.pk:
        return _activation(request)
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
