from django.urls import path

from . import views

urlpatterns = [
    path(
        "personen/<int:pk>/contactpersoon/",
        views.contact_person_assign,
        name="contact-person-assign",
    ),
]
