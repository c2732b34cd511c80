"""Plain-text rendering of protected tables (for the CLI and quick inspection)."""

from __future__ import annotations

from .marks import FOOTNOTE, display_value
from .result import ProtectedPublication, ProtectedTable

TOTAL = "Totaal"


def _grid(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render_table(table: ProtectedTable) -> list[str]:
    dims = list(table.dimensions)
    by_key = {tuple(sorted((d, v) for d, v in c.key.items() if d in dims)): c for c in table.cells}

    def show(**key: str) -> str:
        return display_value(by_key[tuple(sorted(key.items()))].value)

    def values_of(d: str) -> list[str]:
        return list(dict.fromkeys(c.key[d] for c in table.cells if d in c.key))

    if len(dims) == 0:
        return _grid([["", TOTAL], [TOTAL, show()]])
    if len(dims) == 1:
        (d,) = dims
        rows = [[d, "aantal"]] + [[v, show(**{d: v})] for v in values_of(d)]
        return _grid(rows + [[TOTAL, show()]])
    if len(dims) == 2:
        r, c = dims
        cols = values_of(c)
        rows = [[f"{r} \\ {c}", *cols, TOTAL]]
        for v in values_of(r):
            rows.append([v, *(show(**{r: v, c: w}) for w in cols), show(**{r: v})])
        rows.append([TOTAL, *(show(**{c: w}) for w in cols), show()])
        return _grid(rows)
    rows = [[*dims, "aantal"]]
    for cell in table.cells:
        rows.append([cell.key.get(d, TOTAL) for d in dims] + [display_value(cell.value)])
    return _grid(rows)


def render_text(publication: ProtectedPublication) -> str:
    lines: list[str] = []
    for number, table in enumerate(publication.tables, start=1):
        title = table.spec.name or " × ".join(table.dimensions) or "totaal"
        if table.spec.where:
            title += " (" + ", ".join(f"{d} = {v}" for d, v in table.spec.where.items()) + ")"
        lines.append(f"Tabel {number}: {title} (drempel {table.threshold})")
        lines.extend(render_table(table))
        lines.append("")
    lines.append(FOOTNOTE)
    lines.append(
        f"Onderdrukt: {publication.primary_suppressed} primair (klein aantal), "
        f"{publication.secondary_suppressed} secundair (om terugrekenen te voorkomen), "
        f"van {publication.cells_published} cellen; rekentijd {publication.solve_seconds:.1f} s."
    )
    return "\n".join(lines)
