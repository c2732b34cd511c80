"""Build the yearly monitor from the store: sections -> disclosure control -> HTML and tagged PDF."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from zicht import __version__
from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.figures.services import FigureStore
from zicht.publish.blocks import Chart, apply_guards
from zicht.publish.exporters import Bundle
from zicht.publish.exporters import active as active_exporters
from zicht.publish.factsheets import Factsheet, build_factsheets
from zicht.publish.matter import (
    APPENDIX_KEY,
    KEY_FIGURES_KEY,
    fill_provenance,
    key_figures,
    key_figures_block,
    verantwoording_blocks,
)
from zicht.publish.names import BUILD_STEPS, opendata_name, report_name
from zicht.publish.narrative import load_narrative
from zicht.publish.opendata import public_tables
from zicht.publish.protection import FrozenKey, ProtectionOutcome, frozen_lookup, protect_blocks
from zicht.publish.recoding import Recoding, RecodingError, alternatives, apply_recodings, resolve
from zicht.publish.sections.helpers import render_chart
from zicht.publish.sections.placed import placed_blocks
from zicht.publish.sections.registry import ReportContext, all_sections
from zicht.publish.theme import STATIC_DIR, print_css, theme_css

logger = logging.getLogger(__name__)


def _no_progress(step: str) -> None:
    return None


@dataclass
class BuiltSection:
    key: str
    title: str
    narrative: str
    blocks: list


@dataclass(frozen=True)
class ReportStatus:
    """What a build is: a draft (marked CONCEPT everywhere) or a publication version, with its
    correction note from version 2 on. Rendered by ``publish/_status.html`` on every page."""

    year: int
    draft: bool = True
    version: int | None = None
    correction: str = ""
    date: str = ""

    @property
    def earlier(self) -> list[int]:
        """The versions before this one, each readable at /monitor/<year>/v<n>/."""
        return list(range(1, self.version)) if self.version else []

    @classmethod
    def publication(cls, year: int, version: int, correction: str = "") -> ReportStatus:
        return cls(year, draft=False, version=version, correction=correction,
                   date=timezone.localtime().strftime("%d-%m-%Y"))


@dataclass(frozen=True)
class RenderedReport:
    """Every artefact of a build as bytes (name -> content), with what the publication freezes."""

    year: int
    files: dict[str, bytes]
    suppressed_cells: int
    tables: list
    pattern: list
    highlights: list
    recodings: list = field(default_factory=list)  # the year's chosen recodings (as dicts)
    alternatives: list = field(default_factory=list)  # recodings Zicht proposes, with both losses
    headline: dict | None = None  # which estimator gave the headline estimate (headline.choice_for)


@dataclass(frozen=True)
class BuiltReport:
    """A build written to a folder (a draft, or a publication version's folder)."""

    year: int
    folder: Path
    files: tuple[str, ...]
    suppressed_cells: int
    tables: list
    pattern: list
    highlights: list
    recodings: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)

    @property
    def html_path(self) -> Path:
        return self.folder / report_name(self.year, "html")

    @property
    def pdf_path(self) -> Path | None:
        name = report_name(self.year, "pdf")
        return self.folder / name if name in self.files else None

    @property
    def csv_path(self) -> Path:
        return self.folder / opendata_name(self.year, "csv")

    @property
    def json_path(self) -> Path:
        return self.folder / opendata_name(self.year, "json")


CHOICES_NAME = "keuzes-onthullingscontrole.json"


def public_patterns(year: int) -> list[list[dict]]:
    """Suppression patterns of every public version of every other year (to keep repeated
    cells consistent across years)."""
    from zicht.publish.models import Publication

    return [p.pattern for p in Publication.objects.exclude(year=year).order_by("year", "version")]


def own_year_frozen(year: int) -> dict[FrozenKey, bool]:
    """What earlier public versions of this same year force on a correction.

    A cell suppressed in any public version stays suppressed; a cell published with a value that
    the correction leaves unchanged stays published (it is public already). A cell whose value
    changed is free: its old value says nothing exact about the new one. So no difference between
    two public versions narrows a hidden cell."""
    from zicht.publish.models import Publication

    forced: dict[FrozenKey, bool] = {}
    for publication in Publication.objects.filter(year=year).order_by("version"):
        for cell in publication.pattern:
            key = (cell["indicator"], cell["year"], tuple(sorted(cell["dims"].items())))
            if cell["suppressed"]:
                forced[key] = True
            elif forced.get(key) is not True and "value" in cell:
                forced[key] = ("value", cell["value"])  # resolved against the new value below
    return forced


