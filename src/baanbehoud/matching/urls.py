from django.urls import path

from . import views

urlpatterns = [
    path("vacatures/<int:pk>/kandidaten/", views.vacancy_candidates, name="vacancy-candidates"),
    path("personen/<int:pk>/passend-werk/", views.person_vacancies, name="person-vacancies"),
    path(
        "vacatures/<int:pk>/voorstellen/<int:person_pk>/",
        views.proposal_new,
        name="proposal-new",
    ),
    path("mijn-voorstellen/", views.employer_proposals, name="employer-proposals"),
    path("voorstellen/<int:pk>/antwoord/", views.proposal_answer, name="proposal-answer"),
    path("voorstellen/<int:pk>/kennismaking/", views.proposal_meeting, name="proposal-meeting"),
    path("voorstellen/<int:pk>/proefplaatsing/", views.proposal_start, name="proposal-start"),
    path("voorstellen/<int:pk>/stoppen/", views.proposal_stop, name="proposal-stop"),
]
