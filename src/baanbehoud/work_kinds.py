"""The kinds of work (issue 19 §2: tasks against qualities and limitations): a short shared list
for the task package and the candidate profile, so that the match can compare them and say
which. The vacancy's and the profile's own words stay beside them for the people. Pure: the
models, forms, API, import and the match's domain all read it from here."""

from __future__ import annotations

TASK_LABELS = {
    "cleaning": "Schoonmaken",
    "sorting": "Inpakken, sorteren en tellen",
    "warehouse": "Magazijn en logistiek",
    "production": "Productie en montage",
    "kitchen": "Keuken en horeca",
    "outdoors": "Groen en buiten",
    "shelves": "Winkel en vakken vullen",
    "administration": "Administratie, post en archief",
    "computer": "Werken met de computer",
    "customers": "Klanten helpen en balie",
    "care": "Zorgen voor mensen of dieren",
    "technical": "Techniek en onderhoud",
    "driving": "Rijden en bezorgen",
}
TASK_CHOICES = list(TASK_LABELS.items())


def task_kinds_problem(value: object) -> str | None:
    """A list of kinds of work, each from the list (None: fine)."""
    if not isinstance(value, list) or any(v not in TASK_LABELS for v in value):
        return (
            "Kies taken uit de lijst: "
            + ", ".join(f"{label} ({code})" for code, label in TASK_LABELS.items())
            + "."
        )
    return None


def task_words(kinds: object) -> str:
    """The kinds of work in the list's order, in lower case: "schoonmaken, groen en buiten"."""
    chosen = set(kinds) if isinstance(kinds, (list, set, frozenset, tuple)) else set()
    return ", ".join(label.lower() for code, label in TASK_LABELS.items() if code in chosen)
