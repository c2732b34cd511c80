"""A factsheet per municipality: its own figures where partners delivered them per municipality,
beside the region's, protected in the same disclosure-control run as the report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from zicht.catalog.definitions import Municipality
from zicht.engines.trends import format_int_nl
from zicht.publish.awareness_factsheet import awareness_blocks
from zicht.publish.blocks import Block, Html, Paragraph, Table, TableCell
from zicht.publish.earlier import earlier_factsheet_rows
from zicht.publish.names import factsheet_filename
from zicht.publish.protection import MUNICIPALITY, UNKNOWN_MUNICIPALITY
from zicht.publish.sections.helpers import source_label
from zicht.publish.sections.registry import ReportContext
from zicht.publish.wording import MUNICIPAL_DIFFERENCES

UNKNOWN_LABEL = "Gemeente onbekend"


def unknown_dims() -> dict[str, str]:
    """The dims of the "gemeente onbekend" cell, keyed as disclosure control keys it."""
    return {MUNICIPALITY: UNKNOWN_MUNICIPALITY}


@dataclass
class Factsheet:
    municipality: Municipality
    blocks: list[Block]

    @property
    def filename(self) -> str:
        return factsheet_filename(self.municipality)

    @property
    def pdf_filename(self) -> str:
        return self.filename.removesuffix(".html") + ".pdf"


def municipal_indicators(ctx: ReportContext) -> list[str]:
    return [i.code for i in ctx.catalog.indicators.values() if i.municipality != "none"]


def municipal_cell(ctx: ReportContext, code: str, muni: Municipality, values: dict[str, int]) -> TableCell:
    """A municipality's figure: its delivered count (a delivered 0 is a real 0), or None, shown
    as "niet geleverd", when the partner delivered nothing for it. Never a made-up zero."""
    return TableCell(values.get(muni.code), indicator=code, dims={"municipality": muni.code}, year=ctx.year)


def unknown_cell(ctx: ReportContext, code: str, values: dict[str, int]) -> TableCell | None:
    """The part of the regional total without a known municipality, as its own protected cell;
    None when it cannot be determined (no total, or parts above the total)."""
    total = ctx.store.value(code, ctx.year)
    if total is None:
        return None
    rest = total - sum(values.values())
    if rest < 0:
        return None
    return TableCell(rest, indicator=code, dims=unknown_dims(), year=ctx.year)


def regional_table(ctx: ReportContext, code: str, values: dict[str, int]) -> Table:
    """An indicator per municipality of the year, the unknown remainder as its own row, the total."""
    ind = ctx.catalog.indicator(code)
    rows = [(m.name, [municipal_cell(ctx, code, m, values)]) for m in ctx.catalog.municipalities_in(ctx.year)]
    rest = unknown_cell(ctx, code, values)
    if rest is not None:
        rows.append((UNKNOWN_LABEL, [rest]))
    region_total = ctx.store.value(code, ctx.year)
    total = ("Regio (totaal)", [TableCell(region_total, indicator=code, year=ctx.year)]) if region_total is not None else None
    return Table(key=f"{code}.municipality", caption=f"{ind.nl} per gemeente, {ctx.year}",
                 columns=["Gemeente", "Aantal"], rows=rows, source=source_label(ctx, code), total_row=total,
                 notes=["“Niet geleverd”: de partner heeft voor deze gemeente geen cijfer aangeleverd (dat is "
                        "iets anders dan 0). “Gemeente onbekend”: het deel van het regionale totaal zonder "
                        "bekende gemeente."])


def build_factsheets(ctx: ReportContext) -> list[Factsheet]:
    """One factsheet per municipality valid in the report year."""
    per_indicator = {code: ctx.store.by_municipality(code, ctx.year) for code in municipal_indicators(ctx)}
    return [
        Factsheet(m, _blocks(ctx, m, per_indicator)) for m in ctx.catalog.municipalities_in(ctx.year)
    ]


def _blocks(ctx: ReportContext, muni: Municipality, per_indicator: dict[str, dict[str, int]]) -> list[Block]:
    blocks: list[Block] = []
    delivered = {code: values for code, values in per_indicator.items() if values}
    if not delivered:
        blocks.append(Paragraph(
            f"Voor {muni.name} zijn voor {ctx.year} geen cijfers per gemeente geleverd. Hieronder staan "
            "de cijfers van de regio als geheel.", kind="missing"))
    part_blocks = _region_part_blocks(ctx, muni)
    if delivered or part_blocks:  # figures per municipality or part invite a comparison: say what it shows
        blocks.append(Paragraph(MUNICIPAL_DIFFERENCES))
    for code, values in delivered.items():
        ind = ctx.catalog.indicator(code)
        region_total = ctx.store.value(code, ctx.year)
        rows = [(muni.name, [municipal_cell(ctx, code, muni, values)])]
        rest = unknown_cell(ctx, code, values)
        if rest is not None:
            rows.append((f"Regio, {UNKNOWN_LABEL.lower()}", [rest]))
        total = ("Regio (totaal)", [TableCell(region_total, indicator=code, year=ctx.year)]) if region_total is not None else None
        blocks.append(Table(key=f"{code}.{muni.code}", caption=f"{ind.nl}, {ctx.year}",
                            columns=["", "Aantal"], rows=rows, source=source_label(ctx, code), total_row=total))
        earlier = earlier_factsheet_rows(f"{code}.{muni.code}", ctx.year)
        if earlier:
            blocks.append(Table(
                key=f"{code}.{muni.code}.earlier", caption=f"{ind.nl}: {muni.name} in eerdere jaren",
                columns=["Jaar", muni.name, "Regio (totaal)"], rows=earlier,
                source="Bron: eerder gepubliceerde monitors (zoals toen gepubliceerd, na onthullingscontrole)",
            ))
    blocks.extend(part_blocks)
    blocks.extend(regional_figures(ctx, exclude=set(delivered)))
    blocks.extend(awareness_blocks(ctx, muni))
    blocks.append(reporting_routes_block())
    return blocks


def regional_figures(ctx: ReportContext, exclude: set[str]) -> list[Block]:
    """The region's figure of every indicator the catalog puts on the factsheets (``show.factsheet``),
    the same on every sheet (a grand total, published exact), as a sentence naming the partner."""
    blocks: list[Block] = []
    for ind in ctx.catalog.indicators.values():
        if ind.show is None or not ind.show.factsheet or ind.code in exclude:
            continue
        value = ctx.store.value(ind.code, ctx.year)
        if value is None:
            continue
        partner = ctx.catalog.partner(ind.partner).short
        noun = ind.show.noun_nl or ind.nl[:1].lower() + ind.nl[1:]
        blocks.append(Paragraph(f"Regio: {format_int_nl(value)} {noun} in {ctx.year}. Bron: {partner}."))
    return blocks


REGION_PART = "region_class"


def _region_part_blocks(ctx: ReportContext, muni: Municipality) -> list[Block]:
    """Partners that count per part of the region (the ESSM reporting line: Rotterdam, the rest of
    Rotterdam-Rijnmond, Zuid-Holland Zuid) say something about every municipality in that part: the
    part's figure of every placed indicator broken down by part, protected as the same cell as in
    the report's table."""
    blocks: list[Block] = []
    part = ctx.catalog.region_class(muni.code)
    parts = ctx.catalog.codelists.get(REGION_PART)
    if part is None or parts is None or part not in parts.codes_set():
        return []  # the catalog puts this municipality in no part that partners count by
    label = parts.label(part)
    for ind in ctx.catalog.indicators.values():
        if ind.show is None or REGION_PART not in ind.show.breakdowns:
            continue
        value = ctx.store.value(ind.code, ctx.year, **{REGION_PART: part})
        if value is None:
            continue
        total = ctx.store.value(ind.code, ctx.year)
        total_row = ("Regio (totaal)", [TableCell(total, indicator=ind.code, year=ctx.year)]) \
            if total is not None else None
        blocks.append(Table(
            key=f"{ind.code}.{muni.code}", caption=f"{ind.nl}: {label}, {ctx.year}",
            columns=["", "Aantal"],
            rows=[(f"{label} (waar {muni.name} onder valt)",
                   [TableCell(value, indicator=ind.code, dims={REGION_PART: part}, year=ctx.year)])],
            source=source_label(ctx, ind.code), total_row=total_row,
            notes=[f"Deze partner telt per deel van de regio, niet per gemeente: het cijfer geldt voor {label} als geheel."],
        ))
    return blocks


