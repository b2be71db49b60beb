"""Rules about persons, as pure functions (no Django import)."""

from __future__ import annotations

from typing import TypeVar

Owner = TypeVar("Owner")

WAJONG = "wajong"


def responsible(regime: str, municipality_owner: Owner | None, uwv: Owner | None) -> Owner | None:
    """docs/rules.md §1: UWV keeps the people who entered the Wajong (before 2015); municipalities
    (Participatiewet) are responsible for everyone else, through the executing organisation of
    the municipality the person lives in. One rule for the forms, the API, the import and the
    demo."""
    if regime == WAJONG and uwv is not None:
        return uwv
    return municipality_owner
