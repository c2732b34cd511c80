"""The report's front and back matter, built from the protected sections.

- ``key_figures``: the "Kerncijfers" page up front: per indicator with a yearly total, this year's
  published number, last year's and the section's honest wording of the change (the trend engine's
  sentence), plus the estimate's headline sentence. Only cells that passed disclosure control.
- ``verantwoording``: the appendix with the method in plain words and the technical provenance of
  every delivery behind a table (file, version, delivery date, the partner's stated sources),
  which the source lines beside the tables leave out.
- ``fill_provenance``: each table's technical provenance, from the cells' (indicator, year)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from zicht.figures.services import stated_sources
from zicht.publish.blocks import Chart, Html, Paragraph, Table

KEY_FIGURES_KEY = "kerncijfers"
APPENDIX_KEY = "verantwoording"


def _tables(blocks) -> list[Table]:
    out = []
    for block in blocks:
        table = block.table if isinstance(block, Chart) else block
        if isinstance(table, Table):
            out.append(table)
    return out


def _cells(table: Table):
    rows = list(table.rows) + ([table.total_row] if table.total_row else [])
    return [c for _, cells in rows for c in cells]


def fill_provenance(blocks, store) -> list:
    """Give every table without one its technical provenance; returns every Provenance used."""
    used = []
    for table in _tables(blocks):
        provs = []
        for cell in _cells(table):
            if cell.indicator is None or cell.year is None:
                continue
            prov = store.provenance(cell.indicator, cell.year)
            if prov is not None and prov not in provs:
                provs.append(prov)
        used += provs
        if not table.provenance:
            table.provenance = "; ".join(dict.fromkeys(p.label_nl() for p in provs))
    return used


@dataclass
class KeyFigure:
    label: str
    value: str
    previous: str | None
    previous_year: int
    text: str
    section: str
    section_title: str


@dataclass
class KeyFigures:
    year: int
    figures: list[KeyFigure] = field(default_factory=list)
    estimate: str = ""


def key_figures(sections, ctx) -> KeyFigures:
    """The year's headline numbers with last year's, from the protected ``<indicator>.years`` tables."""
    out = KeyFigures(ctx.year)
    for section in sections:
        change = None
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.kind == "change":
                change = block.text
            elif isinstance(block, Paragraph) and block.kind == "estimate" and not out.estimate:
                out.estimate = block.text
            elif isinstance(block, Table) and block.key.endswith(".years"):
                figure = _key_figure(block, change, section, ctx)
                if figure is not None:
                    out.figures.append(figure)
                change = None
    return out


def _key_figure(table: Table, change: str | None, section, ctx) -> KeyFigure | None:
    indicator = table.key.removesuffix(".years")
    by_year = {cells[0].year: cells[0] for _, cells in table.rows if cells and cells[0].year is not None}
    current, previous = by_year.get(ctx.year), by_year.get(ctx.previous_year)
    if current is None or current.suppressed or current.value is None:
        return None  # nothing published for this year: no key figure
    label = ctx.catalog.indicator(indicator).nl if indicator in ctx.catalog.indicators else table.caption
    if previous is None:
        shown, text = None, f"Voor {ctx.previous_year} is geen cijfer geleverd."
    elif previous.suppressed:
        shown, text = previous.display(), f"Het cijfer van {ctx.previous_year} is onderdrukt; geen vergelijking."
    else:
        shown, text = previous.display(), change or ""
    return KeyFigure(label, current.display(), shown, ctx.previous_year, text, section.key, section.title)


def key_figures_block(figures: KeyFigures) -> Html:
    return Html(render_to_string("publish/kerncijfers.html", {"k": figures}))


@dataclass
class Delivery:
    partner: str
    filename: str
    version: int
    date: str
    sources: list[str]


def deliveries(provenances) -> list[Delivery]:
    """One row per delivery (partner, file, version, date) with its stated sources, each once."""
    grouped: dict[tuple, list[str]] = {}
    for p in provenances:
        grouped.setdefault((p.partner_name, p.filename, p.version, p.submitted_at), []).extend(p.sources)
    return [Delivery(k[0], k[1], k[2], k[3], stated_sources(v)) for k, v in sorted(grouped.items())]


_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien",
          11: "elf", 12: "twaalf", 15: "vijftien", 20: "twintig"}


def verantwoording_blocks(ctx, provenances) -> list:
    from zicht.engines.disclosure import Policy
    from zicht.publish.sections.estimate_text import ROUNDING_NOTE

    partners = [p for p in ctx.catalog.partners.values() if p.kind != "analyst"]
    policy = Policy()
    html = render_to_string("publish/verantwoording.html", {
        "year": ctx.year, "partners": partners, "rounding": ROUNDING_NOTE, "region": ctx.catalog.region,
        # Thresholds in words: a digit under ten in running text reads as a count of people.
        "threshold": _WORDS.get(policy.threshold, str(policy.threshold)),
        "minors_threshold": _WORDS.get(policy.minors_threshold, str(policy.minors_threshold)),
        "deliveries": deliveries(provenances),
    })
    return [Html(html)]
