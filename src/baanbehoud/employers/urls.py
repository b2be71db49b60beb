from django.urls import path

from . import views

urlpatterns = [
    path(
        "werkgevers/<int:pk>/contactpersoon/",
        views.employer_contact_assign,
        name="employer-contact-assign",
    ),
]
