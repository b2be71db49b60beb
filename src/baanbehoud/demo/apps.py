from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "baanbehoud.demo"
    verbose_name = "Demoregio"
