"""Tables of shares with their base, published percentages and sums of another table's cells (used
by placed indicators, ``placed``), and the Dadermonitor chapter (national figures of its latest year)."""

from __future__ import annotations

from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.sections import helpers as h
from zicht.publish.sections.registry import ReportContext, Section, register
from zicht.publish.shares import suppressed_shares, threshold_of

SHARES_NOTE = ("Deze cijfers zijn als aandelen geleverd; ze staan met het aantal waarvan ze een deel zijn. "
               "Een aandeel staat voor een aantal (aandeel x basis) en wordt net als een klein aantal niet getoond "
               "(•) als dat aantal of de rest onder de drempel ligt.")


def _caption(ctx: ReportContext, label: str, year: int) -> str:
    return f"{label}, {year}" if year == ctx.year else f"{label} (tot en met {year})"


def _noun(label: str) -> str:
    return label[:1].lower() + label[1:]


def share_table(ctx: ReportContext, indicator: str, dimension: str, year: int | None = None) -> list[Block]:
    """A share per category, written with its base ("56% van de 16"), the base as its own row; a
    share whose count or rest would be small is suppressed, like a count (ADR 1120)."""
    year = year or ctx.year
    ind = ctx.catalog.indicator(indicator)
    base_ind = ctx.catalog.indicator(ind.base)
    shares = {code: (label, value) for code, label, value in ctx.store.breakdown(indicator, year, dimension).rows
              if value is not None}
    base = ctx.store.value(ind.base, year)
    if not shares or base is None:
        return [h.missing(ctx, indicator)]
    hidden = suppressed_shares({c: v for c, (_, v) in shares.items()}, base, threshold_of(ind)) if ind.disclosure else set()
    rows = []
    for code, (label, value) in shares.items():
        if code in hidden:
            cell = TableCell(None, suppressed=True, indicator=indicator, dims={dimension: code}, year=year)
        else:
            cell = TableCell(None, indicator=indicator, dims={dimension: code}, year=year,
                             text=f"{value}%\u00a0van de\u00a0{format_int_nl(base)}")
        rows.append((label, [cell]))
    rows.append((f"Basis (100%): {_noun(base_ind.nl)}", [TableCell(base, indicator=ind.base, year=year)]))
    notes = ["Alleen de aandelen die de bron noemt; ze tellen niet op tot 100%."]
    table = Table(key=f"{indicator}.{dimension}", caption=_caption(ctx, ind.nl, year),
                  columns=[ctx.catalog.codelists[dimension].label_nl, "Aandeel"], rows=rows,
                  source=h.source_label(ctx, indicator, year), notes=notes)
    return [table, *h.caveats(ctx, indicator, year), *h.caveats(ctx, ind.base, year)]


def percent_table(ctx: ReportContext, indicator: str, dimension: str, year: int) -> list[Block]:
    """Published percentages without a base in the source (national figures, not protected)."""
    ind = ctx.catalog.indicator(indicator)
    rows = [(label, [TableCell(None, text=f"{value}%")])
            for _, label, value in ctx.store.breakdown(indicator, year, dimension).rows if value is not None]
    if not rows:
        return [h.missing(ctx, indicator)]
    return [Table(key=f"{indicator}.{dimension}", caption=_caption(ctx, ind.nl, year),
                  columns=[ctx.catalog.codelists[dimension].label_nl, "Aandeel"], rows=rows,
                  source=h.source_label(ctx, indicator, year),
                  notes=[ind.definition_nl] if ind.definition_nl else [])]


SUMS_NOTE = ("Deze aantallen zijn sommen van rijen uit de tabel ‘{table}’. Ze zijn samen met die tabel "
             "beveiligd: een onderdrukt aantal (•) is ook niet uit het verschil af te leiden.")
UNKNOWN_SUM_NOTE = ("Van een aantal met • staat in de catalogus niet van welke cellen het de som is; het kan "
                    "daarom niet veilig naast de tabel staan.")


def sums_of_parts(ctx: ReportContext, indicators: list[str]) -> list[Block]:
    """Figures that are sums of cells of another published table (the seed's "121 cliënten met
    seksuele uitbuiting, waarvan 28 preventief" are sums of the sectors). Disclosure control
    protects them together with that table, as the catalog's ``sum_of`` says (ADR 1135); a figure
    whose relation the catalog does not state is hidden (fail closed)."""
    rows, unknown, tables = [], False, []
    for code in indicators:
        value = ctx.store.value(code, ctx.year)
        if value is None:
            continue
        sum_of = ctx.catalog.indicator(code).sum_of
        known = sum_of is not None
        unknown |= not known
        if known and ctx.catalog.indicator(sum_of.indicator).nl not in tables:
            tables.append(ctx.catalog.indicator(sum_of.indicator).nl)
        cell = TableCell(value, indicator=code, year=ctx.year) if known else TableCell(None, suppressed=True)
        rows.append((ctx.catalog.indicator(code).nl, [cell]))
    if not rows:
        return [h.missing(ctx, code) for code in indicators]
    notes = [SUMS_NOTE.format(table=t) for t in tables] + ([UNKNOWN_SUM_NOTE] if unknown else [])
    return [Table(key=f"{indicators[0]}.sums", caption=f"{ctx.catalog.indicator(indicators[0]).nl}, {ctx.year}",
                  columns=["", "Aantal"], rows=rows, source=h.source_label(ctx, indicators[0]), notes=notes)]


@register
class OffenderMonitor(Section):
    key, title, order = "dadermonitor", "Dadermonitor mensenhandel", 22
    uses = ('national.dadermonitor_investigations', 'national.dadermonitor_shares', 'national.dadermonitor_recidivism')

    def blocks(self, ctx: ReportContext) -> list[Block]:
        year = ctx.store.latest_year("national.dadermonitor_investigations", ctx.year)
        if year is None:
            return [h.missing(ctx, "national.dadermonitor_investigations")]
        total = ctx.store.value("national.dadermonitor_investigations", year)
        blocks: list[Block] = [Paragraph(
            f"In de periode tot en met {year} zijn landelijk {format_int_nl(total)} opsporingsonderzoeken "
            "mensenhandel gestart.")]
        blocks += share_table(ctx, "national.dadermonitor_shares", "dadermonitor_category", year)
        blocks += percent_table(ctx, "national.dadermonitor_recidivism", "dadermonitor_recidivism", year)
        return blocks
