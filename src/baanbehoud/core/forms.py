"""Shared form plumbing: native date inputs, and the one way a form page is handled
(validate, call one service in one transaction, redirect; on error show the summary)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure

if TYPE_CHECKING:
    from baanbehoud.persons.models import Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_widgets(*names: str) -> dict[str, forms.Widget]:
    return {name: DateInput() for name in names}


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[Any], object],
    success_url: str,
    title: str,
    go_to: Callable[[Any], str] | None = None,
    success_message: str,
    subject: Person | None,
    context: dict[str, Any] | None = None,
    template: str = "web/form_page.html",
) -> HttpResponse:
    """GET shows the form; a valid POST calls `save(cleaned form)` (a service, which is atomic
    and logs the write) and redirects; an invalid POST shows the error summary with everything
    typed kept. Showing the form names `subject`, so that read is logged too. `go_to(saved)`:
    where to go after saving when it depends on what was saved (a new record's own page);
    `success_url` is then where Annuleren leads."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = save(form)
        except ValidationError as exc:
            # A rule the model checks in the service (e.g. the jobcoach budget): show it on the field.
            errors = (
                exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            )
            for field, messages_ in errors.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        except IntegrityError:
            # The same record saved by someone else at the same moment (a unique rule).
            form.add_error(
                None,
                "Iemand anders heeft dit tegelijk vastgelegd. Er is niets opgeslagen; kijk eerst wat "
                "er nu staat.",
            )
        else:
            messages.success(request, success_message)
            return HttpResponseRedirect(go_to(saved) if go_to is not None else success_url)
    log_processing(
        user=request.user,  # type: ignore[arg-type]
        persons=[subject] if subject is not None else [],
        action=Action.READ,
        activity=CASE_WORK,
        object_type=f"formulier: {title}",
    )
    # The browser tab names the person too, so every page has its own title (WCAG 2.4.2).
    # (Named as the role may know them: an employer by first name, core/disclosure.py.)
    if subject is not None:
        user = request.user
        name = disclosure.shown_name(
            subject.name, getattr(user, "role", ""), getattr(user, "is_superuser", False)
        )
        page_title = f"{title} — {name}"
    else:
        page_title = title
    page = {
        "form": form,
        "title": title,
        "page_title": page_title,
        "cancel_url": success_url,
        **(context or {}),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, template, page, status=status)


class PlainNumberInput(forms.NumberInput):
    """A stored 28.0 or 28.50 shows as 28 or 28.5 (issue 17 §7): the browser shows the value in
    the user's notation (28,5), without the digits the database keeps."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            text = f"{value:f}"
            return text.rstrip("0").rstrip(".") if "." in text else text
        return super().format_value(value)


class AccessibleFormMixin:
    """Links every input to its hint and error text (aria-describedby) and marks invalid
    inputs (aria-invalid), so a screen reader reads what is wrong where the focus is."""

    fields: dict[str, forms.Field]

    def _describe(self, name: str, with_error: bool) -> None:
        bound = self[name]  # type: ignore[index]
        field = self.fields[name]
        ids = []
        if field.help_text:
            ids.append(f"{bound.auto_id}_hint")
        if with_error:
            ids.append(f"{bound.auto_id}_error")
            field.widget.attrs["aria-invalid"] = "true"
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.fields:
            self._describe(name, with_error=name in self.errors)  # type: ignore[attr-defined]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_described()

    def reword(self, name: str, *, label: str | None = None, help_text: str | None = None) -> None:
        """Change a field's words after the form is made (the bound field, made early for
        aria-describedby, is made again with them)."""
        field = self.fields[name]
        if label is not None:
            field.label = label
        if help_text is not None:
            field.help_text = help_text
        self._bound_fields_cache.pop(name, None)  # type: ignore[attr-defined]

    def _init_described(self) -> None:
        """Call again after adding fields in a subclass's __init__."""
        for name, field in self.fields.items():
            _say_what_to_do(field)
            if isinstance(field, forms.DecimalField) and type(field.widget) is forms.NumberInput:
                plain = PlainNumberInput(attrs=field.widget.attrs)
                plain.is_required = field.widget.is_required
                field.widget = plain
            self._describe(name, with_error=False)


DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


def _say_what_to_do(field: forms.Field) -> None:
    """An empty required field says what to do (issue 17 §4): "Vul in: Naam." or "Kies: Route."
    instead of Django's "Dit veld is vereist."; a form that words it itself keeps its words."""
    if str(field.error_messages.get("required", "")) != DJANGO_REQUIRED or not field.label:
        return
    label = str(field.label).rstrip(":?. ")
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    field.error_messages["required"] = f"{'Kies' if choosing else 'Vul in'}: {label}."


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    def _update_errors(self, errors: ValidationError) -> None:
        """A model rule about a field the form does not show (e.g. the placement's hours for
        jobcoaching) becomes an error of the whole form, shown in the error summary."""
        if hasattr(errors, "error_dict"):
            for field in [
                f for f in errors.error_dict if f not in self.fields and f != NON_FIELD_ERRORS
            ]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                    errors.error_dict.pop(field)
                )
            # A model rule that says what the form already said about a field (a required
            # field the rule needs too) is said once, not twice in the error summary.
            for field, found in errors.error_dict.items():
                said = set(self.errors.get(field, ()))
                found[:] = [e for e in found if not said.intersection(e.messages)]
            errors.error_dict = {f: found for f, found in errors.error_dict.items() if found}
            if not errors.error_dict:
                return
        super()._update_errors(errors)  # type: ignore[misc]


class UserChoiceField(forms.ModelChoiceField):
    """Choosing a colleague: name, organisation and role, so two people with the same name are
    told apart, and the saved choice is exactly the one picked (by id)."""

    def label_from_instance(self, obj: Any) -> str:
        parts = [str(obj)]
        if getattr(obj, "organisation", None) is not None:
            parts.append(str(obj.organisation))
        label = " — ".join(parts)
        role = obj.get_role_display() if getattr(obj, "role", "") else ""
        label = f"{label} ({role.lower()})" if role else label
        if self._namesakes().get((str(obj), obj.organisation_id), 0) > 1 and obj.email:
            label = f"{label}, {obj.email}"  # the same name in the same organisation
        return label

    def _namesakes(self) -> dict[tuple[str, Any], int]:
        if not hasattr(self, "_namesake_counts"):
            counts: dict[tuple[str, Any], int] = {}
            for user in self.queryset:  # type: ignore[union-attr]
                key = (str(user), user.organisation_id)
                counts[key] = counts.get(key, 0) + 1
            self._namesake_counts = counts
        return self._namesake_counts
