from django.urls import path

from . import views

urlpatterns = [
    path("inloggen/tweede-stap/", views.verify, name="mfa-verify"),
    path("inloggen/tweestapsverificatie/", views.setup, name="mfa-setup"),
]

from . import privacy_views  # noqa: E402

urlpatterns += [
    path("avg/", privacy_views.search, name="privacy-search"),
    path("avg/personen/<int:pk>/", privacy_views.person_page, name="privacy-person"),
    path(
        "avg/personen/<int:pk>/verwerkingen.csv",
        privacy_views.log_export,
        name="privacy-log-export",
    ),
    path(
        "avg/personen/<int:pk>/inzage.json", privacy_views.access_json, name="privacy-access-json"
    ),
    path("avg/personen/<int:pk>/inzage/", privacy_views.access_html, name="privacy-access-html"),
    path("avg/personen/<int:pk>/anonimiseren/", privacy_views.anonymise, name="privacy-anonymise"),
]
