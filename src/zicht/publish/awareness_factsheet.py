"""The awareness activities on a municipality's factsheet: what a council can point to in its own
municipality (title, kind, dates, reach), and briefly the region-wide activities that reached it too.

Only checked activities of the report year, read once per build (``reported_activities``, the same
list as the report's chapter "Bewustwording"), so a reach of people is suppressed here exactly as it
is there (``reach_text``): a small count never shows on a factsheet while the chapter hides it."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join

from zicht.catalog.definitions import Municipality
from zicht.publish.blocks import Block, Html, Paragraph, Table, TableCell
from zicht.publish.sections.awareness import reach_cell, source_of, suppression_notes
from zicht.publish.sections.registry import ReportContext

_CACHE_KEY = "awareness_activities"  # in ctx.extras: the year's activities, read once for all sheets


def _activities(ctx: ReportContext) -> list:
    from zicht.publish.awareness import reported_activities

    if _CACHE_KEY not in ctx.extras:
        ctx.extras[_CACHE_KEY] = reported_activities(ctx.year)
    return ctx.extras[_CACHE_KEY]


def awareness_blocks(ctx: ReportContext, muni: Municipality) -> list[Block]:
    """The factsheet's part on awareness: a table of the municipality's own checked activities (or a
    sentence that none were registered), then one short list of the region-wide ones."""
    activities = _activities(ctx)
    own = [a for a in activities if muni.code in a.municipality_codes]
    regional = [a for a in activities if not a.municipality_codes]
    blocks: list[Block] = []
    if own:
        blocks.append(Table(
            key=f"bewustwording.{muni.code}", caption=f"Bewustwordingsactiviteiten in {muni.name}, {ctx.year}",
            columns=["Activiteit", "Soort", "Wanneer", "Bereik"],
            rows=[(a.title, [TableCell(None, text=a.kind), TableCell(None, text=a.when), reach_cell(a)]) for a in own],
            source=source_of(ctx), notes=suppression_notes(own)))
    else:
        blocks.append(Paragraph(
            f"Voor {muni.name} zijn in {ctx.year} geen eigen bewustwordingsactiviteiten geregistreerd.", kind="missing"))
    if regional:
        items = format_html_join("", "<li>{} ({}, {})</li>", ((a.title, a.kind, a.when) for a in regional))
        blocks.append(Html(format_html(
            '<p class="awareness-regional">Ook in de hele regio, dus ook in {}:</p><ul class="awareness-regional">{}</ul>'
            '<p class="note">Het bereik van deze activiteiten staat in het hoofdstuk Bewustwording van de monitor.</p>',
            muni.name, items)))
    return blocks
