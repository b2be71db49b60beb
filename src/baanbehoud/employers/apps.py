from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "baanbehoud.employers"
    verbose_name = "Werkgevers"