def recodings_for(ctx: ReportContext, choices: list | None) -> list[Recoding]:
    """Recodings in force for a build: those of every other published year (applied to their own
    year's cells wherever they reappear), and this year's: the analyst's choice, or, for a
    correction, the recodings of the year's first publication (which a correction cannot change)."""
    from zicht.publish.models import Publication

    others = [Recoding.from_dict(d) for p in Publication.objects.exclude(year=ctx.year) for d in p.recodings]
    published = Publication.objects.current(ctx.year)
    if published is not None:
        own = [Recoding.from_dict(d) for d in published.recodings]
        if choices is not None and set(resolve(ctx, choices)) != set(own):
            raise RecodingError(
                f"De monitor {ctx.year} is gepubliceerd {'met hercodering van ' + ', '.join(r.indicator for r in own) if own else 'zonder hercodering'}; "
                "een correctie houdt die keuze (anders zijn twee versies van elkaar af te trekken).")
    else:
        own = resolve(ctx, choices or [])
    unique = {(r.indicator, r.dimension, r.year): r for r in [*others, *own]}
    return list(unique.values())


def build_sections(
    year: int, narrative_dir: Path | None, extras: dict | None = None, recode: list | None = None,
    progress=_no_progress,
) -> tuple[list[BuiltSection], ReportContext, ProtectionOutcome, list[Factsheet]]:
    """Collect every section's and factsheet's blocks and protect all their tables jointly.
    ``recode``: the analyst's choice of recodings (``recoding.parse_choice``) for this year.
    ``progress``: called with each of ``BUILD_STEPS`` as it starts (sections are built grouped by
    their ``step`` and put back in reading order)."""
    progress("figures")
    ctx = ReportContext(
        year=year,
        store=FigureStore(range(year - 5, year + 1)),
        catalog=get_catalog(),
        narrative=load_narrative(narrative_dir, year),
        extras=extras or {},
    )
    sections = all_sections(ctx.catalog)
    by_key: dict[str, list] = {}
    factsheets: list[Factsheet] = []
    for step in BUILD_STEPS[:3]:
        if step != "figures":
            progress(step)
        for s in sections:
            if getattr(s, "step", "figures") == step:
                by_key[s.key] = s.blocks(ctx) + placed_blocks(ctx, s.key)
        if step == "figures":
            factsheets = build_factsheets(ctx)
    built = [BuiltSection(s.key, s.title, ctx.narrative.get(s.key, ""), by_key[s.key]) for s in sections]
    blocks = [b for s in built for b in s.blocks] + [b for f in factsheets for b in f.blocks]
    progress("disclosure")
    ctx.recodings = recodings_for(ctx, recode)
    apply_recodings(blocks, ctx.recodings, year)
    frozen = frozen_lookup(public_patterns(year))
    frozen.update(_resolve_own_year(own_year_frozen(year), blocks))
    outcome = protect_blocks(blocks, ctx, frozen)
    apply_guards(blocks, outcome.pattern)  # estimates beside suppressed counts are hidden too
    for section in built:
        for block in section.blocks:
            if isinstance(block, Chart):
                render_chart(block)  # after disclosure control: suppressed values are marked gaps
    provenances = fill_provenance(blocks, ctx.store)
    front = BuiltSection(KEY_FIGURES_KEY, "Kerncijfers", "", [key_figures_block(key_figures(built, ctx))])
    appendix = BuiltSection(APPENDIX_KEY, "Verantwoording", "", verantwoording_blocks(ctx, provenances))
    return [front, *built, appendix], ctx, outcome, factsheets


