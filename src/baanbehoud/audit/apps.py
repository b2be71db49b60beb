from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "baanbehoud.audit"
    verbose_name = "Verwerkingenlog"
