from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def _restore_triggers(sender, using="default", **kwargs) -> None:
    """After every migrate: put back append-only triggers a SQLite table rebuild dropped."""
    from django.db import connections

    from zicht.audit.appendonly import reinstall_missing

    if sender.label == "audit":  # once per migrate run
        reinstall_missing(connections[using])


class AuditConfig(AppConfig):
    name = "zicht.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zicht.audit.appendonly import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="zicht_audit_sqlite_function")
        post_migrate.connect(_restore_triggers, sender=self, dispatch_uid="zicht_audit_restore_triggers")
