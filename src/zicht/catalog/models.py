"""Database mirror of the catalog (partners, indicators, municipalities) and the reporting periods."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    short = models.CharField(_("korte naam"), max_length=80)
    kind = models.CharField(_("soort"), max_length=40)

    class Meta:
        ordering = ["code"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.short


class Indicator(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="indicators")
    label = models.CharField(_("naam"), max_length=300)
    unit = models.CharField(_("eenheid"), max_length=20)
    spec = models.JSONField(_("definitie"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.code


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    part = models.CharField(_("deelregio"), max_length=20)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    successor = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Period(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")
        PUBLISHED = "published", _("gepubliceerd")

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    status_reason = models.CharField(_("reden"), max_length=300, blank=True)
    deadline = models.DateField(_("deadline voor leveringen"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("verslagperiode")
        verbose_name_plural = _("verslagperiodes")

    def __str__(self) -> str:
        return str(self.year)
