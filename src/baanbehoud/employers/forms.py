from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.core.forms import Form, UserChoiceField
from baanbehoud.organisations.models import Role, User


class AccountManagerForm(Form):
    account_manager = UserChoiceField(
        queryset=User.objects.none(),
        label="Contactpersoon bij het WSP",
        help_text="Werkgevers willen één vast aanspreekpunt, ook als de werknemer vast in dienst is.",
    )

    def __init__(self, *args: Any, region_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account_manager"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            # The WSP contact is an accountmanager of the region (docs/rules.md §2), nobody else.
            User.objects.filter(
                role=Role.ACCOUNTMANAGER, organisation__region_id=region_id, is_active=True
            ).select_related("organisation")
            if region_id is not None
            else User.objects.none()
        ).order_by("full_name", "organisation__name", "pk")


class SupervisorInviteForm(Form):
    name = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(
        label="E-mailadres", help_text="Hier komt de link om een wachtwoord te kiezen."
    )
