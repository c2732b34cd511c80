"""A Frictionless Data Package (``datapackage.json``) describing a publication's open data: what
the files are, their licence, checksums, and a Table Schema for the CSV, so that a program (or the
`frictionless` tool) can read and check them without reading our documentation first.

The descriptor lies at the top of the version folder, beside the files it names with relative
paths, as the specification asks; so it works at every address the files are served from
(``/open-data/<year>/`` and ``/monitor/<year>/v<version>/``)."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext_noop as _

from zicht.catalog.definitions import OPEN_DATA_LICENCES, get_catalog
from zicht.publish.exporters.base import OPEN_DATA, Bundle, Exporter
from zicht.publish.names import opendata_name

DESCRIPTOR = "datapackage.json"
SUPPRESSED = "•"
NOT_DELIVERED = "niet geleverd"

# The CSV's columns, in file order (publish.opendata.csv_bytes writes them).
CSV_FIELDS = [
    {"name": "tabel", "type": "string",
     "description": "Sleutel van de tabel (indicator en uitsplitsing). De eerste rijen, met 'publicatie', "
                    "zeggen welke versie dit bestand is (en bij een correctie wat er veranderde)."},
    {"name": "onderschrift", "type": "string", "description": "Het onderschrift van de tabel in de monitor."},
    {"name": "rij", "type": "string", "description": "De rij van de tabel (bijvoorbeeld een gemeente of een vorm)."},
    {"name": "kolom", "type": "string", "description": "De kolom van de tabel (bijvoorbeeld een jaar of 'Aantal')."},
    {"name": "waarde", "type": "string",
     "description": f"Het gepubliceerde getal (zonder scheidingsteken voor duizendtallen), of een tekst zoals in "
                    f"de monitor (een schatting, een interval, een aandeel), of een markering: '{SUPPRESSED}' = "
                    f"onderdrukt door onthullingscontrole; '{NOT_DELIVERED}' = de partner heeft dit cijfer niet "
                    "aangeleverd (dat is iets anders dan 0)."},
    {"name": "bron", "type": "string", "description": "De bronregel zoals onder de tabel."},
    {"name": "herkomst", "type": "string",
     "description": "De technische herkomst: leveringsbestand, versie en datum."},
]


def _checked(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


class DataPackage(Exporter):
    key, label_nl, media_type, audience = "datapackage", _("Datapakket (Frictionless, JSON)"), "application/json", OPEN_DATA
    optional = True
    url_name = "open-data-file"

    def names(self, year, municipalities=()):
        return [DESCRIPTOR]

    def url_kwargs(self, year):
        return {"year": year, "name": DESCRIPTOR}

    def render(self, bundle: Bundle) -> dict[str, bytes]:
        descriptor = describe(bundle.year, bundle.status, bundle.files)
        return {DESCRIPTOR: json.dumps(descriptor, ensure_ascii=False, indent=1).encode("utf-8")}


def licence_of(region) -> dict:
    """The catalog's open-data licence as the Data Package specification names one."""
    title, path = OPEN_DATA_LICENCES[region.licence]
    return {"name": region.licence, "title": title, "path": path}


def describe(year: int, status, files: dict[str, bytes]) -> dict:
    """The descriptor of a year's open data, naming the CSV and JSON in ``files`` with their size
    and SHA-256 (the descriptor and the files are frozen together)."""
    region = get_catalog().region
    csv_name, json_name = opendata_name(year, "csv"), opendata_name(year, "json")
    which = "concept, niet gepubliceerd" if status.draft else f"versie {status.version}"
    descriptor = {
        "profile": "data-package",
        "name": f"mensenhandelmonitor-{year}",
        "title": f"Mensenhandelmonitor {year}: tabellen ({which})",
        "description": (
            f"Alle tabellen van de Mensenhandelmonitor {year}, zoals ze in de monitor staan: door "
            f"onthullingscontrole gegaan. Een onderdrukte cel staat er als '{SUPPRESSED}', een cijfer dat een "
            f"partner niet aanleverde als '{NOT_DELIVERED}'. De CSV heeft één rij per gepubliceerd getal; de "
            "JSON heeft dezelfde tabellen met per cel value, suppressed en delivered."),
        "keywords": ["mensenhandel", "monitor", "open data"],
        "licenses": [licence_of(region)],
        "contributors": [{"title": region.publisher, "role": "publisher"}],
        "resources": [],
    }
    if not status.draft:
        descriptor["version"] = str(status.version)
    if csv_name in files:
        descriptor["resources"].append({
            "profile": "tabular-data-resource",
            "name": "tabellen",
            "title": f"Tabellen {year} (CSV)",
            "path": csv_name,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **_checked(files[csv_name]),
            "dialect": {"delimiter": ";", "header": True},
            "schema": {"fields": CSV_FIELDS, "missingValues": [""]},
        })
    if json_name in files:
        descriptor["resources"].append({
            "profile": "data-resource",
            "name": "tabellen-json",
            "title": f"Tabellen {year} (JSON)",
            "path": json_name,
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **_checked(files[json_name]),
        })
    return descriptor
