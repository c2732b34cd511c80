"""What the published monitor shows from one partner's figures (for the partner's own pages).

A partner who delivers wants to know what becomes public of its figures: the tables of the current
publication of a year that are built from the partner's indicators, exactly as published (suppressed
cells carry no value). Before publication there is nothing to show: drafts are for analysts only."""

from __future__ import annotations

from zicht.catalog.definitions import get_catalog
from zicht.publish.models import Publication


def published_tables_from(partner_code: str, year: int) -> tuple[Publication | None, list[dict]]:
    """The year's current publication and its tables built from this partner's indicators."""
    publication = Publication.objects.current(year)
    if publication is None:
        return None, []
    partner = get_catalog().partners.get(partner_code)
    if partner is None:
        return publication, []
    codes = [indicator.code for indicator in partner.indicators]
    tables = [table for table in publication.tables
              if any(table.get("key", "") == code or table.get("key", "").startswith(code + ".") for code in codes)]
    return publication, tables
