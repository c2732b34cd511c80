"""A publication: the frozen, disclosure-controlled tables of one year, and their suppression pattern."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.intake.versioning import ImmutableModel


class Publication(ImmutableModel):
    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    tables = models.JSONField(_("tabellen"), default=list, help_text="Public tables: suppressed cells carry no value.")
    pattern = models.JSONField(
        _("onderdrukkingspatroon"), default=list,
        help_text="Every protected cell (indicator, year, dims) with its status, forced into later publications.",
    )
    suppressed_cells = models.PositiveIntegerField(default=0)
    highlights = models.JSONField(
        _("kerncijfers"), default=list, blank=True,
        help_text="Published key sentences per section (changes, the estimate) for the dashboard.",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")

    def __str__(self) -> str:
        return f"Publicatie {self.year}"
