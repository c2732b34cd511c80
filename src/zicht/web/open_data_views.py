"""Open-data files of a year at one stable folder address, ``/open-data/<year>/<name>``: the
Frictionless descriptor (``datapackage.json``) and the files it names by relative path, so that a
program reading the descriptor there finds the CSV beside it. Frozen bytes, as every artefact."""

from __future__ import annotations

from django.http import Http404

from zicht.web.downloads import open_data_names
from zicht.web.views import serve_artefact


def open_data_file(request, year: int, name: str):
    if name not in open_data_names(year):
        raise Http404("Dit bestand hoort niet bij de open data van dit jaar.")
    return serve_artefact(year, None, name, download=True)
