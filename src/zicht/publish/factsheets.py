"""A factsheet per municipality: its own figures where partners delivered them per municipality,
beside the region's, protected in the same disclosure-control run as the report."""

from __future__ import annotations

from dataclasses import dataclass

from zicht.catalog.definitions import Municipality
from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.names import factsheet_filename
from zicht.publish.protection import MUNICIPALITY, UNKNOWN_MUNICIPALITY
from zicht.publish.sections.helpers import source_label
from zicht.publish.sections.registry import ReportContext

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
    for code, noun in (("essm_care.clients", "cliënten in de hulpverlening van het ESSM"),
                       ("essm_line.contacts", "contactmomenten met het Meld- en adviespunt"),
                       ("police.complaints", "aangiftes mensenhandel bij de politie")):
        value = ctx.store.value(code, ctx.year)
        if value is not None and code not in delivered:
            blocks.append(Paragraph(f"Regio: {format_int_nl(value)} {noun} in {ctx.year}."))
    return blocks
