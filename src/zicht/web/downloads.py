"""The downloads of publications, as the exporter registry names them: for the open-data page and
the API. Only files a publication holds are listed (a publication made before a format existed, or
with it switched off, lists fewer); nothing is made when asked for."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from zicht.publish.exporters import EXPORTERS, OPEN_DATA, Exporter, for_audience
from zicht.publish.models import Artefact


@dataclass(frozen=True)
class Download:
    key: str
    label: str
    media_type: str
    audience: str
    name: str
    url: str  # the current version's stable address
    version_url: str  # this version's frozen copy

    def as_dict(self) -> dict:
        return asdict(self)


def downloads_of(publications, exporters: list[Exporter] | None = None) -> dict[int, list[Download]]:
    """Per publication (by pk): a download for every exporter whose primary file it holds."""
    publications = list(publications)
    held: dict[int, set[str]] = {}
    for pk, name in Artefact.objects.filter(publication__in=[p.pk for p in publications]).values_list(
            "publication_id", "name"):
        held.setdefault(pk, set()).add(name)
    out = {}
    for p in publications:
        items = []
        for e in (EXPORTERS if exporters is None else exporters):
            name = e.primary(p.year)
            if name is not None and name in held.get(p.pk, ()):
                items.append(Download(e.key, e.label_nl, e.media_type, e.audience, name, e.url(p.year),
                                      e.url(p.year, p.version)))
        out[p.pk] = items
    return out


def open_data_exporters() -> list[Exporter]:
    return for_audience(OPEN_DATA)


def open_data_names(year: int) -> set[str]:
    """Every file name an open-data exporter makes for ``year`` (the only ones /open-data/ serves)."""
    return {name for e in open_data_exporters() for name in e.names(year)}
