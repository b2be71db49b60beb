from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "baanbehoud.audit"
    verbose_name = "Verwerkingenlog"

    def ready(self) -> None:
        from .append_only import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="audit-append-only")
