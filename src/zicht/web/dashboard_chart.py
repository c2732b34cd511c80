"""A dashboard table drawn as horizontal bars (HTML and CSS, so it reflows and zooms on a phone),
honest about suppression.

A suppressed value is a marked gap: an outlined, hatched slot with "•" (explained in the legend under
the chart), never a missing or zero-length bar. A value nobody delivered is the words "niet geleverd";
a delivered 0 is a 0. Totals are not drawn (a total beside its parts flattens them); they stay in the
table. The bars are decoration for sighted readers: the table under them carries the same numbers for
everyone, so the bars are ``aria-hidden``."""

from __future__ import annotations

from dataclasses import dataclass

from zicht.web.dashboard import TOTAL_LABELS, DashboardTable

SUPPRESSED = "suppressed"
MISSING = "missing"
VALUE = "value"
MAX_PERCENT = 82.0  # the longest bar leaves room for its number beside it


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    state: str
    percent: float  # of the track; 0 for a gap or a missing value


def drawable_rows(table: DashboardTable):
    return [(label, cell) for label, cell in table.rows if label not in TOTAL_LABELS]


def bars(table: DashboardTable) -> list[Bar]:
    rows = drawable_rows(table)
    numbers = [float(c.value) for _, c in rows if c.value is not None and not c.suppressed and c.text is None]
    top = max(numbers, default=0.0) or 1.0
    out = []
    for label, cell in rows:
        if cell.suppressed:
            out.append(Bar(label, cell.shown, SUPPRESSED, 0.0))
        elif cell.value is None:
            out.append(Bar(label, cell.shown, MISSING, 0.0))
        else:
            out.append(Bar(label, cell.shown, VALUE, round(MAX_PERCENT * float(cell.value) / top, 1)))
    return out


def numeric_count(table: DashboardTable) -> int:
    """Drawable rows whose first value is a number (an estimate or a share is a text: "680", "43% van
    de 893"; drawn without its interval or base it would claim a precision it lacks)."""
    return sum(1 for _, c in drawable_rows(table) if c.value is not None and not c.suppressed and c.text is None)


def drawable(table: DashboardTable) -> bool:
    """A chart needs at least two visible numbers; otherwise the table alone says it better."""
    return numeric_count(table) >= 2


def no_chart_reason(table: DashboardTable) -> str:
    """Why a table is shown without a chart, in the words of the page ("" when it has one)."""
    if drawable(table):
        return ""
    texts = sum(1 for _, c in drawable_rows(table) if c.text is not None and not c.suppressed)
    return TEXT_VALUES if texts and texts + numeric_count(table) >= 2 else TOO_FEW


TOO_FEW = "too-few"
TEXT_VALUES = "texts"


def has_suppressed(table: DashboardTable) -> bool:
    return any(c.suppressed for _, c in table.rows)
