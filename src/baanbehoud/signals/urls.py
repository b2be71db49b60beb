from django.urls import path

from . import views

urlpatterns = [
    path("signalen/", views.worklist_page, name="worklist"),
]
