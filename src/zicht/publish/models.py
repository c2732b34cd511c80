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

    def listing(self):
        """Only the columns a list of publications shows: the tables, pattern and other JSON columns
        (large, decoded on every read) stay in the database."""
        return self.only("id", "year", "version", "published_at", "correction_note", "suppressed_cells")

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


class NarrativeVersion(ImmutableModel):
    """One saved version of the analyst's text (Markdown) for one section of one year's monitor.

    Versions are only ever added (database triggers refuse UPDATE and DELETE): the newest version of a
    (year, section) is the text the report uses; the earlier ones are its history, with who wrote
    each and when. Saved through ``zicht.publish.narrative_services.save_narrative`` only."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    section = models.CharField(_("hoofdstuk"), max_length=40)
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    author_label = models.CharField(_("door"), max_length=150)
    saved_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)

    class Meta:
        ordering = ["year", "section", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "section", "version"], name="narrative_version_unique"),
        ]
        verbose_name = _("versie van een hoofdstuktekst")
        verbose_name_plural = _("versies van hoofdstukteksten")

    def __str__(self) -> str:
        return f"{self.year} {self.section} v{self.version}"


class AwarenessActivity(models.Model):
    """One activity of task 3 of the regional approach (awareness): a campaign, training, action week,
    meeting or website, with when, where (municipalities; none = the whole region) and its reach.

    Entered by an analyst (valid at once) or a municipality's contact (waits for an analyst's check);
    only checked activities reach the report (section ``bewustwording``). Changed through
    ``zicht.publish.awareness`` only, every change audited."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("campagne")
        TRAINING = "training", _("training of voorlichting")
        ACTION_WEEK = "action_week", _("actieweek")
        MEETING = "meeting", _("bijeenkomst of webinar")
        WEBSITE = "website", _("website")

    class Reach(models.TextChoices):
        NONE = "", _("geen aantal")
        TRAINED = "trained", _("getrainde of voorgelichte personen")
        PARTICIPANTS = "participants", _("deelnemers")
        VISITS = "visits", _("websitebezoeken")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend, nog te controleren")
        VALIDATED = "validated", _("gecontroleerd")
        REJECTED = "rejected", _("afgewezen")

    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("wat"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("van"))
    ended_on = models.DateField(_("tot en met"), null=True, blank=True)
    municipalities = models.ManyToManyField("catalog.Municipality", blank=True, verbose_name=_("gemeenten"))
    reach_kind = models.CharField(_("soort bereik"), max_length=20, choices=Reach.choices, blank=True)
    reach = models.PositiveIntegerField(_("bereik"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    status_note = models.CharField(_("reden"), max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    entered_by_label = models.CharField(_("ingevoerd door"), max_length=150)
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    checked_by_label = models.CharField(_("gecontroleerd door"), max_length=150, blank=True)
    checked_at = models.DateTimeField(_("gecontroleerd op"), null=True, blank=True)

    class Meta:
        ordering = ["year", "started_on", "id"]
        verbose_name = _("bewustwordingsactiviteit")
        verbose_name_plural = _("bewustwordingsactiviteiten")

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def counts_people(self) -> bool:
        return self.reach_kind in (self.Reach.TRAINED, self.Reach.PARTICIPANTS)


class DraftBuild(models.Model):
    """One draft of a year built in the background from the cockpit (`zicht worker`), with the step
    it is at, so the page can show its progress; the draft's files land in the drafts area
    (``ZICHT_DRAFTS_DIR/<year>/``) exactly as `zicht report` writes them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(_("stap"), max_length=20, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(
        _("samenvatting"), default=dict, blank=True,
        help_text="What the draft would publish: table titles, suppressed cells, factsheets, files.",
    )
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("conceptbouw")
        verbose_name_plural = _("conceptbouwen")

    def __str__(self) -> str:
        return f"Concept {self.year} #{self.pk} ({self.status})"


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


class PublishRequest(models.Model):
    """One "publish the monitor of this year" from the cockpit, run by the worker (`zicht worker`) with
    `zicht publish`'s own service; the page shows its step, then the version it became or why it failed
    (ADR 1226). The checks that need no rendering are made before it is queued; at most one request per
    year is queued or running at a time (the database refuses a second one)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    year = models.PositiveSmallIntegerField(_("jaar"))
    draft = models.ForeignKey(
        DraftBuild, on_delete=models.PROTECT, related_name="publish_requests", verbose_name=_("concept"),
        help_text="The draft the analyst read and confirmed.",
    )
    correction_note = models.TextField(_("correctie"), blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(_("stap"), max_length=20, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("publicatie"),
    )
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("publicatieverzoek")
        verbose_name_plural = _("publicatieverzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(status__in=["queued", "running"]),
                name="publish_request_one_active_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Publiceren {self.year} #{self.pk} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status in self.ACTIVE
