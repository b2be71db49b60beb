from django.urls import path

from . import views

urlpatterns = [
    path("werkgevers/", views.employer_list, name="employer-list"),
    path("werkgevers/nieuw/", views.employer_register, name="employer-register"),
    path("vacatures/", views.vacancy_list, name="vacancy-list"),
    path("vacatures/<int:pk>/", views.vacancy_detail, name="vacancy-detail"),
    path("vacatures/<int:pk>/wijzigen/", views.vacancy_edit, name="vacancy-edit"),
    path(
        "werkgevers/<int:pk>/contacten/nieuw/",
        views.employer_contact_new,
        name="employer-contact-new",
    ),
    path("werkgevers/<int:pk>/vacatures/nieuw/", views.vacancy_new, name="vacancy-new"),
    path("werkgevers/<int:pk>/", views.employer_page, name="employer-detail"),
    path("werkgevers/<int:pk>/uitnodigen/", views.invite_supervisor, name="invite-supervisor"),
    path(
        "werkgevers/<int:pk>/contactpersoon/",
        views.employer_contact_assign,
        name="employer-contact-assign",
    ),
]
