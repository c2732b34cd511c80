"""The report's chapters, in order: those of the catalog (sections.yaml), each with the indicators
the catalog places in it, plus the generated content of the few registered sections (the estimate,
distinct persons, awareness, ...), which register themselves here."""

from __future__ import annotations

from dataclasses import dataclass, field

from zicht.catalog.definitions import Catalog
from zicht.figures.services import FigureStore
from zicht.publish.blocks import Block


@dataclass
class ReportContext:
    year: int
    store: FigureStore
    catalog: Catalog
    narrative: dict[str, str] = field(default_factory=dict)  # section key -> sanitised HTML
    extras: dict = field(default_factory=dict)  # results of engines (linkage, estimation)
    recodings: list = field(default_factory=list)  # publish.recoding.Recoding, applied before protection

    @property
    def previous_year(self) -> int:
        return self.year - 1


class Section:
    """One chapter of the monitor: its narrative (Markdown by the analyst), the generated blocks of
    a registered section (``blocks``), then the indicators the catalog places in it."""

    key: str = ""
    title: str = ""
    order: int = 0
    step: str = "figures"  # which of report.BUILD_STEPS builds it (the progress a draft build shows)
    uses: tuple[str, ...] = ()  # the catalog indicators its generated blocks show (checked by a test)

    def blocks(self, ctx: ReportContext) -> list[Block]:
        return []


SECTIONS: list[type[Section]] = []


def register(cls: type[Section]) -> type[Section]:
    if any(s.key == cls.key for s in SECTIONS):
        raise ValueError(f"Section {cls.key} registered twice")
    SECTIONS.append(cls)
    SECTIONS.sort(key=lambda s: s.order)
    return cls


def all_sections(catalog: Catalog | None = None) -> list[Section]:
    """The catalog's chapters in its order and with its titles; a registered section the catalog
    does not list keeps its own title and place (so a catalog cannot lose the estimate by omission)."""
    from zicht.catalog.definitions import get_catalog
    from zicht.publish.sections import awareness, chapters, content, persons  # noqa: F401  (registers the built-in sections)

    catalog = catalog or get_catalog()
    registered = {cls.key: cls for cls in SECTIONS}
    out: list[Section] = []
    for chapter in catalog.chapters:
        section = registered.pop(chapter.key, Section)()
        section.key, section.title, section.order = chapter.key, chapter.nl, chapter.order
        out.append(section)
    out += [cls() for cls in registered.values()]
    return sorted(out, key=lambda s: s.order)
