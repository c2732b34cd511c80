"""A publication: one frozen version of a year's monitor, its tables, pattern and artefacts.

A year is published once as version 1; a correction (after the year was reopened) is version 2,
3, ... with a dated note on what changed and why. No row is ever changed: every version stays
readable at its own address. The public site serves only the artefacts a publication row points
at, and only when their bytes still match the SHA-256 stored here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.intake.versioning import ImmutableModel


class PublicationQuerySet(models.QuerySet):
    def latest_per_year(self):
        """The current (highest) version of every published year, newest year first."""
        newest = self.filter(year=models.OuterRef("year")).order_by("-version").values("version")[:1]
        return self.filter(version=models.Subquery(newest)).order_by("-year")

    def current(self, year: int):
        return self.filter(year=year).order_by("-version").first()


class Publication(ImmutableModel):
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    published_at = models.DateTimeField(_("gepubliceerd op"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    correction_note = models.TextField(
        _("correctie"), blank=True, default="",
        help_text="From version 2 on: what changed against the previous version and why (published).",
    )
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
    recodings = models.JSONField(
        _("hercoderingen"), default=list, blank=True,
        help_text="Categories the analyst chose to merge instead of suppressing (applied in later years too).",
    )
    library_versions = models.JSONField(
        _("softwareversies"), default=dict, blank=True,
        help_text="Versions of Zicht and the numerical libraries behind the figures (reproducibility).",
    )
    # Nullable without a default: added to the append-only table without rebuilding it (SQLite).
    headline = models.JSONField(
        _("kopschatting"), null=True, blank=True,
        help_text="Which estimator gave the headline estimate: method, rule or override, reason, who.",
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="publication_year_version")]

    def __str__(self) -> str:
        return f"Publicatie {self.year} versie {self.version}"

    @property
    def folder(self) -> str:
        """Where the artefacts of this version live, relative to ZICHT_PUBLISH_DIR."""
        return f"{self.year}/v{self.version}"


class Artefact(ImmutableModel):
    """One file of a publication (report HTML or PDF, a factsheet, an open-data file), written once."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="artefacts")
    name = models.CharField(_("naam"), max_length=200, help_text="Path inside the version folder.")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["publication", "name"]
        verbose_name = _("publicatiebestand")
        verbose_name_plural = _("publicatiebestanden")
        constraints = [models.UniqueConstraint(fields=["publication", "name"], name="artefact_publication_name")]

    def __str__(self) -> str:
        return f"{self.publication.folder}/{self.name}"


class HeadlineChoice(ImmutableModel):
    """The analyst's choice of the headline estimate of a year (issue 13, ADR 1310).

    Written only by ``services.choose_headline_estimate`` (with its audit event); the newest row
    of a year counts, ``method`` "default" returns the year to the documented rule. What was in
    force when a year was published is recorded on the Publication itself (``headline``)."""

    DEFAULT = "default"
    METHODS = (("default", _("standaardregel")), ("log-linear", _("log-lineair model")),
               ("latent-class", _("latente-klassenmodel")))

    year = models.PositiveSmallIntegerField(_("jaar"))
    method = models.CharField(_("schatter"), max_length=20, choices=METHODS)
    reason = models.TextField(_("reden"))
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    chosen_at = models.DateTimeField(_("gekozen op"), auto_now_add=True)

    class Meta:
        ordering = ["-chosen_at", "-id"]
        verbose_name = _("keuze kopschatting")
        verbose_name_plural = _("keuzes kopschatting")

    def __str__(self) -> str:
        return f"Kopschatting {self.year}: {self.method}"
