from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", health.health, name="health"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    # The one-time invitation link: Django's password-reset token, so it works once.
    path(
        "uitnodiging/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/invitation.html",
            success_url=reverse_lazy("invitation-done"),
            post_reset_login=True,
            post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
        ),
        name="invitation",
    ),
    path(
        "uitnodiging/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/invitation_done.html"
        ),
        name="invitation-done",
    ),
    path("zoeken/", views.search, name="search"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("weergaven/", views.saved_views, name="saved-views"),
    path("weergaven/bewaren/", views.saved_view_save, name="saved-view-save"),
]
