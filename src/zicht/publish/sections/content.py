"""The sections of the Mensenhandelmonitor, in the order of the 2022 edition."""

from __future__ import annotations

from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.factsheets import municipal_indicators, regional_table
from zicht.publish.sections import helpers as h
from zicht.publish.sections.chapters import sums_of_parts
from zicht.publish.sections.registry import ReportContext, Section, register


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
                    f" Voor de regio Rotterdam gaat de VAR daarom uit van ongeveer {format_int_nl(low)} tot "
                    f"{format_int_nl(high)} slachtoffers per jaar. Dit is een afgeleide aanname, geen schatting "
                    "voor de regio zelf; zie het hoofdstuk 'Hoe groot is het probleem?'."
                )
            blocks.append(Paragraph(text))
        else:
            blocks.append(h.missing(ctx, "national.wodc_estimate"))
        # the Dadermonitor is its own chapter, as in the monitor: chapters.OffenderMonitor
        return blocks


@register
class Police(Section):
    key, title, order = "politie", "Politie: Team Migratiecriminaliteit en Mensenhandel", 40

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks: list[Block] = []
        for ind, noun in (("police.complaints", "aangiftes"), ("police.informative_interviews", "informatieve gesprekken")):
            blocks.append(Paragraph(ctx.catalog.indicator(ind).nl, kind="heading"))
            blocks += h.total_with_change(ctx, ind, noun)
            blocks += h.breakdown(ctx, ind, "form")
            split = ctx.store.value(ind, ctx.year, age_group="adult")
            if split is None:
                blocks.append(Paragraph(
                    f"De verdeling van de {noun} over meerderjarige en minderjarige slachtoffers is voor "
                    f"{ctx.year} niet geleverd.", kind="missing"))
            else:
                blocks += h.breakdown(ctx, ind, "age_group")
        blocks.append(Paragraph(ctx.catalog.indicator("police.comensha_notifications").nl, kind="heading"))
        value = ctx.store.value("police.comensha_notifications", ctx.year)
        if value is None:
            blocks.append(h.missing(ctx, "police.comensha_notifications"))
        else:
            blocks.append(Table(
                key="police.comensha_notifications", caption=f"Door de politie bij CoMensha gemelde (vermoedelijke) slachtoffers, {ctx.year}",
                columns=["", "Aantal"], rows=[("Gemeld", [TableCell(value, indicator="police.comensha_notifications", year=ctx.year)])],
                source=h.source_label(ctx, "police.comensha_notifications")))
            blocks += h.caveats(ctx, "police.comensha_notifications")
        return blocks  # the investigations, delivered as shares, are in chapters.SexualExploitation


@register
class ReportLine(Section):
    key, title, order = "meldpunt", "ESSM Meld- en adviespunt mensenhandel", 50

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks = h.total_with_change(ctx, "essm_line.contacts", "contactmomenten")
        for ind, dim in (("essm_line.contacts_by_reporter", "reporter_type"),
                         ("essm_line.contacts_by_gender", "gender"),
                         ("essm_line.contacts_by_region", "region_class"),
                         ("essm_line.contacts_by_sector", "report_line_sector")):
            blocks += h.breakdown(ctx, ind, dim)
        return blocks


@register
class Care(Section):
    key, title, order = "hulpverlening", "ESSM hulpverlening", 60

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks = h.total_with_change(ctx, "essm_care.clients", "cliënten")
        for ind, dim in (("essm_care.clients_by_sector", "care_sector"),
                         ("essm_care.clients_by_gender", "gender"),
                         ("essm_care.clients_by_residence", "residence_status"),
                         ("essm_care.clients_by_age", "age_band_care")):
            blocks += h.breakdown(ctx, ind, dim)
        blocks += sums_of_parts(ctx, ["essm_care.clients_sexual", "essm_care.clients_sexual_preventive"])
        return blocks


def _single_values(ctx: ReportContext, indicators: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for ind in indicators:
        value = ctx.store.value(ind, ctx.year)
        if value is None:
            blocks.append(h.missing(ctx, ind))
            continue
        blocks.append(Table(
            key=ind, caption=f"{ctx.catalog.indicator(ind).nl}, {ctx.year}", columns=["", "Aantal"],
            rows=[("Aantal", [TableCell(value, indicator=ind, year=ctx.year)])], source=h.source_label(ctx, ind)))
        blocks += h.caveats(ctx, ind)
    return blocks


@register
class LabourInspectorate(Section):
    key, title, order = "arbeidsinspectie", "Nederlandse Arbeidsinspectie: arbeidsuitbuiting en ernstige benadeling", 70

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks = h.breakdown(ctx, "nla.reports", "nla_report_type")
        blocks += h.breakdown(ctx, "nla.report_sectors", "economic_sector", chart=False)
        blocks += h.breakdown(ctx, "nla.investigations_started", "investigation_phase", chart=False)
        blocks += _single_values(ctx, ["nla.slightest_indication", "nla.complaints",
                                       "nla.serious_disadvantage_started", "nla.serious_disadvantage_established"])
        return blocks


@register
class Riec(Section):
    key, title, order = "riec", "RIEC Rotterdam: bestuurlijke aanpak", 80

    def blocks(self, ctx: ReportContext) -> list[Block]:
        return _single_values(ctx, ["riec.cases"])


@register
class MunicipalInspections(Section):
    key, title, order = "controles", "Gemeentelijke controles", 90

    def blocks(self, ctx: ReportContext) -> list[Block]:
        blocks = _single_values(ctx, ["rotterdam_eu.inspection_days"])
        blocks += h.breakdown(ctx, "rotterdam_eu.sites", "inspection_result")
        blocks += _single_values(ctx, ["rct.inspections"])
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


@register
class Developments(Section):
    key, title, order = "ontwikkelingen", "Nieuwe ontwikkelingen en initiatieven", 110


@register
class Conclusions(Section):
    key, title, order = "conclusie", "Conclusie en knelpunten", 120


@register
class Appendix(Section):
    key, title, order = "bijlage", "Bijlage: interviews", 130
