from django.urls import path

from . import views

urlpatterns = [
    path("personen/", views.person_list, name="person-list"),
    path("personen/nieuw/", views.person_register, name="person-register"),
    path("belastbaarheid/", views.assessments, name="assessments"),
    path("voortrajecten/", views.programmes, name="programmes"),
    path("personen/<int:pk>/voortraject/", views.pretrajectory_edit, name="pretrajectory-new"),
    path("personen/<int:pk>/werkfit/", views.werkfit_edit, name="werkfit-edit"),
    path(
        "personen/<int:pk>/voortraject/<int:item>/",
        views.pretrajectory_edit,
        name="pretrajectory-edit",
    ),
    path("personen/<int:pk>/belastbaarheid/", views.load_capacity_edit, name="load-capacity-edit"),
    path("personen/<int:pk>/", views.person_page, name="person-detail"),
    path("personen/<int:pk>/profiel/", views.profile_edit, name="profile-edit"),
    path("personen/<int:pk>/uitnodigen/", views.invite_worker, name="invite-worker"),
    path("mijn/profiel/", views.worker_profile, name="worker-profile"),
    path(
        "mijn-medewerkers/<int:placement_pk>/profiel/",
        views.employer_profile,
        name="employer-profile",
    ),
    path("zonder-contactpersoon/", views.without_contact_person, name="without-contact"),
    path(
        "personen/<int:pk>/contactpersoon/",
        views.contact_person_assign,
        name="contact-person-assign",
    ),
]
