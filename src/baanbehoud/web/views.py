"""The web shell: the start page that sends each role to its work, and the accessibility
statement. The pages of the records live in their apps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.organisations.models import Role


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """docs/pages.md: the worklist is the start page of a contact person."""
    if request.user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER):
        return redirect("worklist")
    start: dict[str, str] = {
        Role.WERKNEMER: "worker-home",
        Role.WERKGEVER: "employer-home",
        Role.JOBCOACH: "jobcoach-home",
        Role.BELEIDSMEDEWERKER: "reports",
        Role.ARBEIDSDESKUNDIGE: "assessments",
    }
    if request.user.role in start:
        return redirect(start[request.user.role])
    return render(request, "web/home.html", {"role": request.user.role})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
