"""What a municipality reader finds of the own municipality in every published monitor.

Only publications (the public record) are read: the reader sees nothing before publication that the
public does not. A municipality that merged into another (Brielle, Hellevoetsluis and Westvoorne into
Voorne aan Zee in 2023) has its own factsheets in the years before; the reader of the successor sees
those too, under the name they were published with."""

from __future__ import annotations

from dataclasses import dataclass

from zicht.catalog.definitions import get_catalog
from zicht.publish.models import Artefact, Publication

FACTSHEET_FOLDER = "factsheets/"


@dataclass(frozen=True)
class MunicipalFactsheet:
    code: str
    name: str
    artefact: str  # the artefact's name inside the version folder, e.g. "factsheets/GM0599-rotterdam.html"
    pdf: str | None = None  # its PDF's file name, when the publication holds one (factsheet-pdf exporter)

    @property
    def filename(self) -> str:
        return self.artefact.removeprefix(FACTSHEET_FOLDER)


@dataclass(frozen=True)
class PublishedYear:
    publication: Publication
    factsheets: list[MunicipalFactsheet]


def lineage(code: str) -> list[str]:
    """The municipality and every municipality that merged into it (directly or through others)."""
    municipalities = get_catalog().municipalities
    codes, frontier = [code], [code]
    while frontier:
        current = frontier.pop()
        for other in municipalities.values():
            if other.successor == current and other.code not in codes:
                codes.append(other.code)
                frontier.append(other.code)
    return codes


def municipality_publications(code: str | None) -> list[PublishedYear]:
    """Every published year (current version), newest first, with the municipality's factsheets."""
    codes = lineage(code) if code else []
    names = {c: get_catalog().municipalities[c].name for c in codes if c in get_catalog().municipalities}
    years = []
    for publication in Publication.objects.latest_per_year():
        held = set(Artefact.objects.filter(publication=publication, name__startswith=FACTSHEET_FOLDER)
                   .values_list("name", flat=True))
        # The factsheet pages; their PDFs (factsheet-pdf exporter) lie beside them with the same stem.
        sheets = [MunicipalFactsheet(c, names[c], name, _pdf_of(name, held)) for name in sorted(held)
                  for c in codes if name.endswith(".html") and name.removeprefix(FACTSHEET_FOLDER).startswith(f"{c}-")]
        years.append(PublishedYear(publication, sheets))
    return years


def _pdf_of(html_name: str, held: set[str]) -> str | None:
    pdf = html_name.removesuffix(".html") + ".pdf"
    return pdf.removeprefix(FACTSHEET_FOLDER) if pdf in held else None
