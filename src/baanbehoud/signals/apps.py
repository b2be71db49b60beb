from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "baanbehoud.signals"
    verbose_name = "Signalen (werklijst)"

    def ready(self) -> None:
        from .receivers import connect

        connect()
