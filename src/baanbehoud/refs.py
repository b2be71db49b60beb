"""References for records made on a screen. A record from a source system keeps that system's
`ref` (the exchange format matches on it); one made here gets a reference of its own that no
source system uses."""

from __future__ import annotations

import uuid


def new_ref(kind: str) -> str:
    """`bb-persoon-3f9c…`: recognisable as made in Baanbehoud, unique without a lookup."""
    return f"bb-{kind}-{uuid.uuid4().hex[:12]}"
