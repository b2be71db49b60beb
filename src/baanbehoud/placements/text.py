"""The chain status in words, as the person and placement pages and the CLI show it:
"2e tijdelijk contract; een volgend contract is van rechtswege vast vanaf 6 maart 2028"."""

from __future__ import annotations

from datetime import date

from baanbehoud.dates import format_date_nl

from .chain import ChainStatus
from .domain import permanent_on
from .models import Placement
from .selectors import placement_chain_status

REGIME_NAMES = {"flexwet": "Flexwet", "wwz": "WWZ", "wab": "Wab"}


def describe_chain(status: ChainStatus, *, permanent_contract: bool = False) -> str:
    rule = (
        f"{REGIME_NAMES.get(status.regime, status.regime)}: maximaal {status.max_contracts} "
        f"tijdelijke contracten in {status.max_months} maanden"
    )
    n = status.contracts_in_chain
    if permanent_contract:
        return "Vast contract." if n == 0 else f"Vast contract, na {n} tijdelijke contracten."
    if n == 0:
        return "Geen lopende reeks van tijdelijke contracten bij deze werkgever."
    since = format_date_nl(status.permanent_by_law_from)
    if status.is_permanent:
        return (
            f"{n}e tijdelijk contract; dit contract is van rechtswege vast sinds {since} ({rule})."
        )
    if status.next_must_be_permanent:
        return (
            f"{n}e tijdelijk contract; dit is het laatste tijdelijke contract. Een volgend contract "
            f"is van rechtswege vast vanaf {since} ({rule})."
        )
    return f"{n}e tijdelijk contract; een volgend contract is van rechtswege vast vanaf {since} ({rule})."


def chain_status_text(placement: Placement, on: date) -> str:
    status = placement_chain_status(placement, on)
    return describe_chain(
        status,
        permanent_contract=permanent_on([c.as_period() for c in placement.contracts.all()], on),
    )
