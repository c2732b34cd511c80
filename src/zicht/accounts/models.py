"""Roles: analyst, partner contact (for one partner), municipality reader (for one municipality)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    class Role(models.TextChoices):
        ANALYST = "analyst", _("analist")
        PARTNER = "partner", _("contactpersoon partner")
        MUNICIPALITY = "municipality", _("lezer gemeente")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices)
    partner = models.ForeignKey("catalog.Partner", null=True, blank=True, on_delete=models.PROTECT)
    municipality = models.ForeignKey(
        "catalog.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
