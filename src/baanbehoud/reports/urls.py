from django.urls import path

from . import views

urlpatterns = [
    path("rapportages/", views.index, name="reports"),
    path("rapportages/<slug:kind>/", views.report_page, name="report"),
]
