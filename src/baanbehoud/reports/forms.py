from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from baanbehoud.core.forms import DateInput, Form
from baanbehoud.dates import add_months

from .sustainability import SPLITS


def default_start(today: date) -> date:
    """The first day of the quarter two years ago."""
    start = add_months(today, -24)
    return date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)


class ReportFilterForm(Form):
    van = forms.DateField(label="Van", widget=DateInput(), required=False)
    tot = forms.DateField(label="Tot en met", widget=DateInput(), required=False)
    organisatie = forms.ChoiceField(label="Uitvoeringsorganisatie", required=False)
    gemeente = forms.ChoiceField(label="Gemeente", required=False)
    regeling = forms.ChoiceField(label="Regeling", required=False)
    route = forms.ChoiceField(label="Route", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    uitsplitsen = forms.ChoiceField(
        label="Overleving uitsplitsen naar",
        required=False,
        choices=[(k, label) for k, (label, _f) in SPLITS.items()],
    )

    def __init__(
        self, *args: Any, options: dict[str, list[tuple[str, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in options.items():
            self.fields[name].choices = [("", "Alle"), *choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("van"), data.get("tot")
        if start and end and end < start:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        for name in ("van", "tot"):
            value = data.get(name)
            if value and not (date(1900, 1, 1) <= value <= date(2199, 12, 31)):
                self.add_error(name, "Vul een datum in tussen 1900 en 2199.")
        return data
