from django.urls import path

from . import views

urlpatterns = [
    path("plaatsingen/<int:pk>/contact/nieuw/", views.contact_new, name="contact-new"),
    path("plaatsingen/<int:pk>/evaluatie/nieuw/", views.evaluation_new, name="evaluation-new"),
    path("zorgsignalen/<int:pk>/afhandelen/", views.concern_handle, name="concern-handle"),
]
