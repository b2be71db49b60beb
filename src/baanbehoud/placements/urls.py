from django.urls import path

from . import views

urlpatterns = [
    path("plaatsingen/", views.placement_list, name="placement-list"),
    path("plaatsingen/<int:pk>/", views.placement_page, name="placement-detail"),
    path("personen/<int:pk>/plaatsing/nieuw/", views.placement_register, name="placement-register"),
    path("plaatsingen/<int:pk>/contract/nieuw/", views.contract_new, name="contract-new"),
    path("plaatsingen/<int:pk>/einde/", views.ending_new, name="ending-new"),
    path("urenopbouw/<int:pk>/besluit/", views.hours_decision, name="hours-decision"),
    path("contracten/<int:pk>/corrigeren/", views.contract_correct, name="contract-correct"),
    path("contracten/<int:pk>/intrekken/", views.contract_withdraw, name="contract-withdraw"),
    path("einden/<int:pk>/intrekken/", views.ending_withdraw, name="ending-withdraw"),
    path("plaatsingen/<int:pk>/nazorg-stoppen/", views.aftercare_close, name="aftercare-close"),
    path("contracten/<int:pk>/voornemen/", views.intention_new, name="intention-new"),
    path("plaatsingen/<int:pk>/aanbod-besproken/", views.offer_discussed, name="offer-discussed"),
    path("plaatsingen/<int:pk>/loonwaarde/", views.wage_value, name="wage-value"),
]
