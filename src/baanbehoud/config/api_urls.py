from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from baanbehoud.placements.api import PlacementChainView
from baanbehoud.signals.api import SignalListView

urlpatterns = [
    path("signals", SignalListView.as_view(), name="api-signals"),
    path("placements/<str:ref>/chain", PlacementChainView.as_view(), name="api-placement-chain"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
