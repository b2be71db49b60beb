from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "baanbehoud.placements"
    verbose_name = "Plaatsingen en contracten"
