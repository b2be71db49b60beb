"""The region a user works in, and the records of that region they may refer to when they write.

Reads are scoped by `visible_to` on each model; these are for writes (issue 12 §1): every form,
admin page, API field and import that names another record (an organisation, a municipality, a
consultant) offers and accepts only those of the writer's own region. A superuser, and the
operator's command line (no user), are not bound to a region.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from .models import Actor, Municipality, Organisation, Region, User, WerkfitItem

MSG_OUTSIDE_REGION = "valt buiten uw regio; dit kunt u niet inlezen of wijzigen."


def unbounded(user: Actor) -> bool:
    return user is None or bool(getattr(user, "is_superuser", False))


def region_id_of(user: Actor) -> int | None:
    """The region of the user's organisation (None: no organisation, so no region)."""
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "region_id", None)


def in_region(records: QuerySet[Any], lookup: str, user: Actor) -> QuerySet[Any]:
    """`records` whose `lookup` is the user's region; nothing for a user without a region."""
    if unbounded(user):
        return records
    region = region_id_of(user)
    return records.none() if region is None else records.filter(**{lookup: region})


def regions_for(user: Actor) -> QuerySet[Region]:
    return in_region(Region.objects.all(), "pk", user)


def organisations_for(user: Actor) -> QuerySet[Organisation]:
    return in_region(Organisation.objects.all(), "region_id", user)


def municipalities_for(user: Actor) -> QuerySet[Municipality]:
    return in_region(Municipality.objects.all(), "region_id", user)


def users_for(user: Actor) -> QuerySet[User]:
    """Accounts of the region: its professionals, and the supervisors and workers of its
    employers and persons. Never a superuser."""
    users = User.objects.all()
    if unbounded(user):
        return users
    region = region_id_of(user)
    if region is None:
        return users.none()
    return users.filter(is_superuser=False).filter(
        Q(organisation__region_id=region)
        | Q(employer__municipality__region_id=region)
        | Q(person__organisation__region_id=region)
    )


def consultants_for(user: Actor) -> QuerySet[User]:
    """Professionals of the region who can be someone's contact person."""
    consultants = User.objects.filter(is_active=True, organisation__isnull=False)
    return in_region(consultants.filter(is_superuser=False), "organisation__region_id", user)


class RegionScopedAdminMixin:
    """For admin pages a functional administrator uses: lists and every choice of a related
    record (dropdowns and raw-id fields alike, since both validate against the field's
    queryset) are limited to the administrator's region. `region_lookup` is the path from the
    model to its region ("" for a model without one: no list scoping)."""

    region_lookup = ""

    def get_queryset(self, request: Any) -> Any:
        records = super().get_queryset(request)  # type: ignore[misc]
        return (
            in_region(records, self.region_lookup, request.user) if self.region_lookup else records
        )

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if not unbounded(request.user):
            scoped = related_choices(db_field.related_model, request.user)
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


# Each app that holds region-bound records registers how to find a region's records of its
# models (in its models module), so this module imports none of the apps above it.
_REGION_SCOPES: dict[Any, Callable[[Any], QuerySet[Any]]] = {}


def register_region_scope(model: Any, scope: Callable[[Any], QuerySet[Any]]) -> None:
    """`scope(user)`: the records of `model` a user of a region may link to."""
    _REGION_SCOPES[model] = scope


register_region_scope(Region, regions_for)
register_region_scope(Organisation, organisations_for)
register_region_scope(Municipality, municipalities_for)
register_region_scope(User, users_for)
register_region_scope(
    WerkfitItem, lambda user: in_region(WerkfitItem.objects.all(), "region_id", user)
)


def related_choices(model: Any, user: Actor) -> QuerySet[Any] | None:
    """The records of `model` a user of a region may link to (None: not region-bound)."""
    scope = _REGION_SCOPES.get(model)
    return None if scope is None else scope(user)
