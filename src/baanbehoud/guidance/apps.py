from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "baanbehoud.guidance"
    verbose_name = "Begeleiding"
