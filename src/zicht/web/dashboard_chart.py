"""A horizontal bar chart as inline SVG, drawn from a dashboard table, honest about suppression.

A suppressed value is a marked gap: an outlined, hatched slot with "•" (explained in the legend), never
a missing or zero-length bar. A value nobody delivered is the words "niet geleverd". Totals are not
drawn (a total beside its parts flattens them); they stay in the table. The chart is decoration for
sighted readers: the table under it carries the same numbers for everyone, so the SVG is
``aria-hidden`` and the figure's caption names the table."""

from __future__ import annotations

from django.utils.html import escape

from zicht.web.dashboard import TOTAL_LABELS, DashboardTable

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 22
GAP = 10
VALUE_ROOM = 70


def drawable_rows(table: DashboardTable):
    return [(label, cell) for label, cell in table.rows if label not in TOTAL_LABELS]


def visible_count(table: DashboardTable) -> int:
    return sum(1 for _, c in drawable_rows(table) if c.value is not None and not c.suppressed)


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(table: DashboardTable) -> str:
    rows = drawable_rows(table)
    numbers = [float(c.value) for _, c in rows if c.value is not None and not c.suppressed]
    top = max(numbers) if numbers else 1.0
    top = top or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [f'<svg class="zicht-bars" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" '
             f'xmlns="http://www.w3.org/2000/svg">',
             '<defs><pattern id="zicht-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#545454" '
             'stroke-width="1.5"/></pattern></defs>']
    for i, (label, cell) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        mid = y + BAR_HEIGHT / 2 + 5
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{mid}" text-anchor="end" font-size="13" '
                     f'fill="#1a1a1a">{escape(_short(label))}</text>')
        if cell.suppressed:
            parts.append(f'<rect class="suppressed" x="{LABEL_WIDTH}" y="{y}" width="{span * 0.12:.1f}" '
                         f'height="{BAR_HEIGHT}" fill="url(#zicht-hatch)" stroke="#545454" stroke-dasharray="3 2"/>')
            parts.append(f'<text x="{LABEL_WIDTH + span * 0.12 + 6:.1f}" y="{mid}" font-size="15" '
                         f'font-weight="bold" fill="#1a1a1a">•</text>')
        elif cell.value is None:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{mid}" font-size="13" font-style="italic" '
                         f'fill="#545454">niet geleverd</text>')
        else:
            width = max(span * float(cell.value) / top, 0.0)
            parts.append(f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="#154273"/>')
            parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{mid}" font-size="13" '
                         f'fill="#1a1a1a">{escape(cell.shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)
