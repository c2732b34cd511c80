"""Public pages: only what a `Publication` row points at, and only while its bytes match.

Nothing here looks at folders: a year is public when it has a publication, a file is public when
it is an artefact of that publication, and it is served only if its SHA-256 still matches the one
recorded when it was published. Without a version in the address the current version is served;
every version stays readable at ``/monitor/<year>/v<version>/``.
"""

from __future__ import annotations

import logging
import re

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.publish.models import Artefact, Publication
from zicht.publish.names import factsheet_filename, opendata_name, report_name
from zicht.publish.storage import ArtefactError, read_artefact
from zicht.publish.wording import MUNICIPAL_DIFFERENCES
from zicht.web.downloads import open_data_names

logger = logging.getLogger(__name__)

NOT_PUBLISHED = "Deze monitor is (nog) niet gepubliceerd."


def _publication(year: int, version: int | None) -> Publication:
    # Serving a file needs its year and version, not the tables or the suppression pattern (JSON).
    rows = Publication.objects.filter(year=year).only("id", "year", "version")
    publication = (rows.order_by("-version").first() if version is None
                   else rows.filter(version=version).first())
    if publication is None:
        raise Http404(NOT_PUBLISHED)
    return publication


def serve_artefact(year: int, version: int | None, name: str, *, download: bool = False,
                   request=None) -> HttpResponse:
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
    if request is not None and artefact.content_type.startswith("text/html"):
        # The artefact stays as published (its checksum was checked above); the site's header and
        # footer are put around it as it is served, so a report or factsheet looks like every page.
        response = HttpResponse(with_site_frame(request, data), content_type=artefact.content_type)
    else:
        response = HttpResponse(data, content_type=artefact.content_type)
        response["ETag"] = f'"{artefact.sha256}"'
    if download:
        response["Content-Disposition"] = f'attachment; filename="{name.rsplit("/", 1)[-1]}"'
    return response


_BODY_OPEN = re.compile(rb"<body([^>]*)>", re.IGNORECASE)


def with_site_frame(request, data: bytes) -> bytes:
    """A published HTML artefact inside the site's header, navigation and footer (ADR 1110).

    Only the frame is added: the site stylesheets in ``<head>``, the header after ``<body>`` (the
    artefact's own skip link and header stay), the footer before ``</body>``. An artefact without
    these tags is served unchanged."""
    head_end = data.rfind(b"</head>")
    body_end = data.rfind(b"</body>")
    match = _BODY_OPEN.search(data)
    if head_end < 0 or body_end < 0 or match is None:
        return data
    head = render_to_string("web/_site_head.html", request=request).encode()
    header = render_to_string("web/_site_header.html", request=request).encode()
    footer = render_to_string("web/_site_footer.html", request=request).encode()
    attrs = match.group(1)
    classes = b' class="utrecht-document utrecht-root zicht-theme zicht-site screen"'
    if b"class=" in attrs:
        attrs = re.sub(rb'class="([^"]*)"', rb'class="\1 utrecht-document utrecht-root zicht-theme zicht-site"', attrs)
        classes = b""
    body_open = b"<body" + attrs + classes + b">"
    # The artefact's own skip link points at its own main; the frame's at the same id.
    return (data[:head_end] + head + data[head_end:match.start()] + body_open + header
            + b'<div class="zicht-artefact">' + data[match.end():body_end] + b"</div>" + footer + data[body_end:])


HOME_TILES = 4  # the home page shows the first headline figures; the dashboard has them all


def _rows_key(rows) -> str:
    """What a set of current publication rows is: a new version or year changes it (rows never change)."""
    return ",".join(f"{p.pk}@{p.published_at.timestamp()}" for p in rows)


def with_tables(rows) -> list[Publication]:
    """The given publication rows again, now with their published tables (read only when needed)."""
    return list(Publication.objects.filter(pk__in=[p.pk for p in rows]).only("id", "year", "version", "tables"))


def headline_tiles(publications) -> list:
    """The newest year's first headline tiles, as the dashboard words them (kept per set of rows)."""
    from zicht.web import dashboard as board

    if not publications:
        return []
    newest = max(publications, key=lambda p: p.year)

    def compute() -> list:
        history = with_tables(publications)
        current = next(p for p in history if p.pk == newest.pk)
        return board.tiles(board.dashboard_tables(current, history), newest.year)[:HOME_TILES]

    return cache.get_or_set(f"home-tiles:{_rows_key(publications)}", compute, timeout=None)


def home(request):
    from zicht.web.downloads import downloads_of, open_data_exporters

    publications = list(Publication.objects.latest_per_year().listing())
    downloads = downloads_of(publications, open_data_exporters())  # the registry's open-data formats
    region = get_catalog().region
    return render(request, "web/home.html", {
        "publications": [(p, downloads.get(p.pk, [])) for p in publications],
        "tiles": headline_tiles(publications),
        "newest": publications[0].year if publications else None,
        "years": [p.year for p in publications], "publisher": region.publisher, "region": region.name(get_language())})


def report_html(request, year: int, version: int | None = None):
    # A version's own address serves the record byte for byte (cited, checked against its SHA-256);
    # the current address shows the same file inside the site's frame.
    return serve_artefact(year, version, report_name(year, "html"), request=request if version is None else None)


