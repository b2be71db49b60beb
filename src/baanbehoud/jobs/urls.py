from django.urls import path

from . import views

urlpatterns = [
    path("taken/", views.job_list, name="jobs"),
    path("taken/<uuid:pk>/", views.job_page, name="job"),
    path("taken/<uuid:pk>/voortgang/", views.job_status, name="job-status"),
    path("taken/<uuid:pk>/download/", views.job_download, name="job-download"),
]
