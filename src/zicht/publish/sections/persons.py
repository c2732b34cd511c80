"""Sections built on linked case records: distinct persons across partners, and the estimate of
the hidden number ("Hoe groot is het probleem?")."""

from __future__ import annotations

from zicht.engines.mse.dutch import round_official
from zicht.engines.trends import format_int_nl
from zicht.publish.blocks import Block, Paragraph, Table, TableCell
from zicht.publish.estimate_chart import IntervalChart
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


SERIES_YEARS = 5  # the estimate chapter's series: this year and the four before it (as the store)


def _run_of(year: int):
    from zicht.records.services import latest_run

    return latest_run(year)


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
    step = "estimate"  # reads the linkage run's estimate (build progress, report.BUILD_STEPS)

    def blocks(self, ctx: ReportContext) -> list[Block]:
        from zicht.publish import headline as choose

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
        est, latent = result["estimate"], result.get("estimate_latent_class")
        choice = choose.choice_for(ctx.year, est, latent)
        ctx.extras["headline"] = choice  # recorded on the Publication (services.publish_period)
        chosen = {wording.LOGLINEAR: est, wording.LATENT_CLASS: latent}.get(choice["method"])
        rows = [("Unieke personen bij ten minste één partner", [TableCell(distinct, indicator="linkage.persons", year=ctx.year)])]
        blocks.append(Paragraph(
            wording.headline_nl(ctx.year, choice["method"], chosen, distinct, assumption, choose.sentence_reason(choice)),
            kind="estimate" if choice["method"] and wording.estimator_publishable(choice["method"], chosen) else "missing"))
        # The same count as the distinct-persons chapter's total, which the dashboard shows already.
        blocks.append(Table(key="omvang.distinct", caption=f"Bekende unieke personen, {ctx.year}",
                            columns=["", "Aantal"], rows=rows, source=h.source_label(ctx, "linkage.persons"),
                            dashboard=False))
        blocks.append(self._estimators(ctx, est, latent, choice))
        blocks.append(Paragraph(wording.comparison_nl(est, latent)))
        # Never the engine's own explanation or warnings: they carry unprotected counts.
        blocks.append(Paragraph(wording.explanation_nl(est, distinct)))
        blocks.append(self._by_stratum(ctx, ctx.year, result, "form"))
        blocks.append(self._by_stratum(ctx, ctx.year, result, "age_group"))
        blocks.append(self._sensitivity(result))
        blocks += self._series(ctx)
        return _label_synthetic(blocks, run.synthetic)

    def _estimators(self, ctx: ReportContext, est: dict, latent: dict | None, choice: dict) -> Table:
        """Both estimators side by side; a refusal is a reason, never a number. Each estimate stands
        only beside the published total of known persons (fail closed, as the estimate per form)."""
        rows, notes = [], []
        for method, result, label, kind, diagnostics in (
            (wording.LOGLINEAR, est, "Log-lineair model",
             "bootstrap (BCa)" if (est or {}).get("ci_method") == "bca_bootstrap" else "modelvoorwaardelijk", "–"),
            (wording.LATENT_CLASS, latent, "Latente-klassenmodel", "geloofwaardigheidsinterval",
             wording.convergence_nl(latent)),
        ):
            ok = wording.estimator_publishable(method, result)
            marker = " (kopschatting)" if choice["method"] == method else ""
            # No guard: the total of known persons beside it is published exact by policy.
            cells = [TableCell(None, text=t) for t in wording.estimator_cells(method, result)]
            cells += [TableCell(None, text=kind), TableCell(None, text=diagnostics)]
            rows.append((label + marker, cells))
            if not ok:
                notes.append(f"{label}: geen schatting, {wording.estimator_refusal(method, result)}.")
        rule = ("standaardregel" if choice["rule"] == "rule" else "keuze van de analist")
        notes.append(f"De kopschatting bovenaan dit hoofdstuk volgt de {rule}. De standaardregel neemt het "
                     "log-lineaire model, tenzij het latente-klassenmodel geconvergeerd is en boven het "
                     "interval van het log-lineaire model uitkomt.")
        notes.append("Log-lineair: de schatting van het gekozen model met haar bootstrapinterval; latente klassen: "
                     "de mediaan van de posterior met het 95%-geloofwaardigheidsinterval, alleen als de ketens "
                     "geconvergeerd zijn.")
        notes.append(wording.ROUNDING_SHORT)
        return Table(key="omvang.estimators", caption=f"Beide schattingen van het totale aantal naast elkaar, {ctx.year}",
                     columns=["Schatter", "Schatting", "95%-interval", "Soort interval", "Convergentie"], rows=rows,
                     source="Bron: koppelingsrun; Zicht (multiple systems estimation)", notes=notes)

    def _by_stratum(self, ctx: ReportContext, year: int, result: dict, column: str) -> Table:
        """One rounded estimate per stratum, published only beside that stratum's published count of
        known persons (an estimate is at least that count, so it would narrow a suppressed one)."""
        codes = ctx.catalog.codelists[column]
        what = {"form": "vorm", "age_group": "leeftijdsgroep"}[column]
        rows, notes = [], []
        for code, est in sorted(result.get(f"estimate_by_{column}", {}).items()):
            label = codes.label(code) if code in codes.codes_set() else code
            guard = (f"linkage.persons_by_{column}", ((column, code),), year)
            rows.append((label, [TableCell(None, text=t, guard=guard if wording.publishable(est) else None)
                                 for t in wording.estimate_cells(est)]))
            if not wording.publishable(est):
                notes.append(f"{label}: geen schatting, {wording.refusal_reason(est)}.")
        notes.append(f"Een schatting staat hier alleen naast een gepubliceerd aantal bekende personen in "
                     f"dezelfde {what}; is dat aantal onderdrukt, dan is de schatting dat ook (•).")
        notes.append(wording.ROUNDING_SHORT)
        caption = {"form": "Schatting per vorm van uitbuiting",
                   "age_group": "Schatting voor minderjarigen en meerderjarigen"}[column]
        return Table(key=f"omvang.by_{column}", caption=caption,
                     columns=[codes.label_nl, "Schatting", "95%-interval"], rows=rows,
                     source="Bron: koppelingsrun; log-lineair model per stratum (modelvoorwaardelijk interval)",
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


    def _series(self, ctx: ReportContext) -> list[Block]:
        """The hidden number over the years that have linked case records: both estimators with
        their intervals, honest wording (no rise without intervals that say so), and the strata."""
        runs = [(y, r) for y in range(ctx.year - SERIES_YEARS + 1, ctx.year + 1) if (r := _run_of(y)) is not None]
        blocks: list[Block] = [Paragraph("Het verborgen aantal over de jaren", kind="heading")]
        if len(runs) < 2:
            blocks.append(Paragraph(
                "Een reeks van schattingen vraagt gekoppelde casusbestanden van ten minste twee jaren; "
                f"die zijn er tot en met {ctx.year} alleen voor {', '.join(str(y) for y, _ in runs) or 'geen jaar'}.",
                kind="missing"))
            return blocks
        methods = ((wording.LOGLINEAR, "estimate", "Log-lineair"), (wording.LATENT_CLASS, "estimate_latent_class",
                                                                   "Latente klassen"))
        rows, notes, points = [], [], []
        for year, run in runs:
            # No guard: the year's total of known persons is published exact by policy.
            cells = [TableCell(ctx.store.value("linkage.persons", year), indicator="linkage.persons", year=year)]
            for method, key, label in methods:
                est = run.result.get(key)
                if wording.estimator_publishable(method, est) and est["ci"][1] is not None:
                    lo, hi = est["ci"]
                    points.append({"row": len(rows), "column": len(cells), "year": year, "method": label,
                                   "estimate": round_official(est["estimate"]), "low": round_official(lo),
                                   "high": round_official(hi)})
                elif not wording.estimator_publishable(method, est):
                    notes.append(f"{year}, {label.lower()}: geen schatting, {wording.estimator_refusal(method, est)}.")
                cells += [TableCell(None, text=t) for t in wording.estimator_cells(method, est)]
            rows.append((str(year), cells))
        notes += [wording.ROUNDING_SHORT]
        if any(r.synthetic for _, r in runs):
            notes.append("Synthetische demogegevens, geen echte slachtoffers.")
        table = Table(key="omvang.series", caption="Geschat totaal aantal slachtoffers per jaar, met 95%-interval",
                      columns=["Jaar", "Bekende personen", "Log-lineair", "95%-interval", "Latente klassen",
                               "95%-interval"],
                      rows=rows, source="Bron: koppelingsruns per jaar; Zicht (multiple systems estimation)",
                      notes=notes)
        blocks.append(IntervalChart(key=table.key, title=table.caption, svg="", alt_text="", table=table,
                                    points=points))
        (y0, r0), (y1, r1) = runs[-2], runs[-1]
        for method, key, _label in methods:
            e0, e1 = r0.result.get(key), r1.result.get(key)
            if wording.estimator_publishable(method, e0) and wording.estimator_publishable(method, e1):
                name = wording.METHOD_LABELS[method]
                blocks.append(Paragraph(wording.series_change_nl((y0, e0), (y1, e1), name[0].upper() + name[1:])))
        for column in ("form", "age_group"):
            blocks.append(self._stratum_series(ctx, runs, column))
        return blocks

    def _stratum_series(self, ctx: ReportContext, runs: list, column: str) -> Table:
        """Per stratum and year (log-linear; the latent-class model per stratum is not run: seconds
        per stratum and year, and the strata's overlaps are small). Refused with the reason."""
        codes = ctx.catalog.codelists[column]
        indicator = f"linkage.persons_by_{column}"
        strata = sorted({c for _, r in runs for c in r.result.get(f"estimate_by_{column}", {})})
        rows, notes = [], []
        for code in strata:
            label = codes.label(code) if code in codes.codes_set() else code
            for year, run in runs:
                est = run.result.get(f"estimate_by_{column}", {}).get(code)
                if est is None:
                    continue
                ok = wording.publishable(est)
                guard = (indicator, ((column, code),), year)
                value = ctx.store.value(indicator, year, **{column: code})
                known = (TableCell(value, indicator=indicator, dims={column: code}, year=year) if value is not None
                         else TableCell(None))  # not delivered (an incomplete split): the guard hides the estimate
                rows.append((f"{label}, {year}", [known] + [TableCell(None, text=t, guard=guard if ok else None)
                                                             for t in wording.estimate_cells(est)]))
                if not ok:
                    notes.append(f"{label}, {year}: geen schatting, {wording.refusal_reason(est)}.")
        notes += ["Een schatting staat alleen naast een gepubliceerd aantal bekende personen in dezelfde groep en "
                  "hetzelfde jaar; is dat aantal onderdrukt, dan is de schatting dat ook (•).", wording.ROUNDING_SHORT]
        caption = {"form": "Geschat totaal per vorm van uitbuiting en jaar",
                   "age_group": "Geschat totaal voor minderjarigen en meerderjarigen per jaar"}[column]
        return Table(key=f"omvang.series_{column}", caption=caption,
                     columns=[f"{codes.label_nl}, jaar", "Bekende personen", "Schatting", "95%-interval"],
                     rows=rows, notes=notes,
                     source="Bron: koppelingsruns per jaar; log-lineair model per groep (modelvoorwaardelijk interval)")


@register
class DistinctPersons(Section):
    key, title, order = "personen", "Unieke personen over de partners heen", 35
    uses = ('linkage.persons', 'linkage.persons_by_form', 'linkage.persons_by_age_group', 'linkage.persons_by_gender', 'linkage.persons_by_partner_count')
    step = "linkage"  # reads the linkage run's distinct persons (build progress, report.BUILD_STEPS)

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