def report_pdf(request, year: int, version: int | None = None):
    return serve_artefact(year, version, report_name(year, "pdf"))


def open_data(request, year: int, fmt: str, version: int | None = None):
    name = opendata_name(year, fmt)
    if name not in open_data_names(year):  # the formats of the exporter registry
        raise Http404("Onbekend formaat.")
    return serve_artefact(year, version, name, download=True)


def factsheet(request, year: int, name: str = "index.html", version: int | None = None):
    """A municipality's factsheet of a published year (built with the report)."""
    return serve_artefact(year, version, f"factsheets/{name}", request=request)


def version_artefact(request, year: int, version: int, name: str):
    """Any artefact of one version, by its name inside the version (``v1/monitor-2022.pdf``)."""
    return serve_artefact(year, version, name, download=name.endswith((".csv", ".json")))  # byte for byte


def dashboard(request, year: int):
    """Key figures of a published year: tiles, a chart with its table per indicator over all published
    years, breakdowns by form and partner; filters by year and form as a plain GET form (ADR 1112)."""
    from zicht.web import dashboard as board

    # Which rows make up the dashboard: small columns only; the tables are read when not cached.
    rows = list(Publication.objects.latest_per_year().only("id", "year", "version", "published_at"))
    if not any(p.year == year for p in rows):
        raise Http404(NOT_PUBLISHED)
    # Publications are never changed (a correction is a new row), so what is computed from one set of
    # publication rows stays valid: computed once per web process and kept in the (local) cache.
    rows_key = _rows_key(p for p in rows if p.year <= year)

    def load_history():
        history = with_tables(p for p in rows if p.year <= year)
        return next(p for p in history if p.year == year), history

    municipalities = get_catalog().municipalities_in(year)
    chosen = next((m for m in municipalities if m.code == request.GET.get("gemeente")), None)
    if chosen is not None:
        return redirect("factsheet", year=year, name=factsheet_filename(chosen))
    years = sorted((p.year for p in rows), reverse=True)
    wanted_year = request.GET.get("jaar", "")
    if wanted_year.isdigit() and int(wanted_year) in years and int(wanted_year) != year:
        query = request.GET.copy()
        del query["jaar"]
        target = reverse("dashboard", args=[int(wanted_year)])
        return redirect(f"{target}?{query.urlencode()}" if query else target)
    problems = []
    if wanted_year and not (wanted_year.isdigit() and int(wanted_year) in years):
        problems.append(_("Voor het gekozen jaar is geen monitor gepubliceerd; u ziet %(year)s.") % {"year": year})
    forms = cache.get_or_set(f"dashboard-forms:{rows_key}", lambda: board.forms_in(load_history()[1]), None)
    form_slugs = {slugify(f): f for f in forms}
    wanted_form = request.GET.get("vorm", "")
    form = form_slugs.get(wanted_form)
    if wanted_form and form is None:
        problems.append(_("Deze vorm van uitbuiting komt in de monitor niet voor; u ziet alle vormen."))
    if request.GET.get("format") == "csv":
        tables = board.dashboard_tables(*load_history(), form=form)
        wanted_table = request.GET.get("tabel")
        shown = [t for t in tables if t.slug == wanted_table] if wanted_table else tables
        if not shown:
            raise Http404("Deze tabel staat niet op het dashboard met deze keuzes.")
        name = f"dashboard-{year}" + (f"-{wanted_form}" if form else "") + (f"-{wanted_table}" if wanted_table else "")
        response = HttpResponse(board.csv_of(shown), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    def content() -> str:
        """Everything below the heading; the same for every visitor of one set of publications, form
        and language, so it is rendered once and kept (the frame around it holds the visitor's own
        CSRF token and login state and is rendered per request)."""
        tables = board.dashboard_tables(*load_history(), form=form)
        # By partner, as the catalog names them (the catalog is loaded anyway; the report's section
        # registry would load the whole publishing pipeline, SciPy included, into a web worker).
        catalog = get_catalog()
        titles: dict[str, str] = {}
        groups: dict[str, list] = {}
        for t in tables:
            indicator = catalog.indicators.get(".".join(t.key.split(".")[:2]))
            partner = catalog.partners.get(indicator.partner) if indicator else None
            group = partner.code if partner else t.section
            chapter = catalog.chapter(t.section)
            titles[group] = partner.name if partner else chapter.nl if chapter else t.section
            groups.setdefault(group, []).append(t)
        from zicht.web.downloads import downloads_of, open_data_exporters

        shown = next(p for p in rows if p.year == year)
        return render_to_string("web/_dashboard_content.html", {
            "year": year, "years": years, "form": form, "form_slug": wanted_form if form else "",
            "forms": [(slugify(f), f) for f in forms], "problems": problems,
            "tiles": board.tiles(tables, year) if not form else [],
            "groups": [(key, titles.get(key, key), items) for key, items in groups.items()],
            "downloads": downloads_of([shown], open_data_exporters())[shown.pk],
            "municipalities": municipalities,
            "municipal_differences": MUNICIPAL_DIFFERENCES,
        })

    key = f"dashboard:{rows_key}:{wanted_form if form else ''}:{get_language()}"
    html = content() if problems else cache.get_or_set(key, content, timeout=None)
    return render(request, "web/dashboard.html", {
        "year": year,
        "content": mark_safe(html),  # rendered by the templates above, escaped there
    })
