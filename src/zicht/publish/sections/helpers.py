"""Blocks that many sections share: a breakdown as chart + table, a total with its change."""

from __future__ import annotations

from zicht.engines.trends import describe_change_nl, format_int_nl
from zicht.publish.blocks import Block, Chart, Missing, Paragraph, Table, TableCell
from zicht.publish.charts import bar_chart, year_chart
from zicht.publish.sections.registry import ReportContext


def source_label(ctx: ReportContext, indicator: str, year: int | None = None) -> str:
    prov = ctx.store.provenance(indicator, year or ctx.year)
    return prov.label_nl() if prov else "Bron: niet geleverd"


def caveats(ctx: ReportContext, indicator: str, year: int | None = None) -> list[Paragraph]:
    ind = ctx.catalog.indicator(indicator)
    return [Paragraph(c, kind="caveat") for c in ind.caveats_for(year or ctx.year)]


def missing(ctx: ReportContext, indicator: str) -> Missing:
    ind = ctx.catalog.indicator(indicator)
    return Missing(label=ind.nl, partner=ctx.catalog.partner(ind.partner).short)


def total_with_change(ctx: ReportContext, indicator: str, noun: str) -> list[Block]:
    """The grand total of this year, compared with last year only as far as the counts allow."""
    current = ctx.store.value(indicator, ctx.year)
    if current is None:
        return [missing(ctx, indicator)]
    previous = ctx.store.value(indicator, ctx.previous_year)
    if previous is None:
        text = f"In {ctx.year}: {format_int_nl(current)} {noun}. Voor {ctx.previous_year} is geen cijfer geleverd."
    else:
        text = describe_change_nl(current, previous, ctx.year, ctx.previous_year, noun)
    blocks: list[Block] = [Paragraph(text, kind="change")]
    years = [y for y in (ctx.previous_year, ctx.year) if ctx.store.value(indicator, y) is not None]
    cells = [TableCell(ctx.store.value(indicator, y), indicator=indicator, year=y) for y in years]
    blocks.append(
        Table(
            key=f"{indicator}.years",
            caption=f"{ctx.catalog.indicator(indicator).nl} per jaar",
            columns=["Jaar", "Aantal"],
            rows=[(str(y), [c]) for y, c in zip(years, cells, strict=True)],
            source=source_label(ctx, indicator),
        )
    )
    blocks.extend(caveats(ctx, indicator))
    return blocks


def breakdown(ctx: ReportContext, indicator: str, dimension: str, *, chart: bool = True) -> list[Block]:
    """An indicator split along one dimension: a chart, its data table, source and caveats."""
    ind = ctx.catalog.indicator(indicator)
    b = ctx.store.breakdown(indicator, ctx.year, dimension)
    if not b.delivered:
        return [missing(ctx, indicator)]
    rows = [
        (label, [TableCell(value, indicator=indicator, dims={dimension: code}, year=ctx.year)])
        for code, label, value in b.rows
        if value is not None
    ]
    total_row = (
        ("Totaal", [TableCell(b.total, indicator=indicator, year=ctx.year)]) if ind.additive else None
    )
    table = Table(
        key=f"{indicator}.{dimension}",
        caption=f"{ind.nl}, {ctx.year}",
        columns=[ctx.catalog.codelists[dimension].label_nl, "Aantal" if ind.unit != "percent" else "Procent"],
        rows=rows,
        source=source_label(ctx, indicator),
        total_row=total_row,
    )
    blocks: list[Block] = []
    if chart:
        blocks.append(Chart(key=table.key, title=table.caption, svg="", alt_text="", table=table))
    else:
        blocks.append(table)
    blocks.extend(caveats(ctx, indicator))
    return blocks


def render_chart(chart: Chart) -> Chart:
    """Draw the chart from its (already protected) table; suppressed bars are left out and named."""
    if hasattr(chart, "draw"):  # a chart that draws itself (estimate_chart.IntervalChart)
        return chart.draw()
    shown = [(label, cells[0].value) for label, cells in chart.table.rows if not cells[0].suppressed]
    hidden = [label for label, cells in chart.table.rows if cells[0].suppressed]
    chart.svg = bar_chart([s[0] for s in shown], [s[1] for s in shown], title=chart.title) if shown else ""
    parts = [f"{label}: {format_int_nl(v)}" for label, v in shown]
    alt = f"Staafdiagram: {chart.title}. " + "; ".join(parts) + "."
    if hidden:
        alt += " Niet getoond vanwege onthullingscontrole: " + ", ".join(hidden) + "."
    if chart.table.total_row and not chart.table.total_row[1][0].suppressed:
        alt += f" Totaal: {format_int_nl(chart.table.total_row[1][0].value)}."
    chart.alt_text = alt
    return chart


def year_series(ctx: ReportContext, indicator: str, years: list[int], title: str) -> list[Block]:
    values = [(y, ctx.store.value(indicator, y)) for y in years]
    values = [(y, v) for y, v in values if v is not None]
    if not values:
        return [missing(ctx, indicator)]
    table = Table(
        key=f"{indicator}.series",
        caption=title,
        columns=["Jaar", "Aantal"],
        rows=[(str(y), [TableCell(v, indicator=indicator, year=y)]) for y, v in values],
        source="; ".join(dict.fromkeys(source_label(ctx, indicator, y) for y, _ in values)),
    )
    svg = year_chart([y for y, _ in values], [v for _, v in values], title=title)
    alt = f"Staafdiagram: {title}. " + "; ".join(f"{y}: {format_int_nl(v)}" for y, v in values) + "."
    return [Chart(key=table.key, title=title, svg=svg, alt_text=alt, table=table)]
