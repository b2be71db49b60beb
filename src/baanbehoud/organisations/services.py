"""Writes for regions, organisations and municipalities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from .models import Municipality, Organisation, OrganisationKind, Region


@dataclass(frozen=True)
class OrganisationSpec:
    ref: str
    name: str
    kind: OrganisationKind
    municipalities: Sequence[str] = ()


@transaction.atomic
def region_configure(*, name: str, organisations: Sequence[OrganisationSpec]) -> Region:
    """Create or update a labour-market region with its organisations and the municipalities each
    executes for. Idempotent: running it twice changes nothing the second time."""
    region, _created = Region.objects.get_or_create(name=name)
    for spec in organisations:
        organisation, _ = Organisation.objects.update_or_create(
            ref=spec.ref, defaults={"name": spec.name, "kind": spec.kind, "region": region}
        )
        for municipality_name in spec.municipalities:
            Municipality.objects.update_or_create(
                name=municipality_name, defaults={"region": region, "organisation": organisation}
            )
    return region


def municipality_organisations(region: Region) -> Mapping[str, Organisation]:
    return {
        m.name: m.organisation
        for m in Municipality.objects.filter(region=region).select_related("organisation")
        if m.organisation is not None
    }
