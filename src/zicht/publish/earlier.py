"""A municipality's figures in earlier years, exactly as they were published then.

A factsheet shows the municipality beside earlier years. Those figures are read from the earlier
publications (frozen, already through disclosure control), not recomputed: a new protection of old
cells could publish a cell that was hidden then, or hide one that is already public. A year that was
not published in Zicht simply has no row."""

from __future__ import annotations

from zicht.publish.blocks import TableCell
from zicht.publish.models import Publication


def _published_cell(cell: dict) -> TableCell:
    if cell.get("suppressed"):
        return TableCell(None, suppressed=True)
    if cell.get("value") is None:
        return TableCell(None)  # "niet geleverd"
    return TableCell(cell["value"])  # no indicator: already protected, not protected again


def earlier_factsheet_rows(key: str, year: int, limit: int = 4) -> list[tuple[str, list[TableCell]]]:
    """Rows (year, [municipality, region total]) of the factsheet table ``key`` in the current version of
    each published year before ``year``, newest first (at most ``limit`` years)."""
    rows = []
    for publication in Publication.objects.latest_per_year().filter(year__lt=year)[:limit]:
        table = next((t for t in publication.tables if t.get("key") == key), None)
        if table is None or not table.get("rows"):
            continue
        own = table["rows"][0]["cells"][0]
        total = next((r["cells"][0] for r in table["rows"] if r.get("total")), None)
        rows.append((str(publication.year), [_published_cell(own), _published_cell(total) if total else TableCell(None)]))
    return rows