def _resolve_own_year(forced: dict, blocks: list) -> dict[FrozenKey, bool]:
    """Keep an earlier version's published cell published only where its value is unchanged."""
    from zicht.publish.protection import table_cells

    current = {
        (c.indicator, c.year, tuple(sorted(c.dims.items()))): c.value
        for b in blocks for c in table_cells(b) if c.indicator is not None
    }
    out: dict[FrozenKey, bool] = {}
    for key, rule in forced.items():
        if rule is True:
            out[key] = True
        elif current.get(key) == rule[1]:
            out[key] = False
    return out


def render_html(year: int, sections: list[BuiltSection], *, for_print: bool = False,
                status: ReportStatus | None = None, breaks: frozenset[str] = frozenset()) -> str:
    """The report as HTML: the web page, or (``for_print``) the document WeasyPrint lays out, with
    cover, colophon and contents; ``breaks``: the chapters that start on a new page."""
    from django.conf import settings

    css = theme_css() + ("\n" + print_css() if for_print else "")
    return render_to_string(
        "publish/report_print.html" if for_print else "publish/report.html",
        {
            "status": status or ReportStatus(year),
            "year": year,
            "sections": sections,
            "css": css,
            "for_print": for_print,
            "breaks": breaks,
            "publisher": get_catalog().region.publisher,
            "region": get_catalog().region,
            "contact": settings.ZICHT_REPORT_CONTACT,
            "generated": timezone.localtime().strftime("%d-%m-%Y %H:%M %Z"),
            "version": __version__,
        },
    )


def render_factsheets(year: int, factsheets: list[Factsheet], status: ReportStatus,
                      with_pdf: bool = False) -> dict[str, bytes]:
    """Every municipality's factsheet and their index, under ``factsheets/``; ``with_pdf``: the
    build also prints each sheet as PDF, so the sheet and the index link it."""
    css = theme_css()
    region = get_catalog().region
    files = {}
    for sheet in factsheets:
        html = render_to_string("publish/factsheet.html", {"year": year, "sheet": sheet, "css": css,
                                                           "version": __version__, "status": status,
                                                           "region": region, "with_pdf": with_pdf})
        files[f"factsheets/{sheet.filename}"] = html.encode("utf-8")
    index = render_to_string("publish/factsheet_index.html",
                             {"year": year, "sheets": factsheets, "css": css, "status": status,
                              "region": region, "with_pdf": with_pdf})
    files["factsheets/index.html"] = index.encode("utf-8")
    return files


def write_pdf(html: str, path: Path) -> None:
    path.write_bytes(pdf_bytes(html))


def pdf_bytes(html: str) -> bytes:
    with _frozen_heap():
        return _layout(html).write_pdf(**PDF_OPTIONS)


def pdf_bytes_many(htmls: list[str]) -> list[bytes]:
    """Several documents as PDF under one frozen heap (25 factsheets: 9.8 s one by one, 7.3 s so)."""
    with _frozen_heap():
        return [_layout(html).write_pdf(**PDF_OPTIONS) for html in htmls]


class _frozen_heap:
    """WeasyPrint creates millions of short-lived objects; in a process that already holds a large
    heap (Django, pandas, the linkage engine) every full collection rescans that heap. Freezing
    the existing objects keeps the collector to WeasyPrint's own (measured: 5.2 s -> 3.3 s)."""

    def __enter__(self):
        import gc

        gc.collect()
        gc.freeze()

    def __exit__(self, *exc):
        import gc

        gc.unfreeze()


# A tagged PDF/UA-1 (structure tree, language, title); given to the layout and to the writer.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}


def _layout(html: str):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STATIC_DIR)).render(**PDF_OPTIONS)


# A chapter starts on a new page only when the page before it stays at least this full.
MIN_PAGE_FILL = 1 / 3
BREAK_CANDIDATES = (APPENDIX_KEY,)


def chapter_breaks(document, candidates=BREAK_CANDIDATES) -> frozenset[str]:
    """The chapters (among ``candidates``) that may start on a new page: in the layout without
    breaks their heading stands at least ``MIN_PAGE_FILL`` down its page, so the page before a
    break stays that full (a heading near the top of a page needs no break)."""
    chosen = set()
    for page in document.pages:
        box = page._page_box
        top, bottom = box.margin_top, page.height - box.margin_bottom
        for key in candidates:
            if key in page.anchors:
                y = page.anchors[key][1]  # (x1, y1, x2, y2) in CSS pixels
                if (y - top) / (bottom - top) >= MIN_PAGE_FILL:
                    chosen.add(key)
    return frozenset(chosen)


