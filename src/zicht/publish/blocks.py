"""The building blocks of a report section: what a section says, independent of HTML or PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPRESSED_MARK = "•"


@dataclass
class Paragraph:
    text: str
    kind: str = "text"  # text | caveat | change | missing


@dataclass
class TableCell:
    """A published number; ``value`` is None when disclosure control suppressed it."""

    value: int | None
    suppressed: bool = False
    # Where the figure lives in the store, so disclosure control can treat all tables jointly.
    indicator: str | None = None
    dims: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    text: str | None = None  # a non-count entry (an estimate, an interval): shown as written
    # A derived entry (an estimate for one form) that would approximate the count cell named here
    # (indicator, dims, year): it is published only while that cell is published, see apply_guards.
    guard: tuple[str, tuple[tuple[str, str], ...], int] | None = None

    def display(self) -> str:
        if self.suppressed:
            return SUPPRESSED_MARK
        if self.text is not None:
            return self.text
        if self.value is None:
            return "niet geleverd"
        return f"{self.value:,}".replace(",", ".")


@dataclass
class Table:
    key: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[TableCell]]]
    source: str
    notes: list[str] = field(default_factory=list)
    total_row: tuple[str, list[TableCell]] | None = None
    # Said in the printed monitor instead of the table when it is too large for paper (the web
    # version, factsheets and open data keep every cell; disclosure control is the same).
    print_note: str | None = None
    # The technical provenance (delivery file, version, date, the partner's stated sources): in the
    # Verantwoording and open data; ``source`` is the line for people beside the table.
    provenance: str = ""
    # False when the catalog keeps the indicator off the dashboard (``show.dashboard``); stored with
    # the published table, because the dashboard reads publications only.
    dashboard: bool = True

    @property
    def has_suppression(self) -> bool:
        rows = list(self.rows) + ([self.total_row] if self.total_row else [])
        return any(c.suppressed for _, cells in rows for c in cells)


@dataclass
class Chart:
    key: str
    title: str
    svg: str
    alt_text: str
    table: Table
    kind: str = "bar"  # bar (categories) | years (a yearly series)
    # Said instead of the chart when it is left out (fewer than two values visible).
    note: str = ""


@dataclass
class Missing:
    """An indicator in the catalog for which no figure was delivered: say so plainly."""

    label: str
    partner: str


@dataclass
class Html:
    """Trusted, already sanitised HTML (the analyst's narrative after markdown and nh3)."""

    html: str


Block = Paragraph | Table | Chart | Missing | Html


def apply_guards(blocks: list, pattern: list[dict]) -> int:
    """Hide every guarded cell whose count cell disclosure control suppressed (or never saw).

    ``pattern`` is the protection outcome: one entry per protected count cell. A guard that is
    not in it is hidden too (fail closed): an estimate may only stand beside a count that was
    itself checked and published. Returns the number of cells hidden."""
    published = {
        (c["indicator"], tuple(sorted(c["dims"].items())), c["year"]): not c["suppressed"]
        for c in pattern
    }
    hidden = 0
    for block in blocks:
        table = block.table if isinstance(block, Chart) else block
        if not isinstance(table, Table):
            continue
        rows = list(table.rows) + ([table.total_row] if table.total_row else [])
        for _, cells in rows:
            for cell in cells:
                if cell.guard is not None and not published.get(cell.guard, False):
                    cell.suppressed, cell.value, cell.text = True, None, None
                    hidden += 1
    return hidden
