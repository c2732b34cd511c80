"""The site's own pages: the footer pages, the open-data overview and the API documentation."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render

from zicht.publish.models import Publication
from zicht.web.site import BY_SLUG, render_page


def site_page(request, slug: str):
    """Contact, privacy statement, accessibility statement or colofon (Markdown of the installation)."""
    page = BY_SLUG.get(slug)
    if page is None:
        raise Http404("Deze pagina bestaat niet.")
    return render(request, "web/site_page.html", {"page": page, "body": render_page(slug)})


def open_data_index(request):
    """Every published year's open data, in each format of the exporter registry, the API and its
    documentation."""
    from zicht.web.downloads import downloads_of, open_data_exporters

    publications = list(Publication.objects.latest_per_year().only("id", "year", "version", "published_at"))
    downloads = downloads_of(publications, open_data_exporters())
    return render(request, "web/open_data.html",
                  {"publications": [(p, downloads[p.pk]) for p in publications]})


def latest(request, target: str):
    """The newest published year's dashboard or factsheets; a plain Dutch 404 before any publication."""
    year = Publication.objects.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise Http404("Er is nog geen monitor gepubliceerd.")
    return redirect(target, year=year)


def api_docs(request):
    """Redoc on the OpenAPI schema, from our own static files (drf-spectacular-sidecar): works offline."""
    return render(request, "web/api_docs.html")
