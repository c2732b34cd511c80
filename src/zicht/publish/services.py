"""Publishing a year: render every artefact once, write it under its year and version, freeze it.

Version 1 is the year's first publication. A correction needs the year reopened first (`zicht
period --reopen --reason …`) and a correction note; it becomes version 2, 3, … and every earlier
version stays readable, byte for byte, at its own address.
"""

from __future__ import annotations

import importlib.metadata
import logging
from pathlib import Path

from django.db import transaction

from zicht import __version__
from zicht.audit import content_events, events
from zicht.catalog.models import Period
from zicht.catalog.periods import mark_published, period_status
from zicht.publish.models import Artefact, HeadlineChoice, Publication
from zicht.publish.narrative import NarrativeDisclosureError, check_narrative
from zicht.publish.report import BuiltReport, ReportStatus, _no_progress, render_report
from zicht.publish.storage import discard_unrecorded, publish_root, remove_version, write_version

logger = logging.getLogger(__name__)
LIBRARIES = ("numpy", "scipy", "highspy", "pandas", "duckdb", "splink", "weasyprint", "Django")


class AlreadyPublished(Exception):
    """A published year is frozen; a correction needs the year reopened and a correction note."""


class CorrectionNoteMissing(Exception):
    """A new version of a published year must say what changed and why."""


def library_versions() -> dict[str, str]:
    """The versions behind the numbers (intervals, suppression patterns, clusters)."""
    out = {"zicht": __version__}
    for name in LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return out


def next_version(year: int, correction_note: str) -> int:
    """The version a publication of ``year`` now gets, or why it may not be made (Dutch)."""
    current = Publication.objects.current(year)
    if current is None:
        return 1
    if period_status(year) == Period.Status.PUBLISHED:
        raise AlreadyPublished(
            f"De monitor {year} is al gepubliceerd (versie {current.version}) en ligt vast. Voor een "
            f"correctie: heropen het jaar met een reden (`zicht period --year {year} --reopen --reason …`) "
            "en publiceer dan opnieuw met een correctienotitie (--correction)."
        )
    if not correction_note.strip():
        raise CorrectionNoteMissing(
            f"De monitor {year} is al gepubliceerd (versie {current.version}); een nieuwe versie is een "
            "correctie. Zeg in de correctienotitie wat er verandert en waarom (--correction)."
        )
    return current.version + 1


def publish_period(year: int, narrative_dir: Path | None = None, *, actor=None, extras: dict | None = None,
                   correction_note: str = "", recode: list | None = None,
                   progress=_no_progress) -> tuple[Publication, BuiltReport]:
    """Publish ``year`` as its next version; returns the frozen row and where its files are.
    ``recode``: the analyst's chosen recodings (``recoding.parse_choice``), stored on the row.
    ``progress``: called with each of ``PUBLISH_STEPS`` as it starts (the cockpit's publish job)."""
    correction_note = correction_note.strip()
    version = next_version(year, correction_note)
    findings = check_narrative(narrative_dir, year)
    if findings:  # the same check the narrative editor applies on saving
        error = NarrativeDisclosureError(findings)
        content_events.publication_refused(actor, year, str(error))
        raise error
    status = ReportStatus.publication(year, version, correction_note if version > 1 else "")
    rendered = render_report(year, narrative_dir, extras=extras, status=status, recode=recode, progress=progress)
    progress("freezing")
    stored = None
    try:
        with transaction.atomic():
            # The year's lock: one publisher at a time writes a version folder and its rows.
            Period.objects.select_for_update().get_or_create(year=year)
            if Publication.objects.filter(year=year, version=version).exists():
                raise AlreadyPublished(f"De monitor {year} versie {version} is zojuist al gepubliceerd.")
            discarded = discard_unrecorded(year, version)  # left by a publish that was killed
            if discarded:
                logger.warning("Removed %s of an interrupted publish of %s v%s", discarded, year, version)
            stored = write_version(year, version, rendered.files)
            publication = Publication.objects.create(
                year=year,
                version=version,
                published_by=actor if getattr(actor, "pk", None) else None,
                correction_note=status.correction,
                tables=rendered.tables,
                pattern=rendered.pattern,
                suppressed_cells=rendered.suppressed_cells,
                highlights=rendered.highlights,
                library_versions=library_versions(),
                recodings=rendered.recodings,
                headline=rendered.headline,
            )
            Artefact.objects.bulk_create(
                Artefact(publication=publication, name=f.name, sha256=f.sha256, size=f.size,
                         content_type=f.content_type)
                for f in stored
            )
            mark_published(year)
            events.publication_frozen(actor, year, len(rendered.pattern), version=version,
                                      correction=status.correction)
    except BaseException:
        if stored is not None:  # only the folder this call wrote; never one a row records
            remove_version(year, version)
        raise
    built = BuiltReport(year, publish_root() / publication.folder, tuple(f.name for f in stored),
                        rendered.suppressed_cells, rendered.tables, rendered.pattern, rendered.highlights,
                        rendered.recodings, rendered.alternatives)
    return publication, built


class HeadlineChoiceRefused(Exception):
    """The analyst's choice of the headline estimate was not recorded (Dutch message)."""


def choose_headline_estimate(year: int, method: str, actor=None, reason: str = "") -> HeadlineChoice:
    """Record the analyst's choice of the headline estimate of ``year`` ("log-linear",
    "latent-class", or "default" for the documented rule) with its audit event, in one
    transaction. Refused (audited, nothing stored) for an unknown method, without a reason, or
    for a year whose monitor is published and frozen."""
    from zicht.publish.headline import CHOICES

    reason = (reason or "").strip()
    problem = None
    if method not in CHOICES:
        problem = (f"Onbekende schatter '{str(method)[:40]}': kies log-linear, latent-class of default "
                   "(de standaardregel).")
    elif not reason:
        problem = "Geef een reden voor de keuze van de kopschatting; die wordt met de keuze vastgelegd."
    elif len(reason) > 2000:
        problem = "De reden is te lang (hoogstens 2.000 tekens)."
    elif period_status(year) == Period.Status.PUBLISHED:
        problem = (f"De monitor {year} is gepubliceerd en ligt vast; heropen het jaar om voor een correctie "
                   "een andere kopschatting te kiezen.")
    if problem is not None:
        events.headline_estimate_refused(actor, year, method, problem)
        raise HeadlineChoiceRefused(problem)
    with transaction.atomic():
        choice = HeadlineChoice.objects.create(year=year, method=method, reason=reason,
                                               chosen_by=actor if getattr(actor, "pk", None) else None)
        events.headline_estimate_chosen(actor, choice)
    return choice
