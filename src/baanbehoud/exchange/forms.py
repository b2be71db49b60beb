from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from baanbehoud.core.forms import Form
from baanbehoud.organisations.models import Organisation

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = (".json", ".xlsx", ".csv")


class ImportUploadForm(Form):
    file = forms.FileField(
        label="Bestand",
        help_text="Een Excel-bestand (.xlsx) of CSV volgens het sjabloon, of een JSON-bestand in het "
        "uitwisselformaat. U ziet eerst wat er verandert; pas na bevestigen wordt iets opgeslagen.",
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(EXTENSIONS):
            raise forms.ValidationError("Kies een bestand dat eindigt op .xlsx, .csv of .json.")
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 20 MB. Splits het in delen.")
        return upload


class ExportForm(Form):
    organisation = forms.ModelChoiceField(
        label="Organisatie",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Alle organisaties van de regio",
        help_text="Alleen de personen van één uitvoeringsorganisatie, of iedereen in uw regio.",
    )
    pseudonymise = forms.BooleanField(
        label="Gepseudonimiseerd (zonder BSN, namen en geboortedata)",
        required=False,
        help_text="Voor een analyse of een test: niemand is in het bestand te herkennen.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from baanbehoud.organisations.models import OrganisationKind
        from baanbehoud.organisations.scoping import organisations_for

        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            organisations_for(user).exclude(kind=OrganisationKind.JOBCOACH).order_by("name")
        )
