"""The one click that resolves a signal: the same actions on the worklist and the person page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .domain import Code
from .selectors import SignalRow


@dataclass(frozen=True)
class Action:
    label: str
    url: str


# A number no id of ours reaches and no address holds: reverse() makes an address with it once,
# and the address for an id is that address with the id in its place.
_MARK = 987654321987


class Paths:
    """The address of a page about one object (`paths("contract-new", placement.pk)`), the same as
    `reverse(name, args=[pk])`: `reverse()` once per name, not once per row (a worklist page of
    100 rows called it 300 times, a tenth of the page's time)."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[str, str]] = {}

    def __call__(self, name: str, pk: int) -> str:
        parts = self._parts.get(name)
        if parts is None:
            before, mark, after = reverse(name, args=[_MARK]).partition(str(_MARK))
            assert mark and str(_MARK) not in after, name
            parts = self._parts[name] = (before, after)
        return f"{parts[0]}{int(pk)}{parts[1]}"


def actions_for(row: SignalRow, paths: Callable[[str, int], str] | None = None) -> list[Action]:
    """The one click that leads to recording what resolves the signal. A list of rows passes one
    `Paths()` for all of them."""
    path = paths or Paths()
    p = row.placement
    code = row.signal.code
    placement_url = path("placement-detail", p.pk)
    if code in (Code.CONTRACT_END, Code.CHAIN_TRANSITION):
        # Issue 19 §5: before the job is gone, ask the employer what it intends and why.
        kind, _sep, contract_id = row.signal.subject.partition(":")
        asked = (
            [Action("Voornemen werkgever", path("intention-new", int(contract_id)))]
            if kind == "contract" and contract_id.isdigit()
            else []
        )
        return [
            Action("Volgend contract", path("contract-new", p.pk)),
            *asked,
            Action("Einde vastleggen", path("ending-new", p.pk)),
        ]
    if code == Code.TRIAL_END:
        return [
            Action("Volgend contract", path("contract-new", p.pk)),
            Action("Einde vastleggen", path("ending-new", p.pk)),
        ]
    if code == Code.CHAIN_EXCEEDED:
        # The record should say what the law says: a permanent contract (or the talk with
        # the employer, who may not let it lapse).
        return [
            Action("Vast contract vastleggen", path("contract-new", p.pk)),
            Action("Plaatsing bekijken", placement_url),
        ]
    if code == Code.ENDING_UNREGISTERED:
        return [
            Action("Einde vastleggen", path("ending-new", p.pk)),
            Action("Volgend contract", path("contract-new", p.pk)),
        ]
    if code == Code.EVALUATION_DUE:
        return [Action("Evaluatie vastleggen", path("evaluation-new", p.pk))]
    if code == Code.CONTACT_DUE:
        return [Action("Contact vastleggen", path("contact-new", p.pk))]
    if code == Code.NO_CONTACT_PERSON:
        if p.person.contact_person_id is None:
            return [Action("Contactpersoon kiezen", path("contact-person-assign", p.person_id))]
        return [
            Action(
                "Contactpersoon werkgever kiezen",
                path("employer-contact-assign", p.employer_id),
            )
        ]
    if code == Code.CONCERN_RAISED:
        concern_id = int(row.signal.subject.split(":")[1])
        return [Action("Afhandeling vastleggen", path("concern-handle", concern_id))]
    if code == Code.AFTERCARE_DUE:
        return [
            Action("Contact vastleggen", path("contact-new", p.pk)),
            Action("Nieuwe baan vastleggen", path("placement-register", p.person_id)),
            Action("Nazorg stoppen", path("aftercare-close", p.pk)),
        ]
    if code in (Code.SICK_REPORTED, Code.POORTWACHTER_CHECK):
        # The sick report's page says who acts and the Poortwachter steps; a contact resolves.
        report_id = int(row.signal.subject.split(":")[1])
        return [
            Action("Contact vastleggen", path("contact-new", p.pk)),
            Action("Ziekmelding bekijken", path("sick-report", report_id)),
        ]
    if code == Code.WAGE_VALUE_DUE:
        return [Action("Meting vastleggen", path("wage-value", p.pk))]
    if code == Code.LOAD_REVIEW_DUE:
        # The arbeidsdeskundige assesses (their start page lists it too); the contact person
        # arranges it and sees the history on the person page.
        return [Action("Belastbaarheid bekijken", path("person-detail", p.person_id))]
    if code == Code.HOURS_REVIEW_DUE:
        step_id = int(row.signal.subject.split(":")[1])
        return [Action("Besluit vastleggen", path("hours-decision", step_id))]
    return [Action("Plaatsing bekijken", placement_url)]
