"""Public pages: the published monitors (HTML and PDF)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from zicht.catalog.definitions import get_catalog
from zicht.publish.factsheets import factsheet_filename
from zicht.publish.models import Publication

REPORT_NAME = re.compile(r"^monitor-(\d{4})\.html$")


def _publish_dir() -> Path:
    return Path(settings.ZICHT_PUBLISH_DIR)


def published_years() -> list[int]:
    folder = _publish_dir()
    if not folder.is_dir():
        return []
    return sorted((int(m.group(1)) for p in folder.iterdir() if (m := REPORT_NAME.match(p.name))), reverse=True)


def home(request):
    return render(request, "web/home.html", {"years": published_years()})


def report_html(request, year: int):
    path = _publish_dir() / f"monitor-{year}.html"
    if not path.is_file():
        raise Http404("Deze monitor is (nog) niet gepubliceerd.")
    return HttpResponse(path.read_text(encoding="utf-8"))


def report_pdf(request, year: int):
    path = _publish_dir() / f"monitor-{year}.pdf"
    if not path.is_file():
        raise Http404("Deze monitor is (nog) niet gepubliceerd.")
    return FileResponse(path.open("rb"), content_type="application/pdf", filename=path.name)


def open_data(request, year: int, fmt: str):
    if fmt not in {"csv", "json"}:
        raise Http404("Onbekend formaat.")
    path = _publish_dir() / f"monitor-{year}-tabellen.{fmt}"
    if not path.is_file():
        raise Http404("Deze open data zijn (nog) niet gepubliceerd.")
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return FileResponse(path.open("rb"), content_type=content_type, filename=path.name)


FACTSHEET_NAME = re.compile(r"^(GM\d{4}-[a-z0-9-]+|index)\.html$")


def factsheet(request, year: int, name: str = "index.html"):
    """A municipality's factsheet of a published year (built with the report)."""
    if not FACTSHEET_NAME.match(name):
        raise Http404("Onbekende factsheet.")
    path = _publish_dir() / "factsheets" / name
    if year not in published_years() or not path.is_file():
        raise Http404("Deze factsheet is (nog) niet gepubliceerd.")
    return HttpResponse(path.read_text(encoding="utf-8"))


def dashboard(request, year: int):
    """Key figures of a published year: only what the publication holds (all disclosure-controlled)."""
    publication = Publication.objects.filter(year=year).first()
    if publication is None:
        raise Http404("Deze monitor is (nog) niet gepubliceerd.")
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
