"""/api/v1/jobcoaching, /api/v1/jobcoach-hours, /api/v1/jobcoach-reports, /api/v1/provisions,
/api/v1/hours-steps, /api/v1/sick-reports: every record a page can write, through the same services (issue 13 §8)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework import serializers

from baanbehoud.core.rest import clean_copy, user_of
from baanbehoud.organisations.models import Organisation, OrganisationKind, Role, User
from baanbehoud.placements.models import HoursStep

from . import services
from .api import PlacementRecordViewSet, PlacementScoped
from .models import JobcoachHours, JobcoachReport, JobcoachTrajectory, Provision, SickReport


class TrajectorySerializer(PlacementScoped):
    organisation = serializers.SlugRelatedField(
        slug_field="ref",
        queryset=Organisation.objects.filter(kind=OrganisationKind.JOBCOACH),
        help_text="The jobcoach organisation's ref.",
    )
    coach = serializers.SlugRelatedField(
        slug_field="ref",
        queryset=User.objects.filter(role=Role.JOBCOACH, is_active=True),
        allow_null=True,
        required=False,
        help_text="The jobcoach's ref.",
    )

    class Meta:
        model = JobcoachTrajectory
        fields = [
            "id", "ref", "placement", "organisation", "coach", "start", "end",
            "exception_reason", "yearly_budget_hours", "report_cadence_months",
        ]  # fmt: skip
        read_only_fields = ["ref"]

    def create(self, validated: dict[str, Any]) -> JobcoachTrajectory:
        own = {k: validated.pop(k) for k in ("yearly_budget_hours", "report_cadence_months")
               if k in validated}  # fmt: skip
        validated.setdefault("end", None)
        validated.setdefault("coach", None)
        trajectory = services.jobcoaching_start(
            user=user_of(self.context["request"]), intensity=None, **validated
        )
        if own:
            services.record_update(user=user_of(self.context["request"]), record=trajectory, **own)
        return trajectory

    def update(self, instance: JobcoachTrajectory, validated: dict[str, Any]) -> Any:
        return services.record_update(
            user=user_of(self.context["request"]), record=instance, **validated
        )


class TrajectoryScoped(serializers.ModelSerializer):
    trajectory = serializers.SlugRelatedField(
        slug_field="ref",
        queryset=JobcoachTrajectory.objects.none(),
        help_text="The jobcoach trajectory's ref.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["trajectory"].queryset = JobcoachTrajectory.objects.manageable_by(  # type: ignore[attr-defined]
                user_of(request)
            )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return clean_copy(self.Meta.model, self.instance, attrs)

    def update(self, instance: Any, validated: dict[str, Any]) -> Any:
        return services.record_update(
            user=user_of(self.context["request"]), record=instance, **validated
        )


class HoursSerializer(TrajectoryScoped):
    month = serializers.DateField(help_text="The first day of the month (YYYY-MM-01).")

    class Meta:
        model = JobcoachHours
        fields = ["id", "trajectory", "month", "hours"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # the service checks the month's total against the budget

    def create(self, validated: dict[str, Any]) -> JobcoachHours:
        return services.jobcoach_hours_book(user=user_of(self.context["request"]), **validated)


class ReportSerializer(TrajectoryScoped):
    class Meta:
        model = JobcoachReport
        fields = ["id", "trajectory", "date", "how_it_goes", "what_changed", "risk", "advice"]

    def create(self, validated: dict[str, Any]) -> JobcoachReport:
        return services.jobcoach_report_write(user=user_of(self.context["request"]), **validated)


class ProvisionSerializer(PlacementScoped):
    class Meta:
        model = Provision
        fields = ["id", "placement", "kind", "description", "requested", "granted", "status"]

    def create(self, validated: dict[str, Any]) -> Provision:
        return services.provision_save(
            user=user_of(self.context["request"]),
            provision=Provision(placement=validated.pop("placement")),
            **validated,
        )

    def update(self, instance: Provision, validated: dict[str, Any]) -> Provision:
        return services.provision_save(
            user=user_of(self.context["request"]), provision=instance, **validated
        )


class HoursStepSerializer(PlacementScoped):
    class Meta:
        model = HoursStep
        fields = [
            "id", "placement", "from_date", "hours_per_week", "review_date", "decided_on",
            "decision", "reason",
        ]  # fmt: skip

    def create(self, validated: dict[str, Any]) -> HoursStep:
        step = services.hours_step_plan(
            user=user_of(self.context["request"]),
            placement=validated["placement"],
            from_date=validated["from_date"],
            hours_per_week=validated["hours_per_week"],
            review_date=validated.get("review_date"),
        )
        rest = {k: v for k, v in validated.items()
                if k in ("decided_on", "decision", "reason")}  # fmt: skip
        return services.record_update(user=user_of(self.context["request"]), record=step, **rest)

    def update(self, instance: HoursStep, validated: dict[str, Any]) -> Any:
        return services.record_update(
            user=user_of(self.context["request"]), record=instance, **validated
        )


class SickReportSerializer(PlacementScoped):
    """Issue 20 §1: a sick report, as the list `sick_reports` of the exchange format. Created
    and changed through the page's services (the contact person's e-mail, the one open report);
    the first day and the placement stay as they were reported."""

    class Meta:
        model = SickReport
        fields = [
            "id", "placement", "first_day", "expected_return", "works_partly", "recovered_on",
            "reported_by", "note",
        ]  # fmt: skip
        read_only_fields = ["reported_by"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            attrs.pop("placement", None)
            attrs.pop("first_day", None)
        return super().validate(attrs)

    def create(self, validated: dict[str, Any]) -> SickReport:
        report = services.sick_report(
            user=user_of(self.context["request"]),
            placement=validated["placement"],
            first_day=validated["first_day"],
            expected_return=validated.get("expected_return"),
            works_partly=validated.get("works_partly", False),
            note=validated.get("note", ""),
        )
        if validated.get("recovered_on") is not None:
            report = self.update(report, {"recovered_on": validated["recovered_on"]})
        return report

    def update(self, instance: SickReport, validated: dict[str, Any]) -> SickReport:
        return services.sick_report_change(
            user=user_of(self.context["request"]),
            report=instance,
            expected_return=validated.get("expected_return", instance.expected_return),
            works_partly=validated.get("works_partly", instance.works_partly),
            recovered_on=validated.get("recovered_on", instance.recovered_on),
        )


class _RecordViewSet(PlacementRecordViewSet):
    """Writes go through the services, which log them; reads are logged as for the others."""

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        serializer.save()

    @transaction.atomic
    def perform_update(self, serializer: Any) -> None:
        serializer.save()


class TrajectoryViewSet(_RecordViewSet):
    serializer_class = TrajectorySerializer
    model = JobcoachTrajectory
    object_type = "jobcoachtraject"


class HoursViewSet(_RecordViewSet):
    serializer_class = HoursSerializer
    model = JobcoachHours
    object_type = "jobcoachuren"
    person_path = "trajectory__placement__person"


class ReportViewSet(_RecordViewSet):
    serializer_class = ReportSerializer
    model = JobcoachReport
    object_type = "jobcoachrapportage"
    person_path = "trajectory__placement__person"


class ProvisionViewSet(_RecordViewSet):
    serializer_class = ProvisionSerializer
    model = Provision
    object_type = "voorziening"


class SickReportViewSet(_RecordViewSet):
    serializer_class = SickReportSerializer
    model = SickReport
    object_type = "ziekmelding"


class HoursStepViewSet(_RecordViewSet):
    serializer_class = HoursStepSerializer
    model = HoursStep
    object_type = "urenopbouw"
