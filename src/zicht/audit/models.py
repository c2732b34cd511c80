"""Append-only audit log: who did or saw what, when.

Append-only is enforced by database triggers (``appendonly``) and every event is sealed into a hash
chain (``chain``); the queryset and ``save`` guards below only turn a mistake into a clear error early."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted")


class AuditEvent(models.Model):
    # Set by the application (not auto_now_add) so the hash can seal it before the row is written.
    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
    action = models.CharField(_("handeling"), max_length=60, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(_("door"), max_length=150)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    message = models.TextField(_("omschrijving"))
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(_("vorige hash"), max_length=64, unique=True, editable=False,
                                 help_text="The hash of the event before this one (unique: the chain cannot fork).")
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False,
                            help_text="SHA-256 over prev_hash and this event's canonical content.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted")
