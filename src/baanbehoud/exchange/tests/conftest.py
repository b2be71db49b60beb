import copy
from typing import Any

import pytest

EXAMPLE: dict[str, Any] = {
    "format": "baanbehoud-exchange/1",
    "organisations": [
        {
            "ref": "FW",
            "name": "FermWerk",
            "kind": "municipal",
            "municipalities": ["Montfoort", "Oudewater", "Woerden"],
        },
        {"ref": "UWV", "name": "UWV Midden-Utrecht", "kind": "uwv", "municipalities": []},
    ],
    "consultants": [
        {"ref": "c1", "name": "A. de Vries", "email": "a.devries@example.org", "organisation": "FW"}
    ],
    "employers": [
        {
            "ref": "e1",
            "name": "Bakkerij Voorbeeld",
            "kvk": "12345678",
            "sector": "voeding",
            "municipality": "Woerden",
            "contact_person": "c1",
        }
    ],
    "persons": [
        {
            "ref": "p1",
            "bsn": "111222333",
            "name": "J. Jansen",
            "birth_date": "1998-04-02",
            "municipality": "Woerden",
            "regime": "participatiewet",
            "education": "mbo2",
            "contact_person": "c1",
        }
    ],
    "placements": [
        {
            "ref": "pl1",
            "person": "p1",
            "employer": "e1",
            "function": "Inpakker",
            "route": "wsp",
            "contracts": [
                {
                    "kind": "proefplaatsing",
                    "start": "2025-01-06",
                    "end": "2025-03-05",
                    "hours_per_week": 12,
                },
                {
                    "kind": "temporary",
                    "start": "2025-03-06",
                    "end": "2025-09-30",
                    "hours_per_week": 16,
                },
                {
                    "kind": "temporary",
                    "start": "2025-10-01",
                    "end": "2026-09-30",
                    "hours_per_week": 20,
                    "cao_max_contracts": None,
                    "cao_max_months": None,
                    "cao_gap_months": None,
                },
            ],
            "ending": None,
        }
    ],
    "contacts": [
        {
            "placement": "pl1",
            "date": "2025-04-15",
            "with": ["worker", "employer"],
            "by": "c1",
            "summary": "Gaat goed.",
        }
    ],
    "evaluations": [{"placement": "pl1", "date": "2025-04-17"}],
    "jobcoaching": [
        {
            "ref": "jc1",
            "placement": "pl1",
            "organisation": "Jobcoach BV",
            "start": "2025-03-06",
            "end": None,
            "hours": [{"month": "2025-03", "hours": 6}],
            "reports": [{"date": "2025-04-01"}],
        }
    ],
    "hours_buildup": [
        {
            "placement": "pl1",
            "from": "2025-03-06",
            "hours_per_week": 16,
            "review": "2025-04-15",
            "decided": "2025-04-15",
        }
    ],
    "concerns": [
        {
            "placement": "pl1",
            "date": "2025-05-02",
            "raised_by": "employer",
            "kind": "change_at_work",
            "text": "Nieuwe leidinggevende.",
            "handled": None,
        }
    ],
    "provisions": [
        {"placement": "pl1", "kind": "software", "requested": "2025-02-01", "granted": None}
    ],
}


@pytest.fixture
def document():
    """The example of exchange-format.md, field for field."""
    return copy.deepcopy(EXAMPLE)
