"""Which role may open which kind of page: the one place for page-level rules (docs/rules.md §2).

Two layers, each in one place:
1. the page: `roles_required(...)` on the view. Another role gets 403 ("Geen toegang").
2. the record: the QuerySet methods `visible_to(user)` and `manageable_by(user)` on persons,
   placements and employers (and `administrable_by` for the functional administrator). A record
   outside them is 404, whether it exists or not.

security/tests/test_authorisation_matrix.py checks every URL against both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from baanbehoud.organisations.models import Actor, Role, User

# Read the case register (persons, placements, employers).
CASE_READERS = (Role.KLANTMANAGER, Role.ACCOUNTMANAGER, Role.ARBEIDSDESKUNDIGE)
# Change case records and act on signals: the contact persons.
CASE_MANAGERS = (Role.KLANTMANAGER, Role.ACCOUNTMANAGER)
# Aggregate reports (policy officers see them with small groups hidden).
REPORT_READERS = (
    Role.BELEIDSMEDEWERKER,
    Role.KLANTMANAGER,
    Role.ACCOUNTMANAGER,
    Role.ARBEIDSDESKUNDIGE,
)
# Everyone who has a relation with a placement: the case roles, the jobcoach, the supervisor,
# the worker. Which placements, decides `visible_to`.
PLACEMENT_PARTIES = (*CASE_READERS, Role.JOBCOACH, Role.WERKGEVER, Role.WERKNEMER)
# Report sick and follow the sick report (issue 20 §1): the contact persons and the parties at
# work, as for "trek aan de bel".
SICK_REPORTERS = (*CASE_MANAGERS, Role.JOBCOACH, Role.WERKGEVER, Role.WERKNEMER)

View = TypeVar("View", bound=Callable[..., Any])


def has_role(user: Actor, roles: tuple[Role, ...]) -> bool:
    """One of these roles, or a superuser (who may do everything)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.role in roles)


def roles_required(*roles: Role) -> Callable[[View], View]:
    """Log in first (redirect to the login page); then only these roles (and a superuser)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator
