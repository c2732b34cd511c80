"""Sections built on linked case records: distinct persons across partners, and the estimate of
the hidden number ("Hoe groot is het probleem?")."""

from __future__ import annotations

from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.linked import PARTNER, PER_PARTNER
from zicht.publish.sections import estimate_text as wording
from zicht.publish.sections import helpers as h
from zicht.publish.sections.interval_note import interval_difference_nl
from zicht.publish.sections.registry import ReportContext, Section, register

SYNTHETIC_NOTE = (
    "Dit hoofdstuk gebruikt synthetische demogegevens (gegenereerde casusbestanden met een "
    "bekende omvang), omdat er voor dit jaar geen echte versleutelde casusbestanden zijn aangeleverd. "
    "De getallen zeggen niets over echte slachtoffers; ze laten zien wat Zicht met echte leveringen doet."
)


def _run(ctx: ReportContext):
    from zicht.records.services import latest_run

    return latest_run(ctx.year)


def _partner_name(ctx: ReportContext, code: str) -> str:
    return ctx.catalog.partners[code].short if code in ctx.catalog.partners else code


def _label_synthetic(blocks: list[Block], synthetic: bool) -> list[Block]:
    """Every summary sentence of synthetic data says so itself: it may be quoted on its own
    (dashboard cards, open data), away from the section's warning."""
    if synthetic:
        for block in blocks:
            if isinstance(block, Paragraph) and block.kind in {"change", "estimate"}:
                block.text = "Synthetische demogegevens, geen echte slachtoffers: " + block.text
    return blocks


@register
class HowBig(Section):
    key, title, order = "omvang", "Hoe groot is het probleem?", 30

    def blocks(self, ctx: ReportContext) -> list[Block]:
        run = _run(ctx)
        low = ctx.store.value("var.assumed_victims_low", ctx.year)
        high = ctx.store.value("var.assumed_victims_high", ctx.year)
        assumption = (
            f"De aanname op basis van het landelijke WODC-onderzoek is {format_int_nl(low)} tot "
            f"{format_int_nl(high)} slachtoffers per jaar in de regio." if low and high else ""
        )
        if run is None:
            return [Paragraph(
                f"Voor {ctx.year} zijn er geen gekoppelde casusbestanden van partners; Zicht kan het "
                f"verborgen aantal daarom niet zelf schatten. {assumption}", kind="missing")]
        blocks: list[Block] = [Paragraph(SYNTHETIC_NOTE, kind="caveat")] if run.synthetic else []
        result = run.result
        per_list = result["per_list"]
        blocks.append(Table(
            key="omvang.registered", caption=f"Geregistreerde personen per partner (casusbestanden), {ctx.year}",
            columns=["Partner", "Personen"],
            rows=[(_partner_name(ctx, code), [TableCell(n, indicator=PER_PARTNER, dims={PARTNER: code}, year=ctx.year)])
                  for code, n in per_list.items()],
            source=f"Bron: versleutelde casusbestanden, koppelingsrun {run.pk}",
            notes=["Dezelfde persoon kan bij meerdere partners staan; deze aantallen tellen niet op."],
        ))
        distinct = ctx.store.value("linkage.persons", ctx.year)  # a published grand total
        est = result["estimate"]
        rows = [("Unieke personen bij ten minste één partner", [TableCell(distinct, indicator="linkage.persons", year=ctx.year)])]
        blocks.append(Paragraph(wording.summary_nl(est, ctx.year, distinct, assumption),
                                kind="estimate" if wording.publishable(est) else "missing"))
        blocks.append(Table(key="omvang.distinct", caption=f"Bekende unieke personen, {ctx.year}",
                            columns=["", "Aantal"], rows=rows, source=h.source_label(ctx, "linkage.persons")))
        # Never the engine's own explanation or warnings: they carry unprotected counts.
        blocks.append(Paragraph(wording.explanation_nl(est, distinct)))
        blocks.append(self._by_form(ctx, result))
        blocks.append(self._sensitivity(result))
        return _label_synthetic(blocks, run.synthetic)

    def _by_form(self, ctx: ReportContext, result: dict) -> Table:
        """One rounded estimate per form, published only beside that form's published count of
        known persons (an estimate is at least that count, so it would narrow a suppressed one)."""
        forms = ctx.catalog.codelists["form"]
        rows, notes = [], []
        for code, est in sorted(result.get("estimate_by_form", {}).items()):
            label = forms.label(code) if code in forms.codes_set() else code
            guard = ("linkage.persons_by_form", (("form", code),), ctx.year)
            rows.append((label, [TableCell(None, text=t, guard=guard if wording.publishable(est) else None)
                                 for t in wording.estimate_cells(est)]))
            if not wording.publishable(est):
                notes.append(f"{label}: geen schatting, {wording.refusal_reason(est)}.")
        notes.append("Een schatting staat hier alleen naast een gepubliceerd aantal bekende personen in "
                     "dezelfde vorm; is dat aantal onderdrukt, dan is de schatting dat ook (•).")
        notes.append(wording.ROUNDING_SHORT)
        return Table(key="omvang.by_form", caption="Schatting per vorm van uitbuiting",
                     columns=["Vorm", "Schatting", "95%-interval"], rows=rows,
                     source="Bron: koppelingsrun; multiple systems estimation per vorm (modelvoorwaardelijk interval)",
                     notes=notes)

    def _sensitivity(self, result: dict) -> Table:
        why = interval_difference_nl(result.get("estimate") if wording.publishable(result.get("estimate") or {}) else None)
        rows = [(row["label"], [TableCell(None, text=t) for t in wording.estimate_cells(row)])
                for row in result.get("sensitivity", [])]
        return Table(key="omvang.sensitivity", caption="Gevoeligheid: hoe hangt de schatting af van de keuze van lijsten?",
                     columns=["Variant", "Schatting", "95%-interval"], rows=rows,
                     source="Bron: koppelingsrun; modelvoorwaardelijke intervallen",
                     notes=[*([why] if why else []),
                            "Liggen de varianten ver uiteen, dan hangt de schatting sterk af van één lijst of van "
                            "de keuze om lijsten samen te voegen; lees het resultaat dan met extra voorzichtigheid.",
                            "Varianten met minder dan drie lijsten krijgen geen schatting: met twee lijsten en "
                            "hun gepubliceerde omvang zou de schatting de overlap prijsgeven.",
                            wording.ROUNDING_SHORT])


@register
class DistinctPersons(Section):
    key, title, order = "personen", "Unieke personen over de partners heen", 35

    def blocks(self, ctx: ReportContext) -> list[Block]:
        run = _run(ctx)
        if run is None:
            return [h.missing(ctx, "linkage.persons")]
        blocks: list[Block] = [Paragraph(SYNTHETIC_NOTE, kind="caveat")] if run.synthetic else []
        blocks.append(Paragraph(
            "Partners leveren gepseudonimiseerde casusbestanden: namen en geboortedata worden bij de partner "
            "versleuteld en verlaten de partner nooit. Zicht koppelt de versleutelde gegevens en telt zo hoeveel "
            "verschillende personen de partners samen kennen."))
        blocks += h.total_with_change(ctx, "linkage.persons", "unieke personen")
        for indicator, dimension in (("linkage.persons_by_partner_count", "partner_count"),
                                     ("linkage.persons_by_form", "form"),
                                     ("linkage.persons_by_gender", "gender"),
                                     ("linkage.persons_by_age_group", "age_group")):
            blocks += h.breakdown(ctx, indicator, dimension)
        return _label_synthetic(blocks, run.synthetic)