PHONE = re.compile(r"\+?\d(?:[\d \-]*\d)?")


def _phone_links(contact: str) -> str:
    """The contact text with every phone number as a ``tel:`` link (tappable on a phone), escaped."""
    parts, last = [], 0
    for match in PHONE.finditer(contact):
        if sum(ch.isdigit() for ch in match.group()) < 3:
            continue
        parts.append(escape(contact[last:match.start()]))
        number = re.sub(r"[^\d+]", "", match.group())
        parts.append(format_html('<a href="tel:{}">{}</a>', number, match.group()))
        last = match.end()
    parts.append(escape(contact[last:]))
    return "".join(str(p) for p in parts)


def reporting_routes_block() -> Html:
    """Where a professional in the municipality reports: the routes of the meldroutekaart that have a
    contact, phone numbers as links, and the way to the whole map."""
    from zicht.signalling.services import route_map

    items = [format_html("<li><strong>{}</strong>: {}</li>", route.name, mark_safe(_phone_links(route.contact)))
             for route in route_map().routes if route.contact]
    html = format_html(
        "<h2>Waar meld je mensenhandel?</h2><ul class=\"routes\">{}</ul>"
        "<p>Welke route past, hangt af van de situatie: de meldroutekaart wijst de weg "
        "(<a href=\"/meldroutekaart/\">meldroutekaart</a>).</p>",
        mark_safe("".join(items)),
    )
    return Html(html)
