from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from baanbehoud.core.rest import SchemaView
from baanbehoud.employers.api import EmployerViewSet, VacancyViewSet
from baanbehoud.exchange.api import ExportView, ImportView
from baanbehoud.guidance.api import ConcernViewSet, ContactViewSet, EvaluationViewSet
from baanbehoud.guidance.api_records import (
    HoursStepViewSet,
    HoursViewSet,
    ProvisionViewSet,
    ReportViewSet,
    SickReportViewSet,
    TrajectoryViewSet,
)
from baanbehoud.persons.api import PersonViewSet
from baanbehoud.placements.api import (
    ContractViewSet,
    EndingViewSet,
    IntentionViewSet,
    PlacementChainView,
    PlacementViewSet,
)
from baanbehoud.signals.api import SignalListView

router = SimpleRouter(trailing_slash=False)
router.register("persons", PersonViewSet, basename="person")
router.register("employers", EmployerViewSet, basename="employer")
router.register("vacancies", VacancyViewSet, basename="vacancy")
router.register("placements", PlacementViewSet, basename="placement")
router.register("contracts", ContractViewSet, basename="contract")
router.register("contacts", ContactViewSet, basename="contact")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("concerns", ConcernViewSet, basename="concern")
router.register("endings", EndingViewSet, basename="ending")
router.register("intentions", IntentionViewSet, basename="intention")
router.register("jobcoaching", TrajectoryViewSet, basename="trajectory")
router.register("jobcoach-hours", HoursViewSet, basename="jobcoach-hours")
router.register("jobcoach-reports", ReportViewSet, basename="jobcoach-report")
router.register("provisions", ProvisionViewSet, basename="provision")
router.register("hours-steps", HoursStepViewSet, basename="hours-step")
router.register("sick-reports", SickReportViewSet, basename="sick-report")

urlpatterns = [
    path("signals", SignalListView.as_view(), name="api-signals"),
    path("placements/<str:ref>/chain", PlacementChainView.as_view(), name="api-placement-chain"),
    path("import", ImportView.as_view(), name="api-import"),
    path("export", ExportView.as_view(), name="api-export"),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # The split view serves its start script as a file: no inline script, so the CSP holds.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:api-schema", template_name="web/swagger_ui.html"
        ),
        name="api-docs",
    ),
    *router.urls,
]
