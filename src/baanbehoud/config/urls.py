from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Baanbehoud — beheer"
admin.site.site_title = "Baanbehoud"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    # Namespaced: the router's names (person-list, ...) would otherwise shadow the pages' names.
    path("api/v1/", include(("baanbehoud.config.api_urls", "api"), namespace="api")),
    path("", include("baanbehoud.web.urls")),
    path("", include("baanbehoud.security.urls")),
    path("", include("baanbehoud.signals.urls")),
    path("", include("baanbehoud.placements.urls")),
    path("", include("baanbehoud.guidance.urls")),
    path("", include("baanbehoud.persons.urls")),
    path("", include("baanbehoud.employers.urls")),
    path("", include("baanbehoud.matching.urls")),
    path("", include("baanbehoud.exchange.urls")),
    path("", include("baanbehoud.reports.urls")),
    path("", include("baanbehoud.jobs.urls")),
]

handler400 = "baanbehoud.error_views.bad_request"
handler403 = "baanbehoud.error_views.permission_denied"
handler404 = "baanbehoud.error_views.page_not_found"
handler500 = "baanbehoud.error_views.server_error"
