"""hypothesis `from_form` fuzzing of every form (issue 7): each form's fields get values that
hypothesis infers from the field, or arbitrary text, and are POSTed to the page that uses the
form, as a user who may use it. Whatever comes in, the answer is never a server error."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import ResolutionFailed
from hypothesis.extra.django import from_field, from_form

import baanbehoud
from baanbehoud.organisations.models import Role
from baanbehoud.persons.selectors import werkfit_points

from .world import Records, World

pytestmark = pytest.mark.django_db

KM, AM, AD, JC, WN, WG, FB = (
    Role.KLANTMANAGER, Role.ACCOUNTMANAGER, Role.ARBEIDSDESKUNDIGE, Role.JOBCOACH,
    Role.WERKNEMER, Role.WERKGEVER, Role.BEHEERDER,
)  # fmt: skip


def _our_forms() -> set[type[forms.BaseForm]]:
    found: set[type[forms.BaseForm]] = set()
    for module in pkgutil.walk_packages(baanbehoud.__path__, "baanbehoud."):
        if any(part in module.name for part in (".tests", ".migrations", "settings.production")):
            continue
        loaded = importlib.import_module(module.name)
        for _name, obj in inspect.getmembers(loaded, inspect.isclass):
            if (
                issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.name
                and (
                    obj.__name__ not in ("Form", "ModelForm")
                    or module.name != "baanbehoud.core.forms"
                )
            ):
                found.add(obj)
    return found


def _form(path: str) -> type[forms.BaseForm]:
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(f"baanbehoud.{module}"), name)


# form → (role, url(records), kwargs to build an unbound form like the view does)
Target = tuple[str, Callable[[Records], str], Callable[[World], dict[str, Any]]]
NO_KWARGS: Callable[[World], dict[str, Any]] = lambda w: {}  # noqa: E731


def _url(name: str, attr: str | None = None, key: str = "pk") -> Callable[[Records], str]:
    def build(r: Records) -> str:
        if attr is None:
            return reverse(name)
        obj = r
        for part in attr.split("."):
            obj = getattr(obj, part)
        return reverse(name, kwargs={key: obj})

    return build


FRESH_PER_EXAMPLE = {"placements.forms.WithdrawForm"}


def _fresh_contract_to_withdraw(r: Records) -> str:
    from baanbehoud.placements.tests.factories import ContractFactory

    return reverse(
        "contract-withdraw", kwargs={"pk": ContractFactory.create(placement=r.placement).pk}
    )


TARGETS: dict[str, Target] = {
    "employers.forms.AccountManagerForm": (
        KM, _url("employer-contact-assign", "employer.pk"),
        lambda w: {"region_id": w.users[KM].organisation.region_id},
    ),
    "employers.forms.SupervisorInviteForm": (KM, _url("invite-supervisor", "employer.pk"), NO_KWARGS),
    "employers.forms.EmployerRegisterForm": (
        AM, _url("employer-register"), lambda w: {"user": w.users[AM]},
    ),
    "employers.forms.EmployerContactForm": (
        KM, _url("employer-contact-new", "employer.pk"), NO_KWARGS,
    ),
    "employers.forms.VacancyForm": (
        KM, _url("vacancy-new", "employer.pk"), lambda w: {"user": w.users[KM]},
    ),
    "persons.forms.LoadCapacityForm": (
        AD, _url("load-capacity-edit", "person.pk"), NO_KWARGS,
    ),
    "persons.forms.PersonRegisterForm": (
        KM, _url("person-register"), lambda w: {"user": w.users[KM]},
    ),
    "placements.forms.PlacementRegisterForm": (
        KM, _url("placement-register", "person.pk"), lambda w: {"user": w.users[KM]},
    ),
    "exchange.forms.ImportUploadForm": (FB, _url("import"), NO_KWARGS),
    "exchange.forms.ExportForm": (FB, _url("export"), lambda w: {"user": w.users[FB]}),
    "guidance.forms.AgreementsForm": (KM, _url("evaluation-compare", "evaluation.pk"), NO_KWARGS),
    "guidance.forms.ConcernHandlingForm": (KM, _url("concern-handle", "concern.pk"), NO_KWARGS),
    "guidance.forms.ConcernRaiseForm": (WN, _url("concern-new", "placement.pk"), NO_KWARGS),
    "guidance.forms.ContactMomentForm": (KM, _url("contact-new", "placement.pk"), NO_KWARGS),
    "persons.forms.PretrajectoryForm": (KM, _url("pretrajectory-new", "person.pk"), NO_KWARGS),
    "persons.forms.WerkfitForm": (
        KM, _url("werkfit-edit", "person.pk"),
        lambda w: {"points": werkfit_points(w.records["own"].person), "stored": {}},
    ),
    "placements.forms.WageValueForm": (KM, _url("wage-value", "placement.pk"), NO_KWARGS),
    "guidance.forms.ReferralForm": (KM, _url("referral-edit", "concern.pk"), NO_KWARGS),
    "guidance.forms.SickReportForm": (WG, _url("sick-report-new", "placement.pk"), NO_KWARGS),
    "guidance.forms.SickReportChangeForm": (
        KM, _url("sick-report", "sick_report.pk"), NO_KWARGS,
    ),
    "guidance.forms.EvaluationForm": (KM, _url("evaluation-new", "placement.pk"), NO_KWARGS),
    "guidance.forms.EvaluationResponseForm": (
        WG, _url("evaluation-respond", "evaluation.pk"), NO_KWARGS,
    ),
    "guidance.forms.ExceptionForm": (KM, _url("trajectory-exception", "trajectory.pk"), NO_KWARGS),
    "guidance.forms.HoursBookForm": (JC, _url("hours-book", "trajectory.pk"), NO_KWARGS),
    "guidance.forms.HoursStepForm": (KM, _url("hours-step-new", "placement.pk"), NO_KWARGS),
    "guidance.forms.JobcoachReportForm": (JC, _url("report-write", "trajectory.pk"), NO_KWARGS),
    "guidance.forms.ProvisionForm": (KM, _url("provision-new", "placement.pk"), NO_KWARGS),
    "guidance.forms.TrajectoryForm": (KM, _url("trajectory-new", "placement.pk"), NO_KWARGS),
    "persons.forms.ContactPersonForm": (
        KM, _url("contact-person-assign", "person.pk"),
        lambda w: {"organisation_id": w.users[KM].organisation_id},
    ),
    "persons.forms.InviteForm": (KM, _url("invite-worker", "person.pk"), NO_KWARGS),
    "persons.forms.ProfileForm": (WN, _url("worker-profile"), NO_KWARGS),
    "placements.forms.ContractForm": (KM, _url("contract-new", "placement.pk"), NO_KWARGS),
    "placements.forms.ContractCorrectionForm": (
        KM, _url("contract-correct", "contract.pk"), NO_KWARGS,
    ),
    # Withdrawing removes the contract: a new one for every example.
    "placements.forms.WithdrawForm": (KM, _fresh_contract_to_withdraw, NO_KWARGS),
    "placements.forms.EndingForm": (
        KM, _url("ending-new", "placement.pk"),
        lambda w: {"moment_for": lambda *a: None, "ask_no_permanent": True},
    ),
    "placements.forms.HoursDecisionForm": (KM, _url("hours-decision", "hours_step.pk"), NO_KWARGS),
    "placements.forms.IntentionForm": (KM, _url("intention-new", "contract.pk"), NO_KWARGS),
    "placements.forms.OfferDiscussedForm": (KM, _url("offer-discussed", "placement.pk"), NO_KWARGS),
    "placements.forms.AftercareCloseForm": (
        KM, _url("aftercare-close", "ending.placement_id"), NO_KWARGS,
    ),
    "matching.forms.ProposalForm": (
        AM, lambda r: reverse("proposal-new", args=[r.vacancy.pk, r.candidate.pk]),
        lambda w: {"filled": ["motivation"]},
    ),
    "matching.forms.AnswerForm": (WG, _url("proposal-answer", "proposal.pk"), NO_KWARGS),
    "matching.forms.MeetingForm": (KM, _url("proposal-meeting", "proposal.pk"), NO_KWARGS),
    "matching.forms.StartForm": (KM, _url("proposal-start", "proposal.pk"), NO_KWARGS),
    "matching.forms.StopForm": (KM, _url("proposal-stop", "proposal.pk"), NO_KWARGS),
    "reports.forms.ReportFilterForm": (KM, _url("reports"), lambda w: {"options": {}}),
    "security.forms.AnonymiseForm": (FB, _url("privacy-anonymise", "person.pk"), NO_KWARGS),
    "security.forms.CodeForm": (KM, _url("mfa-verify"), lambda w: {"user": w.users[KM]}),
    "security.forms.ActivationCodeForm": (WG, _url("mfa-setup"), lambda w: {"user": w.users[WG]}),
    "security.forms.PersonLookupForm": (FB, _url("privacy-search"), NO_KWARGS),
}  # fmt: skip


def test_every_form_is_fuzzed():
    ours = {f"{cls.__module__.removeprefix('baanbehoud.')}.{cls.__name__}" for cls in _our_forms()}
    assert ours == set(TARGETS), (
        f"forms without a fuzz target: {ours - set(TARGETS)}; "
        f"targets without a form: {set(TARGETS) - ours}"
    )


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_text(v) for v in value]
    if value is None:
        return ""
    return value


def _post_data(form: forms.BaseForm) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {k: _text(v) for k, v in dict(form.data).items()}
    data = {k: v for k, v in data.items() if v != ""}
    files = {
        k: SimpleUploadedFile("bestand.xlsx", v if isinstance(v, bytes) else b"x")
        for k, v in dict(form.files).items()
    }
    return data, files


def _strategies(unbound: forms.BaseForm) -> dict[str, st.SearchStrategy[Any]]:
    """Per field: what hypothesis infers for it, or arbitrary text."""
    result: dict[str, st.SearchStrategy[Any]] = {}
    for name, field in unbound.fields.items():
        if isinstance(field, forms.FileField):
            result[name] = st.binary(max_size=200)
            continue
        if isinstance(field, forms.DecimalField) and field.max_digits is None:
            # hypothesis cannot infer a decimal without max_digits
            inferred: st.SearchStrategy[Any] = st.decimals(allow_nan=False, allow_infinity=False)
        else:
            inferred = _inferred(field)
        result[name] = st.one_of(inferred, st.text(max_size=40))
    return result


def _inferred(field: forms.Field) -> st.SearchStrategy[Any]:
    try:
        strategy = from_field(field)
        strategy.validate()
        return strategy
    except ResolutionFailed:
        # Our own field subclasses and choice fields without choices: pick from what is offered.
        if isinstance(field, forms.ModelMultipleChoiceField):
            pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)]
            return st.lists(st.sampled_from(pks), max_size=3) if pks else st.just([])
        values = [str(v) for v, _label in getattr(field, "choices", []) if v != ""]
        return st.sampled_from(values) if values else st.text(max_size=20)


FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("path", sorted(TARGETS))
def test_fuzzing_a_form_never_gives_a_server_error(path, shared_world):
    role, url_for, form_kwargs = TARGETS[path]
    world = shared_world
    records = world.records["own"]
    url = reverse("report", args=["kwartaal"]) if path.startswith("reports.") else url_for(records)
    form_class = _form(path)
    kwargs = form_kwargs(world)
    unbound = form_class(**kwargs)
    client = Client(raise_request_exception=False)
    if path == "security.forms.CodeForm":
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from baanbehoud.security.tests.helpers import PASSWORD_FOR_TESTS

        TOTPDevice.objects.create(user=world.users[KM], name="app", confirmed=True)
        client.post(
            reverse("login"), {"username": world.users[KM].username, "password": PASSWORD_FOR_TESTS}
        )
    else:
        client.force_login(world.users[str(role)])

    # (hypothesis types from_form for forms.Form; it draws ModelForms just the same)
    drawn = cast("type[forms.Form]", form_class)

    @FUZZ
    @given(form=from_form(drawn, form_kwargs=kwargs, **_strategies(unbound)))
    def fuzz(form: forms.BaseForm) -> None:
        data, files = _post_data(form)
        # A form whose success removes its record gets a fresh record for every example.
        target = url_for(records) if path in FRESH_PER_EXAMPLE else url
        response = client.post(target, {**data, **files})
        assert response.status_code < 500, (path, data, response.status_code)
        # ... and the form was really there to take the data (not refused at the door).
        assert response.status_code not in (403, 404, 405), (path, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith("/inloggen/"), response["Location"]

    fuzz()


@pytest.mark.parametrize(
    ("url_name", "form_class"),
    [("login", AuthenticationForm)],
)
def test_fuzzing_the_login_form(url_name, form_class, shared_world):
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(form=from_form(form_class, username=st.text(max_size=40), password=st.text(max_size=80)))
    def fuzz(form: forms.BaseForm) -> None:
        data, _files = _post_data(form)
        assert client.post(reverse(url_name), data).status_code < 500

    fuzz()


def test_fuzzing_the_invitation_form(shared_world):
    """The one-time link's new-password form (Django's SetPasswordForm)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from baanbehoud.organisations.models import User

    # From the database: earlier tests' logins changed the shared object, not the rolled-back row.
    worker = User.objects.get(pk=shared_world.users[WN].pk)
    client = Client(raise_request_exception=False)
    url = reverse(
        "invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(worker.pk)),
            "token": default_token_generator.make_token(worker),
        },
    )
    form_url = client.get(url)["Location"]

    @FUZZ
    @given(
        form=from_form(
            SetPasswordForm,
            form_kwargs={"user": worker},
            new_password1=st.text(max_size=140),
            new_password2=st.text(max_size=140),
        )
    )
    def fuzz(form: forms.BaseForm) -> None:
        data, _files = _post_data(form)
        assert client.post(form_url, data).status_code < 500

    fuzz()
