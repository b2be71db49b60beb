from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "baanbehoud.web"
    verbose_name = "Web"
