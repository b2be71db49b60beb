"""The region a user works in, and the records of that region they may refer to when they write.

Reads are scoped by `visible_to` on each model; these are for writes (issue 12 §1): every form,
admin page, API field and import that names another record (an organisation, a municipality, a
consultant) offers and accepts only those of the writer's own region. A superuser, and the
operator's command line (no user), are not bound to a region.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import Municipality, Organisation, Region, User

MSG_OUTSIDE_REGION = "valt buiten uw regio; dit kunt u niet inlezen of wijzigen."


def unbounded(user: Any) -> bool:
    return user is None or bool(getattr(user, "is_superuser", False))


def region_id_of(user: Any) -> int | None:
    """The region of the user's organisation (None: no organisation, so no region)."""
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "region_id", None)


def in_region(records: QuerySet[Any], lookup: str, user: Any) -> QuerySet[Any]:
    """`records` whose `lookup` is the user's region; nothing for a user without a region."""
    if unbounded(user):
        return records
    region = region_id_of(user)
    return records.none() if region is None else records.filter(**{lookup: region})


def regions_for(user: Any) -> QuerySet[Region]:
    return in_region(Region.objects.all(), "pk", user)


def organisations_for(user: Any) -> QuerySet[Organisation]:
    return in_region(Organisation.objects.all(), "region_id", user)


def municipalities_for(user: Any) -> QuerySet[Municipality]:
    return in_region(Municipality.objects.all(), "region_id", user)


def users_for(user: Any) -> QuerySet[User]:
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


def consultants_for(user: Any) -> QuerySet[User]:
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


def related_choices(model: Any, user: Any) -> QuerySet[Any] | None:
    """The records of `model` a user of a region may link to (None: not region-bound)."""
    from baanbehoud.employers.models import Employer
    from baanbehoud.guidance.models import JobcoachTrajectory
    from baanbehoud.persons.models import Person
    from baanbehoud.placements.models import Placement

    scopes: dict[Any, Any] = {
        Region: regions_for,
        Organisation: organisations_for,
        Municipality: municipalities_for,
        User: users_for,
        Person: lambda u: in_region(Person.objects.all(), "organisation__region_id", u),
        Placement: lambda u: in_region(
            Placement.objects.all(), "person__organisation__region_id", u
        ),
        JobcoachTrajectory: lambda u: in_region(
            JobcoachTrajectory.objects.all(), "placement__person__organisation__region_id", u
        ),
        # An employer belongs to the region it is in, whose WSP contact serves it, or where its
        # workers live; one with no place and no contact yet is not tied to a region.
        Employer: lambda u: (
            Employer.objects.filter(
                pk__in=in_region(Employer.objects.all(), "municipality__region_id", u).values("pk")
            )
            | Employer.objects.filter(
                pk__in=in_region(
                    Employer.objects.all(), "account_manager__organisation__region_id", u
                ).values("pk")
            )
            | Employer.objects.filter(
                pk__in=in_region(
                    Employer.objects.all(), "placements__person__organisation__region_id", u
                ).values("pk")
            )
            | Employer.objects.filter(municipality__isnull=True, account_manager__isnull=True)
        ),
    }
    scope = scopes.get(model)
    return None if scope is None else scope(user)
