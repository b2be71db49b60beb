from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from baanbehoud.core.access import CASE_MANAGERS, CASE_READERS, REPORT_READERS, has_role
from baanbehoud.organisations.models import Role
from baanbehoud.security.mfa import is_verified, needs_second_factor
from baanbehoud.signals.selectors import my_counts

from .models import SavedView


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main navigation, by role (docs/pages.md): each user sees only what they come for."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if needs_second_factor(user) and not is_verified(request):
        return {"nav_items": []}
    can_search = has_role(user, CASE_READERS)  # the search box on every page (issue 18 §1)
    items = [("Start", reverse("home"))]
    badges: dict[str, str] = {}
    if has_role(user, CASE_MANAGERS):
        items.append(("Mijn signalen", reverse("worklist")))
        counts = getattr(request, "signal_counts", None) or my_counts(user, timezone.localdate())
        badges["Mijn signalen"] = counts.badge
        items.append(("Zonder contactpersoon", reverse("without-contact")))
    if has_role(user, CASE_READERS):
        items.append(("Personen", reverse("person-list")))
        items.append(("Werkgevers", reverse("employer-list")))
        items.append(("Plaatsingen", reverse("placement-list")))
    if user.role == Role.ACCOUNTMANAGER:
        items.append(("Vacatures", reverse("vacancy-list")))
    if user.role == Role.WERKGEVER and user.employer_id:
        items.append(("Mijn medewerkers", reverse("employer-home")))
        items.append(("Voorgestelde kandidaten", reverse("employer-proposals")))
    if user.role == Role.WERKNEMER:
        items.append(("Mijn werk", reverse("worker-home")))
    if user.role == Role.ARBEIDSDESKUNDIGE:
        items.append(("Wacht op belastbaarheid", reverse("assessments")))
    if user.role == Role.JOBCOACH:
        items.append(("Mijn jobcoaching", reverse("jobcoach-home")))
    if has_role(user, REPORT_READERS):
        items.append(("Rapportages", reverse("reports")))
    if has_role(user, (Role.BEHEERDER,)):
        items.append(("Importeren", reverse("import")))
        items.append(("Exporteren", reverse("export")))
        items.append(("Verwerkingen en AVG", reverse("privacy-search")))
    if user.is_staff:
        items.append(("Beheer", reverse("admin:index")))
    current = request.path
    # Issue 18 §3: the user's saved views, under the main navigation (one small query).
    saved = list(SavedView.objects.filter(user=user).values_list("name", "path", "query"))
    return {
        "can_search": can_search,
        "saved_views": [
            {
                "name": name,
                "url": f"{path}?{query}" if query else path,
                "current": path == current and query == request.GET.urlencode(),
            }
            for name, path, query in saved
        ],
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": url == current or (url != "/" and current.startswith(url)),
                "badge": badges.get(label, ""),
            }
            for label, url in items
        ],
    }
