from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("personen/", views.person_list, name="person-list"),
    path("personen/<int:pk>/", views.person_page, name="person-detail"),
    path("werkgevers/", views.employer_list, name="employer-list"),
    path("werkgevers/<int:pk>/", views.employer_page, name="employer-detail"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
