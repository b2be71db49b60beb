from django.urls import path

from . import views

urlpatterns = [
    path("werkgevers/", views.employer_list, name="employer-list"),
    path("werkgevers/<int:pk>/", views.employer_page, name="employer-detail"),
    path("werkgevers/<int:pk>/uitnodigen/", views.invite_supervisor, name="invite-supervisor"),
    path(
        "werkgevers/<int:pk>/contactpersoon/",
        views.employer_contact_assign,
        name="employer-contact-assign",
    ),
]
