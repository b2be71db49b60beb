from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.security.mfa import is_verified, needs_second_factor

WORKLIST_ROLES = (Role.KLANTMANAGER, Role.ACCOUNTMANAGER)
REPORT_ROLES = (
    Role.BELEIDSMEDEWERKER,
    Role.KLANTMANAGER,
    Role.ACCOUNTMANAGER,
    Role.ARBEIDSDESKUNDIGE,
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation, by role (ui.md): each user sees only what they come for."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if needs_second_factor(user) and not is_verified(request):
        return {"nav_items": []}
    items = [("Start", reverse("home"))]
    if user.is_superuser or user.role in WORKLIST_ROLES:
        items.append(("Mijn signalen", reverse("worklist")))
        items.append(("Zonder contactpersoon", reverse("without-contact")))
    if user.is_superuser or user.role in (
        Role.KLANTMANAGER,
        Role.ACCOUNTMANAGER,
        Role.ARBEIDSDESKUNDIGE,
    ):
        items.append(("Personen", reverse("person-list")))
    if user.is_superuser or user.role in (
        Role.KLANTMANAGER,
        Role.ACCOUNTMANAGER,
        Role.ARBEIDSDESKUNDIGE,
    ):
        items.append(("Werkgevers", reverse("employer-list")))
    if user.role == Role.WERKGEVER and user.employer_id:
        items.append(("Mijn medewerkers", reverse("employer-home")))
    if user.role == Role.WERKNEMER:
        items.append(("Mijn werk", reverse("worker-home")))
    if user.role == Role.JOBCOACH:
        items.append(("Mijn jobcoaching", reverse("jobcoach-home")))
    if user.is_superuser or user.role in REPORT_ROLES:
        items.append(("Rapportages", reverse("reports")))
    if user.is_superuser or user.role == Role.BEHEERDER:
        items.append(("Importeren", reverse("import")))
        items.append(("Verwerkingen en AVG", reverse("privacy-search")))
    if user.is_staff:
        items.append(("Beheer", reverse("admin:index")))
    current = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": url == current or (url != "/" and current.startswith(url)),
            }
            for label, url in items
        ]
    }
