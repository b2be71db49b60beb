from django.urls import path

from . import views

urlpatterns = [
    path("signalen/", views.worklist_page, name="worklist"),
    path("signalen/overdragen/", views.worklist_reassign, name="worklist-reassign"),
    path("signalen/agenda/", views.calendar_settings, name="calendar-settings"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
