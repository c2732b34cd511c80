"""The region's checks of a reporting route's contact details, on top of the routes file (ADR 1016).

The routes file (ADR 0500) keeps the routes, their order and the routing guarantees; the analyst keeps
a route's phone number, address and hours current in the cockpit, and marks it verified. Each save is
a new row (append-only, triggers refuse UPDATE and DELETE); the newest row of a route overrides the
file's contact details. Written through ``zicht.signalling.services.update_route`` only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RouteCheck(models.Model):
    route = models.CharField(_("meldroute"), max_length=40, db_index=True)
    phone = models.CharField(_("telefoonnummer"), max_length=120, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    hours = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)
    verified = models.BooleanField(_("gecontroleerd"), default=False)
    verified_on = models.DateField(_("gecontroleerd op"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    changed_by_label = models.CharField(_("door"), max_length=150)
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    class Meta:
        ordering = ["route", "-changed_at", "-id"]
        verbose_name = _("controle van een meldroute")
        verbose_name_plural = _("controles van meldroutes")

    def __str__(self) -> str:
        return f"{self.route} {self.changed_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("RouteCheck is append-only; a change is a new row")
        super().save(*args, **kwargs)
