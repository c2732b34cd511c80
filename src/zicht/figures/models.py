"""Tidy observations: one delivered cell per row, linked to the submission version it came from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Observation(models.Model):
    submission = models.ForeignKey(
        "intake.Submission", on_delete=models.PROTECT, related_name="observations"
    )
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("jaar"), db_index=True)
    dims = models.JSONField(_("dimensies"), default=dict)
    dims_key = models.CharField(max_length=300, help_text="Canonical 'dim=code;...' key for lookups.")
    municipality = models.ForeignKey(
        "catalog.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )
    value = models.BigIntegerField(_("waarde"))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["indicator", "year"])]
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.dims_key} = {self.value}"
