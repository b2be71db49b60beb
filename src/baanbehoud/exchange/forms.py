from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from baanbehoud.web.forms import Form

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
