"""Who sees which part of a worker's file: the field-level rules, in one place (issue 12 §2).

Pure Python: roles are their codes ("werkgever", ...). Record-level access stays with
`visible_to`; this decides, for a page a role may open, which parts of it they see.

- Professionals (klantmanager, accountmanager, arbeidsdeskundige) see everything they may open.
- The employer (werkgever) sees current employees only (`visible_to`), by first name, with their
  function, contracts, hours build-up, evaluations and jobcoaching; a contact moment or concern
  only when it was shared with the employer, or when the employer raised it. Never the
  municipality, regime, signals, handovers, endings or learning points.
- The jobcoach sees what the trajectory needs: the contracts and hours, the hours build-up, their
  jobcoaching, the contact person to call, and the concerns they raised themselves.
- The worker sees their own file, but not the professionals' working notes (contact summaries,
  handovers): those are given on an AVG access request.
"""

from __future__ import annotations

from enum import StrEnum


class Part(StrEnum):
    FULL_NAME = "full_name"
    MUNICIPALITY = "municipality"
    CASE_DETAILS = "case_details"  # regime, executing organisation, signals, chain, handovers
    CONTACT_PERSON = "contact_person"
    JOBCOACH_NAME = "jobcoach_name"
    CONTRACTS = "contracts"
    HOURS_BUILDUP = "hours_buildup"
    CONTACTS = "contacts"
    EVALUATIONS = "evaluations"
    CONCERNS = "concerns"
    JOBCOACHING = "jobcoaching"
    PROVISIONS = "provisions"
    ENDING = "ending"  # reasons, notes, learning points


PROFESSIONAL_ROLES = frozenset({"klantmanager", "accountmanager", "arbeidsdeskundige"})

_PARTS: dict[str, frozenset[Part]] = {
    "werkgever": frozenset(
        {
            Part.CONTACT_PERSON,
            Part.CONTRACTS,
            Part.HOURS_BUILDUP,
            Part.CONTACTS,
            Part.EVALUATIONS,
            Part.CONCERNS,
            Part.JOBCOACHING,
        }
    ),
    "jobcoach": frozenset(
        {
            Part.FULL_NAME,
            Part.CONTACT_PERSON,
            Part.CONTRACTS,
            Part.HOURS_BUILDUP,
            Part.CONCERNS,
            Part.JOBCOACHING,
        }
    ),
    "werknemer": frozenset(
        {
            Part.FULL_NAME,
            Part.MUNICIPALITY,
            Part.CONTACT_PERSON,
            Part.JOBCOACH_NAME,
            Part.CONTRACTS,
            Part.HOURS_BUILDUP,
            Part.EVALUATIONS,
            Part.CONCERNS,
            Part.JOBCOACHING,
            Part.PROVISIONS,
            Part.ENDING,
        }
    ),
}

# Who raised a concern (Concern.RaisedBy) as seen from each role: their own.
_OWN_CONCERNS = {"werkgever": "employer", "jobcoach": "jobcoach", "werknemer": "worker"}


def is_professional(role: str, is_superuser: bool = False) -> bool:
    return is_superuser or role in PROFESSIONAL_ROLES


def parts_for(role: str, is_superuser: bool = False) -> frozenset[Part]:
    if is_professional(role, is_superuser):
        return frozenset(Part)
    return _PARTS.get(role, frozenset())


def shown_name(full_name: str, role: str, is_superuser: bool = False) -> str:
    """The employer knows the worker by first name; nobody else needs less than the name."""
    if Part.FULL_NAME in parts_for(role, is_superuser):
        return full_name
    return full_name.split()[0] if full_name.split() else ""


def contact_shown(role: str, shared_with_employer: bool, is_superuser: bool = False) -> bool:
    if is_professional(role, is_superuser):
        return True
    return role == "werkgever" and shared_with_employer


def concern_shown(
    role: str, raised_by: str, shared_with_employer: bool, is_superuser: bool = False
) -> bool:
    if is_professional(role, is_superuser):
        return True
    if raised_by == _OWN_CONCERNS.get(role):
        return True
    return role == "werkgever" and shared_with_employer


def jobcoach_reports_shown(role: str, is_superuser: bool = False) -> bool:
    """What a jobcoach writes about how it goes (issue 17 §2): for the professionals and the
    jobcoach (their own trajectories only, `visible_to`); not for the employer or the worker,
    whose own words go in the IOP and a concern."""
    return is_professional(role, is_superuser) or role == "jobcoach"
