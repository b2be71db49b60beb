from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "baanbehoud.security"
    label = "security"
    verbose_name = "Beveiliging en privacy"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the login signals)
