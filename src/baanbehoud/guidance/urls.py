from django.urls import path

from . import portal, views

urlpatterns = [
    path("plaatsingen/<int:pk>/contact/nieuw/", views.contact_new, name="contact-new"),
    path("plaatsingen/<int:pk>/evaluatie/nieuw/", views.evaluation_new, name="evaluation-new"),
    path("plaatsingen/<int:pk>/aan-de-bel/", views.concern_new, name="concern-new"),
    path("plaatsingen/<int:pk>/jobcoaching/nieuw/", views.trajectory_new, name="trajectory-new"),
    path("plaatsingen/<int:pk>/urenopbouw/nieuw/", views.hours_step_new, name="hours-step-new"),
    path("plaatsingen/<int:pk>/voorziening/nieuw/", views.provision_edit, name="provision-new"),
    path(
        "plaatsingen/<int:pk>/voorziening/<int:provision_pk>/",
        views.provision_edit,
        name="provision-edit",
    ),
    path("plaatsingen/<int:pk>/ziekmelding/", views.sick_report_new, name="sick-report-new"),
    path("ziekmeldingen/<int:pk>/", views.sick_report_detail, name="sick-report"),
    path("zorgsignalen/<int:pk>/afhandelen/", views.concern_handle, name="concern-handle"),
    path("zorgsignalen/<int:pk>/buurtteam/", views.referral_edit, name="referral-edit"),
    path("evaluaties/<int:pk>/", views.evaluation_compare, name="evaluation-compare"),
    path("evaluaties/<int:pk>/invullen/", views.evaluation_respond, name="evaluation-respond"),
    path("jobcoach/", views.jobcoach_home, name="jobcoach-home"),
    path("jobcoaching/<int:pk>/uren/", views.hours_book, name="hours-book"),
    path("jobcoaching/<int:pk>/rapportage/", views.report_write, name="report-write"),
    path(
        "jobcoaching/<int:pk>/uitzondering/",
        views.trajectory_exception,
        name="trajectory-exception",
    ),
    path("mijn/", portal.worker_home, name="worker-home"),
    path("mijn-medewerkers/", portal.employer_home, name="employer-home"),
]
