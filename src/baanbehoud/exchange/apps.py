from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "baanbehoud.exchange"
    verbose_name = "Import en export"
