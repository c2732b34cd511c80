"""The one interface every exporter has: what it is called, for whom, which files it makes, and
how it makes them from what a build produced.

Kept free of heavy imports: the web workers read the registry (labels, media types, names) to list
downloads, and only a build calls ``render``, which imports what it needs (WeasyPrint, the report
builder) inside the call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from zicht.catalog.definitions import Municipality

REPORT, FACTSHEET, OPEN_DATA = "report", "factsheet", "open-data"
AUDIENCES = (REPORT, FACTSHEET, OPEN_DATA)


@dataclass
class Bundle:
    """What a build made, handed to every exporter in registry order: the protected sections and
    factsheets, the public tables (open data) and the status (draft or version). ``files`` holds
    what the exporters before this one rendered, so that a PDF is printed from exactly the HTML
    that is published beside it."""

    year: int
    status: Any  # publish.report.ReportStatus
    sections: list = field(default_factory=list)
    factsheets: list = field(default_factory=list)  # publish.factsheets.Factsheet
    tables: list = field(default_factory=list)  # publish.opendata.public_tables
    files: dict[str, bytes] = field(default_factory=dict)
    formats: frozenset[str] = frozenset()  # the keys of the exporters this build runs (a sheet links its PDF)


class Exporter:
    """One output format of a publication.

    ``names(year, municipalities)`` are the files ``render`` returns (relative paths inside a
    version folder); ``primary(year)`` is the one file a download list links to (None: nothing to
    link, e.g. one PDF per municipality); ``needs_pdf``: renders with WeasyPrint (skipped by a
    build with ``pdf=False``)."""

    key: str
    label_nl: str
    media_type: str
    audience: str
    needs_pdf: bool = False
    # May be switched off for an installation (``ZICHT_EXPORTERS_OFF``); the others make what the
    # site serves and are always built.
    optional: bool = False
    # The address of the primary file of the current version (a URL name and its arguments);
    # every version's files are also at /monitor/<year>/v<version>/<name>.
    url_name: str = ""

    def names(self, year: int, municipalities: list[Municipality] = ()) -> list[str]:
        raise NotImplementedError

    def primary(self, year: int) -> str | None:
        names = self.names(year)
        return names[0] if len(names) == 1 else None

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        raise NotImplementedError

    def url_kwargs(self, year: int) -> dict:
        return {"year": year}

    def url(self, year: int, version: int | None = None) -> str | None:
        """Where the primary file is served: the current version's stable address, or (``version``)
        that version's frozen copy."""
        name = self.primary(year)
        if name is None:
            return None
        if version is not None:
            return reverse("version-artefact", kwargs={"year": year, "version": version, "name": name})
        return reverse(self.url_name, kwargs=self.url_kwargs(year))

    def __repr__(self) -> str:
        return f"<Exporter {self.key}>"
