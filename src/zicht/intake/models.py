"""Submissions: every delivered file, stored whole and immutable, with its validation report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.intake.versioning import ImmutableModel


class Submission(ImmutableModel):
    partner = models.ForeignKey("catalog.Partner", on_delete=models.PROTECT, related_name="submissions")
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveIntegerField(_("versie"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    file_format = models.CharField(_("formaat"), max_length=10)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    content = models.BinaryField(_("inhoud"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    submitted_by_label = models.CharField(_("ingediend door"), max_length=150)
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    validation_report = models.JSONField(_("validatierapport"), default=list)
    provenance = models.CharField(_("herkomst"), max_length=300, blank=True)
    reason = models.CharField(
        _("reden van de correctie"), max_length=500, blank=True, default="",
        help_text="Why this version replaces the previous one, as the partner gave it.",
    )

    class Meta:
        ordering = ["partner__code", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "version"], name="unique_submission_version"),
            models.UniqueConstraint(fields=["partner", "year", "checksum"], name="unique_submission_checksum"),
        ]
        verbose_name = _("levering")
        verbose_name_plural = _("leveringen")

    def __str__(self) -> str:
        return f"{self.partner.code} {self.year} v{self.version}"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "superseded_by") or self.superseded_by is None
