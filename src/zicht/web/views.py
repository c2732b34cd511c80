"""Public pages: only what a `Publication` row points at, and only while its bytes match.

Nothing here looks at folders: a year is public when it has a publication, a file is public when
it is an artefact of that publication, and it is served only if its SHA-256 still matches the one
recorded when it was published. Without a version in the address the current version is served;
every version stays readable at ``/monitor/<year>/v<version>/``.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.publish.models import Artefact, Publication
from zicht.publish.names import factsheet_filename, opendata_name, report_name
from zicht.publish.storage import ArtefactError, read_artefact

logger = logging.getLogger(__name__)
NOT_PUBLISHED = "Deze monitor is (nog) niet gepubliceerd."


def _publication(year: int, version: int | None) -> Publication:
    publication = (Publication.objects.current(year) if version is None
                   else Publication.objects.filter(year=year, version=version).first())
    if publication is None:
        raise Http404(NOT_PUBLISHED)
    return publication


def serve_artefact(year: int, version: int | None, name: str, *, download: bool = False) -> HttpResponse:
    """One artefact of a publication, checked against its stored SHA-256."""
    publication = _publication(year, version)
    artefact = Artefact.objects.filter(publication=publication, name=name).first()
    if artefact is None:
        raise Http404("Dit bestand hoort niet bij deze publicatie.")
    try:
        data = read_artefact(publication.folder, artefact.name, artefact.sha256)
    except ArtefactError as exc:
        logger.error("Published artefact not served: %s", exc)
        events.artefact_unreadable(year, publication.version, name, str(exc))
        return HttpResponse(
            "Dit gepubliceerde bestand kan nu niet worden getoond: het klopt niet met de vastgelegde "
            "controlesom. De beheerder is gewaarschuwd.", status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=artefact.content_type)
    response["ETag"] = f'"{artefact.sha256}"'
    if download:
        response["Content-Disposition"] = f'attachment; filename="{name.rsplit("/", 1)[-1]}"'
    return response


def home(request):
    publications = list(Publication.objects.latest_per_year())
    return render(request, "web/home.html", {"publications": publications,
                                             "years": [p.year for p in publications]})


def report_html(request, year: int, version: int | None = None):
    return serve_artefact(year, version, report_name(year, "html"))


def report_pdf(request, year: int, version: int | None = None):
    return serve_artefact(year, version, report_name(year, "pdf"))


def open_data(request, year: int, fmt: str, version: int | None = None):
    if fmt not in {"csv", "json"}:
        raise Http404("Onbekend formaat.")
    return serve_artefact(year, version, opendata_name(year, fmt), download=True)


def factsheet(request, year: int, name: str = "index.html", version: int | None = None):
    """A municipality's factsheet of a published year (built with the report)."""
    return serve_artefact(year, version, f"factsheets/{name}")


def version_artefact(request, year: int, version: int, name: str):
    """Any artefact of one version, by its name inside the version (``v1/monitor-2022.pdf``)."""
    return serve_artefact(year, version, name, download=name.endswith((".csv", ".json")))


def dashboard(request, year: int):
    """Key figures of a published year: only what the publication holds (all disclosure-controlled)."""
    publication = _publication(year, None)
    municipalities = get_catalog().municipalities_in(year)
    chosen = next((m for m in municipalities if m.code == request.GET.get("gemeente")), None)
    if chosen is not None:
        return redirect("factsheet", year=year, name=factsheet_filename(chosen))
    return render(request, "web/dashboard.html", {
        "publication": publication,
        "year": year,
        "highlights": publication.highlights,
        "estimate_tables": [t for t in publication.tables if t["section"] == "omvang"],
        "municipalities": municipalities,
    })
