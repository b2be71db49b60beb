from __future__ import annotations

from typing import Any

from django import forms
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from baanbehoud.core.forms import Form

from .enrolment import accept_code


class CodeForm(Form):
    code = forms.CharField(
        label="Code uit de app",
        help_text="De 6 cijfers die de app nu laat zien.",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, user: Any, device: TOTPDevice | None = None, **kwargs: Any):
        self.user = user
        self.device = device
        self.matched: TOTPDevice | None = None
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Vul de 6 cijfers in die de app laat zien.")
        if self.device is not None:
            matched = self.device if self.device.verify_token(code) else None
        else:
            matched = match_token(self.user, code)
        if matched is None:
            raise forms.ValidationError(
                "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat, "
                "en vul de code in die de app nu laat zien."
            )
        self.matched = matched
        return code


class ActivationCodeForm(Form):
    """The one-time activation code from the functional administrator (first enrolment)."""

    code = forms.CharField(
        label="Activeringscode",
        help_text="De code van 8 tekens die u van de functioneel beheerder kreeg, bijvoorbeeld "
        "ABCD-EFGH.",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not accept_code(user=self.user, code=code):
            raise forms.ValidationError(
                "Deze activeringscode klopt niet of is verlopen. Vraag de functioneel beheerder "
                "om een nieuwe code."
            )
        return code


class PersonLookupForm(Form):
    """The functional administrator finds a data subject by BSN or reference. Posted, never in
    the address bar: a BSN must not end up in a URL or a server log."""

    who = forms.CharField(
        label="BSN of referentie",
        help_text="Het BSN (9 cijfers) of de referentie van de persoon in Baanbehoud.",
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AnonymiseForm(Form):
    reason = forms.CharField(
        label="Waarom anonimiseren?",
        help_text="Bijvoorbeeld: verzoek van de betrokkene, ontvangen op 3 november.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label="Ik begrijp dat dit niet terug te draaien is.",
        error_messages={"required": "Vink aan dat u begrijpt dat dit niet terug te draaien is."},
    )
