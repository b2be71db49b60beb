from django.urls import path

from . import views

urlpatterns = [
    path("vacatures/<int:pk>/kandidaten/", views.vacancy_candidates, name="vacancy-candidates"),
    path("personen/<int:pk>/passend-werk/", views.person_vacancies, name="person-vacancies"),
]
