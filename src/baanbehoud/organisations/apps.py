from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "baanbehoud.organisations"
    verbose_name = "Organisaties en gebruikers"
