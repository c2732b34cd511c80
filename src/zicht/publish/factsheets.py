"""A factsheet per municipality: its own figures where partners delivered them per municipality,
beside the region's, protected in the same disclosure-control run as the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from zicht.catalog.definitions import Municipality
from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.sections.helpers import source_label
from zicht.publish.sections.registry import ReportContext


def factsheet_filename(municipality: Municipality) -> str:
    return f"{municipality.code}-{slugify(municipality.name)}.html"


@dataclass
class Factsheet:
    municipality: Municipality
    blocks: list[Block]

    @property
    def filename(self) -> str:
        return factsheet_filename(self.municipality)


def municipal_indicators(ctx: ReportContext) -> list[str]:
    return [i.code for i in ctx.catalog.indicators.values() if i.municipality != "none"]


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
        rows = [(muni.name, [TableCell(values.get(muni.code, 0), indicator=code,
                                       dims={"municipality": muni.code}, year=ctx.year)])]
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
