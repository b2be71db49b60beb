from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "baanbehoud.persons"
    verbose_name = "Personen in het doelgroepregister"
