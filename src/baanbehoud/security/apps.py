from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "baanbehoud.security"
    label = "security"
    verbose_name = "Beveiliging en privacy"

    def ready(self) -> None:
        from . import privacy, receivers  # noqa: F401  (receivers: connects the login signals)

        privacy.autodiscover()  # each app's privacy.py says what it holds about a person
