"""Open data: the report's protected tables as CSV (safe to open in Excel) and JSON."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from zicht.publish.exporters.base import OPEN_DATA, Bundle, Exporter
from zicht.publish.names import opendata_name


class _Tables(Exporter):
    audience = OPEN_DATA
    url_name = "open-data"
    fmt = ""

    def names(self, year, municipalities=()):
        return [opendata_name(year, self.fmt)]

    def url_kwargs(self, year):
        return {"year": year, "fmt": self.fmt}


class TablesCsv(_Tables):
    key, label_nl, media_type, fmt = "tables-csv", _("Tabellen (CSV)"), "text/csv", "csv"

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.opendata import csv_bytes

        return {opendata_name(bundle.year, "csv"): csv_bytes(bundle.tables, bundle.status)}


class TablesJson(_Tables):
    key, label_nl, media_type, fmt = "tables-json", _("Tabellen (JSON)"), "application/json", "json"

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        from zicht.publish.opendata import json_bytes

        return {opendata_name(bundle.year, "json"): json_bytes(bundle.tables, bundle.status)}
