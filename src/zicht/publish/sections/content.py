"""The registered chapters with generated content beyond placed indicators: the definitions, the
national context and the figures per municipality. Titles and order come from the catalog
(sections.yaml); the class attributes are the fallback when a catalog does not list them."""

from __future__ import annotations

from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph
from zicht.publish.factsheets import municipal_indicators, regional_table
from zicht.publish.sections import helpers as h
from zicht.publish.sections.registry import ReportContext, Section, register
from zicht.publish.wording import MUNICIPAL_DIFFERENCES


@register
class Introduction(Section):
    key, title, order = "inleiding", "Inleiding en definities", 10

    def blocks(self, ctx: ReportContext) -> list[Block]:
        forms = ctx.catalog.codelists["form"]
        return [
            Paragraph(f"{c.nl}: {c.definition_nl}", kind="definition")
            for c in forms.codes
            if c.definition_nl
        ]


@register
class NationalContext(Section):
    key, title, order = "landelijk", "Landelijke context", 20
    uses = ('national.comensha_victims', 'national.wodc_estimate', 'var.assumed_victims_low', 'var.assumed_victims_high')

    def blocks(self, ctx: ReportContext) -> list[Block]:
        years = list(range(ctx.year - 4, ctx.year + 1))
        blocks: list[Block] = h.year_series(
            ctx, "national.comensha_victims", years,
            "Landelijk aantal meldingen van (vermoedelijke) slachtoffers bij CoMensha",
        )
        blocks += h.caveats(ctx, "national.comensha_victims", 2020)
        wodc_year = ctx.store.latest_year("national.wodc_estimate", ctx.year)
        if wodc_year:
            wodc = ctx.store.value("national.wodc_estimate", wodc_year)
            low = ctx.store.value("var.assumed_victims_low", ctx.year)
            high = ctx.store.value("var.assumed_victims_high", ctx.year)
            text = (
                f"Geschatte omvang: volgens het WODC-onderzoek zijn er in Nederland jaarlijks ongeveer "
                f"{format_int_nl(wodc)} (vermoedelijke) slachtoffers van mensenhandel ({h.source_label(ctx, 'national.wodc_estimate', wodc_year).rstrip('.')})."
            )
            if low is not None and high is not None:
                text += (
                    f" Voor de {ctx.catalog.region.name_nl} gaat de {ctx.catalog.region.publisher_short} "
                    f"daarom uit van ongeveer {format_int_nl(low)} tot "
                    f"{format_int_nl(high)} slachtoffers per jaar. Dit is een afgeleide aanname, geen schatting "
                    "voor de regio zelf; zie het hoofdstuk 'Hoe groot is het probleem?'."
                )
            blocks.append(Paragraph(text))
        else:
            blocks.append(h.missing(ctx, "national.wodc_estimate"))
        # the Dadermonitor is its own chapter, as in the monitor: chapters.OffenderMonitor
        return blocks


PRINT_MUNICIPALITIES = 40
"""Above this many municipalities a table per municipality is left out of the PDF (a national
monitor would print 93 tables of 343 rows): it stays in the web version, factsheets and open data."""


@register
class Municipalities(Section):
    """Indicators delivered per municipality: every municipality of the year, the part without a
    known municipality as its own row, and the regional total; all cells protected jointly with
    the factsheets (same indicator, same cells)."""

    key, title, order = "gemeenten", "Cijfers per gemeente", 100

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks: list[Block] = []
        count = len(ctx.catalog.municipalities_in(ctx.year))
        for code in municipal_indicators(ctx):
            values = ctx.store.by_municipality(code, ctx.year)
            if values:
                if not blocks:
                    blocks.append(Paragraph(MUNICIPAL_DIFFERENCES))
                table = regional_table(ctx, code, values)
                if count > PRINT_MUNICIPALITIES:
                    table.print_note = (
                        f"{table.caption}: de tabel met alle {count} gemeenten staat in de webversie van de "
                        "monitor, in de factsheets per gemeente en in de open data; voor de gedrukte versie is "
                        "zij te groot.")
                blocks.append(table)
        if not blocks:
            blocks.append(Paragraph(f"Voor {ctx.year} heeft geen partner cijfers per gemeente geleverd.",
                                    kind="missing"))
        return blocks
