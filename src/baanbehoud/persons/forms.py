from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.organisations.models import Role, User
from baanbehoud.web.forms import Form


class ContactPersonForm(Form):
    contact_person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Vaste contactpersoon",
        help_text="De open signalen gaan mee naar de nieuwe contactpersoon.",
    )

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contact_person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                role=Role.KLANTMANAGER, organisation_id=organisation_id, is_active=True
            )
            if organisation_id is not None
            else User.objects.none()
        ).order_by("full_name")