def print_pdf(year: int, sections: list[BuiltSection], status: ReportStatus) -> bytes:
    """The designed, tagged PDF: laid out once without chapter breaks, then again with the breaks
    that leave no page before them less than a third full."""
    with _frozen_heap():
        document = _layout(render_html(year, sections, for_print=True, status=status))
        breaks = chapter_breaks(document)
        if breaks:
            document = _layout(render_html(year, sections, for_print=True, status=status, breaks=breaks))
        return document.write_pdf(**PDF_OPTIONS)


def export(bundle: Bundle, *, pdf: bool = True) -> dict[str, bytes]:
    """Every active exporter's files, in registry order (``pdf=False``: none that needs WeasyPrint)."""
    exporters = active_exporters(pdf=pdf)
    bundle.formats = frozenset(e.key for e in exporters)
    for exporter in exporters:
        started = dt.datetime.now()
        bundle.files.update(exporter.render(bundle))
        logger.info("Exporter %s: %.1fs", exporter.key, (dt.datetime.now() - started).total_seconds())
    return bundle.files


def render_report(year: int, narrative_dir: Path | None = None, *, pdf: bool = True,
                  extras: dict | None = None, status: ReportStatus | None = None,
                  recode: list | None = None, progress=_no_progress) -> RenderedReport:
    """Build every artefact of a year in memory: what every exporter of the registry makes."""
    status = status or ReportStatus(year)
    started = dt.datetime.now()
    sections, ctx, outcome, factsheets = build_sections(year, narrative_dir, extras, recode, progress)
    progress("rendering")
    own = [r for r in ctx.recodings if r.year == year]
    tables = public_tables(sections) + public_tables(
        [BuiltSection(f"factsheet-{f.municipality.code}", f.municipality.name, "", f.blocks) for f in factsheets]
    )
    files = export(Bundle(year, status, sections, factsheets, tables), pdf=pdf)
    logger.info("Built monitor %s in %.1fs", year, (dt.datetime.now() - started).total_seconds())
    return RenderedReport(year, files, outcome.suppressed, tables, outcome.pattern, highlights(sections),
                          [r.as_dict() for r in own], [a.as_dict() for a in alternatives(ctx, outcome.pattern, own)],
                          ctx.extras.get("headline"))


def build_report(year: int, out_dir: Path | None = None, narrative_dir: Path | None = None, *,
                 pdf: bool = True, actor=None, extras: dict | None = None,
                 recode: list | None = None, progress=_no_progress) -> BuiltReport:
    """A draft: every artefact marked CONCEPT, written to ``out_dir`` (default: the drafts area,
    ``ZICHT_DRAFTS_DIR/<year>/``, which no public URL reaches). Nothing is frozen. Beside the
    artefacts, ``keuzes-onthullingscontrole.json`` lists the recodings Zicht proposes (for the
    analyst only; never published)."""
    import json

    from zicht.publish.storage import drafts_root, write_files

    folder = Path(out_dir) if out_dir is not None else drafts_root() / str(year)
    rendered = render_report(year, narrative_dir, pdf=pdf, extras=extras, status=ReportStatus(year), recode=recode,
                             progress=progress)
    choices = {"recodings": rendered.recodings, "alternatives": rendered.alternatives}
    write_files(folder, {**rendered.files, CHOICES_NAME: json.dumps(choices, ensure_ascii=False, indent=1).encode()})
    events.report_built(actor, year, [str(folder / name) for name in sorted(rendered.files)])
    return BuiltReport(year, folder, tuple(sorted(rendered.files)), rendered.suppressed_cells,
                       rendered.tables, rendered.pattern, rendered.highlights, rendered.recodings,
                       rendered.alternatives)


def highlights(sections: list[BuiltSection]) -> list[dict]:
    """The sentences that summarise a section: changes against last year and the estimate."""
    from zicht.publish.blocks import Paragraph

    return [
        {"section": s.key, "title": s.title, "text": b.text, "kind": b.kind}
        for s in sections
        for b in s.blocks
        if isinstance(b, Paragraph) and b.kind in {"change", "estimate"}
    ]
