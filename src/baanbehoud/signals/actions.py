"""The one click that resolves a signal: the same actions on the worklist and the person page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from .domain import Code
from .selectors import SignalRow


@dataclass(frozen=True)
class Action:
    label: str
    url: str


def actions_for(row: SignalRow) -> list[Action]:
    """The one click that leads to recording what resolves the signal."""
    p = row.placement
    code = row.signal.code
    placement_url = reverse("placement-detail", args=[p.pk])
    if code in (Code.CONTRACT_END, Code.CHAIN_TRANSITION):
        # Issue 19 §5: before the job is gone, ask the employer what it intends and why.
        kind, _sep, contract_id = row.signal.subject.partition(":")
        asked = (
            [Action("Voornemen werkgever", reverse("intention-new", args=[int(contract_id)]))]
            if kind == "contract" and contract_id.isdigit()
            else []
        )
        return [
            Action("Volgend contract", reverse("contract-new", args=[p.pk])),
            *asked,
            Action("Einde vastleggen", reverse("ending-new", args=[p.pk])),
        ]
    if code == Code.TRIAL_END:
        return [
            Action("Volgend contract", reverse("contract-new", args=[p.pk])),
            Action("Einde vastleggen", reverse("ending-new", args=[p.pk])),
        ]
    if code == Code.CHAIN_EXCEEDED:
        # The record should say what the law says: a permanent contract (or the talk with
        # the employer, who may not let it lapse).
        return [
            Action("Vast contract vastleggen", reverse("contract-new", args=[p.pk])),
            Action("Plaatsing bekijken", placement_url),
        ]
    if code == Code.ENDING_UNREGISTERED:
        return [
            Action("Einde vastleggen", reverse("ending-new", args=[p.pk])),
            Action("Volgend contract", reverse("contract-new", args=[p.pk])),
        ]
    if code == Code.EVALUATION_DUE:
        return [Action("Evaluatie vastleggen", reverse("evaluation-new", args=[p.pk]))]
    if code == Code.CONTACT_DUE:
        return [Action("Contact vastleggen", reverse("contact-new", args=[p.pk]))]
    if code == Code.NO_CONTACT_PERSON:
        if p.person.contact_person_id is None:
            return [
                Action(
                    "Contactpersoon kiezen", reverse("contact-person-assign", args=[p.person_id])
                )
            ]
        return [
            Action(
                "Contactpersoon werkgever kiezen",
                reverse("employer-contact-assign", args=[p.employer_id]),
            )
        ]
    if code == Code.CONCERN_RAISED:
        concern_id = int(row.signal.subject.split(":")[1])
        return [Action("Afhandeling vastleggen", reverse("concern-handle", args=[concern_id]))]
    if code == Code.AFTERCARE_DUE:
        return [
            Action("Contact vastleggen", reverse("contact-new", args=[p.pk])),
            Action("Nieuwe baan vastleggen", reverse("placement-register", args=[p.person_id])),
            Action("Nazorg stoppen", reverse("aftercare-close", args=[p.pk])),
        ]
    if code in (Code.SICK_REPORTED, Code.POORTWACHTER_CHECK):
        # The sick report's page says who acts and the Poortwachter steps; a contact resolves.
        report_id = int(row.signal.subject.split(":")[1])
        return [
            Action("Contact vastleggen", reverse("contact-new", args=[p.pk])),
            Action("Ziekmelding bekijken", reverse("sick-report", args=[report_id])),
        ]
    if code == Code.WAGE_VALUE_DUE:
        return [Action("Meting vastleggen", reverse("wage-value", args=[p.pk]))]
    if code == Code.LOAD_REVIEW_DUE:
        # The arbeidsdeskundige assesses (their start page lists it too); the contact person
        # arranges it and sees the history on the person page.
        return [Action("Belastbaarheid bekijken", reverse("person-detail", args=[p.person_id]))]
    if code == Code.HOURS_REVIEW_DUE:
        step_id = int(row.signal.subject.split(":")[1])
        return [Action("Besluit vastleggen", reverse("hours-decision", args=[step_id]))]
    return [Action("Plaatsing bekijken", placement_url)]
