from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "baanbehoud.matching"
    verbose_name = "Matching"
