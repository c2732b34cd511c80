"""The registry of exporters: every file a publication holds is made by one of these, in this
order (a PDF after the HTML it prints, the data package after the files it describes).

The build (``publish.report.render_report``), `zicht factsheets`, the open-data page and the API
all read this list; a new format is a new ``Exporter`` here and nowhere else."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from zicht.publish.exporters.base import AUDIENCES, FACTSHEET, OPEN_DATA, REPORT, Bundle, Exporter
from zicht.publish.exporters.datapackage import DataPackage
from zicht.publish.exporters.documents import FactsheetHtml, FactsheetPdf, ReportHtml, ReportPdf
from zicht.publish.exporters.tables import TablesCsv, TablesJson

__all__ = ["AUDIENCES", "EXPORTERS", "FACTSHEET", "OPEN_DATA", "REPORT", "Bundle", "Exporter", "active",
           "for_audience", "get"]

EXPORTERS: tuple[Exporter, ...] = (
    ReportHtml(), ReportPdf(), FactsheetHtml(), FactsheetPdf(), TablesCsv(), TablesJson(), DataPackage(),
)
_BY_KEY = {e.key: e for e in EXPORTERS}


def get(key: str) -> Exporter:
    return _BY_KEY[key]


def for_audience(audience: str) -> list[Exporter]:
    return [e for e in EXPORTERS if e.audience == audience]


def switched_off() -> frozenset[str]:
    """The optional exporters this installation does not run (``ZICHT_EXPORTERS_OFF``)."""
    off = frozenset(getattr(settings, "ZICHT_EXPORTERS_OFF", ()))
    wrong = sorted(k for k in off if k not in _BY_KEY or not _BY_KEY[k].optional)
    if wrong:
        optional = ", ".join(e.key for e in EXPORTERS if e.optional)
        raise ImproperlyConfigured(
            f"ZICHT_EXPORTERS_OFF noemt {', '.join(wrong)}: alleen deze formaten kunnen uit: {optional}.")
    return off


def active(*, pdf: bool = True) -> list[Exporter]:
    """The exporters a build runs: all, less those that need WeasyPrint when ``pdf`` is False and
    those switched off for the installation."""
    off = switched_off()
    return [e for e in EXPORTERS if e.key not in off and (pdf or not e.needs_pdf)]
