"""The blocks of the indicators the catalog places in a chapter (``show:`` in partners.yaml).

This is how an indicator reaches the report (and through it open data and the dashboard) without
code: its placement says whether it gets a heading, its total beside last year's, which breakdowns
(each a chart with its table, or a table), a series over the years, or a sum of another table's
cells. Shares of a base are written with their base (ADR 1120)."""

from __future__ import annotations

from zicht.catalog.definitions import Indicator
from zicht.publish.blocks import Block, Chart, Missing, Paragraph, Table, TableCell
from zicht.publish.sections import helpers as h
from zicht.publish.sections.chapters import SHARES_NOTE, percent_table, share_table, sums_of_parts
from zicht.publish.sections.registry import ReportContext

SERIES_DEFAULT = 5


def placed_blocks(ctx: ReportContext, section: str) -> list[Block]:
    """Every placed indicator of ``section``, in the catalog's order; sums of the same table share one."""
    blocks: list[Block] = []
    indicators = ctx.catalog.placed_in(section)
    done: set[str] = set()
    shares_said = False
    for ind in indicators:
        if ind.code in done:
            continue
        heading = [Paragraph(ind.show.heading, kind="heading")] if ind.show.heading else []
        if ind.sum_of is not None:
            parts = (ind.sum_of.indicator, ind.sum_of.dimension)
            group = [i.code for i in indicators
                     if i.sum_of is not None and (i.sum_of.indicator, i.sum_of.dimension) == parts]
            done.update(group)
            own = sums_of_parts(ctx, group)
        elif ind.base is not None:
            own = [] if shares_said else [Paragraph(SHARES_NOTE)]
            shares_said = True
            for dim in ind.show.breakdowns:
                own += share_table(ctx, ind.code, dim)
        else:
            own = indicator_blocks(ctx, ind)
        if len(own) == 1 and isinstance(own[0], Missing) and ind.show.heading == ind.nl:
            heading = []  # "<label>: niet geleverd" under the same label as heading says it twice
        blocks += heading + _marked(own, ind)
    return blocks


def indicator_blocks(ctx: ReportContext, ind: Indicator) -> list[Block]:
    """One indicator as its placement asks: series, or total and breakdowns, or its single value."""
    show = ind.show
    if show.series:
        years = list(range(ctx.year - show.series + 1, ctx.year + 1))
        return h.year_series(ctx, ind.code, years, ind.nl) + h.caveats(ctx, ind.code)
    if ind.unit == "percent":
        return [b for dim in show.breakdowns for b in percent_table(ctx, ind.code, dim, ctx.year)]
    blocks: list[Block] = []
    if show.total:
        blocks += h.total_with_change(ctx, ind.code, show.noun_nl or ind.unit_nl)
        if ctx.store.value(ind.code, ctx.year) is None:
            return blocks  # nothing delivered: one "niet geleverd" says it
    elif not show.breakdowns:
        return _single_value(ctx, ind)
    elif not any(ctx.store.breakdown(ind.code, ctx.year, dim).delivered for dim in show.breakdowns):
        return [h.missing(ctx, ind.code)]  # nothing delivered: said once, not per breakdown
    for i, dim in enumerate(show.breakdowns):
        blocks += _breakdown(ctx, ind, dim, after_total=show.total, first=i == 0)
    return blocks


def _breakdown(ctx: ReportContext, ind: Indicator, dim: str, *, after_total: bool, first: bool) -> list[Block]:
    """A breakdown as chart and table; a breakdown after a delivered total whose parts nobody
    delivered is one sentence, not a table of "niet geleverd". The first breakdown is the
    indicator's own caption, further ones name their dimension (two tables never share a caption)."""
    label = ctx.catalog.codelists[dim].label_nl.lower()
    if after_total and not any(v is not None for _, _, v in ctx.store.breakdown(ind.code, ctx.year, dim).rows):
        return [Paragraph(f"De verdeling van {ind.nl.lower()} naar {label} is voor {ctx.year} niet geleverd.",
                          kind="missing")]
    caption = None if first else f"{ind.nl} naar {label}, {ctx.year}"
    blocks = h.breakdown(ctx, ind.code, dim, chart=ind.show.chart != "none", caption=caption)
    if after_total:  # the caveats stand once, under the total
        blocks = [b for b in blocks if not (isinstance(b, Paragraph) and b.kind == "caveat")]
    return blocks


def _single_value(ctx: ReportContext, ind: Indicator) -> list[Block]:
    value = ctx.store.value(ind.code, ctx.year)
    if value is None:
        return [h.missing(ctx, ind.code)]
    return [Table(key=ind.code, caption=f"{ind.nl}, {ctx.year}", columns=["", "Aantal"],
                  rows=[("Aantal", [TableCell(value, indicator=ind.code, year=ctx.year)])],
                  source=h.source_label(ctx, ind.code)), *h.caveats(ctx, ind.code)]


def _marked(blocks: list[Block], ind: Indicator) -> list[Block]:
    """Tables of an indicator the catalog keeps off the dashboard say so (read from the publication)."""
    if not ind.show.dashboard:
        for block in blocks:
            table = block.table if isinstance(block, Chart) else block
            if isinstance(table, Table):
                table.dashboard = False
    return blocks
