"""File names of a publication's artefacts.

Kept apart from the report builder so that the web views, which only name artefacts to serve them,
do not import the builder (and with it the disclosure engine, pandas and SciPy) into every worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import slugify

if TYPE_CHECKING:
    from zicht.catalog.definitions import Municipality


def report_name(year: int, fmt: str) -> str:
    return f"monitor-{year}.{fmt}"


def opendata_name(year: int, fmt: str) -> str:
    return f"monitor-{year}-tabellen.{fmt}"


def factsheet_filename(municipality: Municipality) -> str:
    return f"{municipality.code}-{slugify(municipality.name)}.html"


# The steps of a report build, in the order they run; ``progress(step)`` is called as each one starts
# (the cockpit shows them while a draft is built in the background). Here, not in the builder, so that
# the cockpit's pages can name them without loading the builder into every web worker.
BUILD_STEPS = ("figures", "linkage", "estimate", "disclosure", "rendering")
# Publishing builds the same report, then writes the version folder and its rows in one transaction.
PUBLISH_STEPS = (*BUILD_STEPS, "freezing")
