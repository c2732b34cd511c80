"""The report's sections, in order. A section is a small class; new ones register themselves."""

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
    """One chapter of the monitor: its narrative (Markdown by the analyst) plus generated blocks."""

    key: str = ""
    title: str = ""
    order: int = 0
    step: str = "figures"  # which of report.BUILD_STEPS builds it (the progress a draft build shows)

    def blocks(self, ctx: ReportContext) -> list[Block]:
        return []


SECTIONS: list[type[Section]] = []


def register(cls: type[Section]) -> type[Section]:
    if any(s.key == cls.key for s in SECTIONS):
        raise ValueError(f"Section {cls.key} registered twice")
    SECTIONS.append(cls)
    SECTIONS.sort(key=lambda s: s.order)
    return cls


def all_sections() -> list[Section]:
    from zicht.publish.sections import awareness, chapters, content, persons  # noqa: F401  (registers the built-in sections)

    return [cls() for cls in SECTIONS]
