"""Blocks that many sections share: a breakdown as chart + table, a total with its change."""

from __future__ import annotations

from zicht.engines.trends import describe_change_nl, format_int_nl
from zicht.figures.services import people_source
from zicht.publish.blocks import Block, Chart, Missing, Paragraph, Table, TableCell
from zicht.publish.charts import bar_chart, year_chart
from zicht.publish.sections.registry import ReportContext

NO_CHART_NOTE = "Geen grafiek: minder dan twee waarden zichtbaar (de andere zijn onderdrukt of niet geleverd)."


def source_label(ctx: ReportContext, indicator: str, year: int | None = None) -> str:
    """The source line for people: the partner and the delivery date (see ``provenance_label``
    for the file and version, shown in the Verantwoording and open data)."""
    return people_source([ctx.store.provenance(indicator, year or ctx.year)])


def provenance_label(ctx: ReportContext, indicator: str, year: int | None = None) -> str:
    prov = ctx.store.provenance(indicator, year or ctx.year)
    return prov.label_nl() if prov else ""


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


def breakdown(ctx: ReportContext, indicator: str, dimension: str, *, chart: bool = True,
              caption: str | None = None) -> list[Block]:
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
        caption=caption or f"{ind.nl}, {ctx.year}",
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
    """Draw the chart from its (already protected) table. A suppressed value is a marked gap
    ("• onderdrukt"), never a bar; with fewer than two visible values there is no chart, and
    ``note`` says so (the table stands on its own)."""
    if hasattr(chart, "draw"):  # a chart that draws itself (estimate_chart.IntervalChart)
        return chart.draw()
    rows = [(label, cells[0]) for label, cells in chart.table.rows]
    shown = [(label, c.value) for label, c in rows if not c.suppressed and c.value is not None]
    hidden = [label for label, c in rows if c.suppressed]
    kind = "Staafdiagram"
    if len(shown) < 2:
        chart.svg, chart.note, chart.alt_text = "", NO_CHART_NOTE, ""
        return chart
    plotted = [(label, None if c.suppressed else c.value) for label, c in rows
               if c.suppressed or c.value is not None]
    labels, values = [p[0] for p in plotted], [p[1] for p in plotted]
    if chart.kind == "years":
        chart.svg = year_chart([int(label) for label in labels], values, title=chart.title)
    else:
        chart.svg = bar_chart(labels, values, title=chart.title)
    chart.note = ""
    parts = [f"{label}: {format_int_nl(v)}" for label, v in shown]
    alt = f"{kind}: {chart.title}. " + "; ".join(parts) + "."
    if hidden:
        alt += " Niet getoond vanwege onthullingscontrole: " + ", ".join(hidden) + "."
    total = chart.table.total_row
    if total and not total[1][0].suppressed and total[1][0].value is not None:
        alt += f" Totaal: {format_int_nl(total[1][0].value)}."
    chart.alt_text = alt
    return chart


def year_series(ctx: ReportContext, indicator: str, years: list[int], title: str) -> list[Block]:
    """A yearly series as chart + table; drawn after disclosure control (``render_chart``)."""
    values = [(y, ctx.store.value(indicator, y)) for y in years]
    values = [(y, v) for y, v in values if v is not None]
    if not values:
        return [missing(ctx, indicator)]
    table = Table(
        key=f"{indicator}.series",
        caption=title,
        columns=["Jaar", "Aantal"],
        rows=[(str(y), [TableCell(v, indicator=indicator, year=y)]) for y, v in values],
        source=people_source([ctx.store.provenance(indicator, y) for y, _ in values]),
    )
    return [Chart(key=table.key, title=title, svg="", alt_text="", table=table, kind="years")]
