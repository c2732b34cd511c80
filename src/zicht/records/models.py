"""Encoded case-record deliveries (no clear identifiers, ever) and linkage runs over them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.intake.versioning import ImmutableModel


class EncodedDelivery(ImmutableModel):
    """One partner's pseudonymised case records for a year, as encoded at the partner; immutable."""

    partner = models.ForeignKey("catalog.Partner", on_delete=models.PROTECT, related_name="encoded_deliveries")
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveIntegerField(_("versie"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    content = models.BinaryField(_("inhoud"))
    records = models.PositiveIntegerField(_("aantal records"))
    encoding_version = models.CharField(_("versleutelingsschema"), max_length=40)
    key_check = models.CharField(_("sleutelcontrole"), max_length=16)
    synthetic = models.BooleanField(_("synthetisch"), default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    submitted_by_label = models.CharField(_("ingediend door"), max_length=150, blank=True, default="")
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        ordering = ["partner__code", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "version"], name="unique_encoded_version"),
            models.UniqueConstraint(fields=["partner", "year", "checksum"], name="unique_encoded_checksum"),
        ]
        verbose_name = _("versleutelde levering")
        verbose_name_plural = _("versleutelde leveringen")

    def __str__(self) -> str:
        return f"{self.partner.code} {self.year} v{self.version} ({self.records} records)"



class LinkageRun(models.Model):
    """One linkage of the current encoded deliveries of a year, run as a background job."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    threshold = models.FloatField(_("drempel"), null=True, blank=True)
    deliveries = models.ManyToManyField(EncodedDelivery, related_name="runs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    synthetic = models.BooleanField(_("synthetisch"), default=False)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    error = models.TextField(_("fout"), blank=True)
    figures = models.ForeignKey(
        "intake.Submission", null=True, blank=True, on_delete=models.PROTECT,
        help_text="The delivery of partner 'linkage' with the figures this run produced.",
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("koppelingsrun")
        verbose_name_plural = _("koppelingsruns")

    def __str__(self) -> str:
        return f"Koppeling {self.year} #{self.pk} ({self.status})"
