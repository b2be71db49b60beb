from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "baanbehoud.reports"
    verbose_name = "Rapportages"
