"""Publishing a year: build the report and open data once, freeze the tables and their pattern."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from zicht.audit import events
from zicht.catalog.periods import mark_published
from zicht.publish.models import Publication
from zicht.publish.report import BuiltReport, build_report


class AlreadyPublished(Exception):
    """A published year is frozen; its figures and suppression pattern do not change."""


def publish_period(year: int, out_dir: Path, narrative_dir: Path | None = None, actor=None,
                   extras: dict | None = None) -> tuple[Publication, BuiltReport]:
    if Publication.objects.filter(year=year).exists():
        raise AlreadyPublished(f"De monitor {year} is al gepubliceerd en ligt vast.")
    built = build_report(year, out_dir, narrative_dir, actor=actor, extras=extras)
    with transaction.atomic():
        publication = Publication.objects.create(
            year=year,
            published_by=actor if getattr(actor, "pk", None) else None,
            tables=built.tables,
            pattern=built.pattern,
            suppressed_cells=built.suppressed_cells,
            highlights=built.highlights,
        )
        mark_published(year)
        events.publication_frozen(actor, year, len(built.pattern))
    return publication, built
