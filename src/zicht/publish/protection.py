"""Disclosure control for a report: every published count passes the disclosure engine.

Tables are grouped per (indicator, year): within such a group all tables are margins of one
microtable and are protected as one problem; different groups share at most their grand totals,
which are always published, so they cannot be combined to narrow a suppressed cell.
"""

from __future__ import annotations

from collections import defaultdict

from zicht.engines.disclosure import Policy, TableSpec, protect_publication
from zicht.publish.blocks import TableCell

REST_CODE = "__niet_uitgesplitst__"


def _table_cells(block) -> list[TableCell]:
    table = getattr(block, "table", None) or block
    rows = list(getattr(table, "rows", []) or [])
    if getattr(table, "total_row", None):
        rows.append(table.total_row)
    return [c for _, cells in rows for c in cells]


def protect_blocks(blocks: list, ctx) -> int:
    """Mark suppressed cells in place; returns how many cells were suppressed."""
    groups: dict[tuple[str, int], list[TableCell]] = defaultdict(list)
    for block in blocks:
        for cell in _table_cells(block):
            if cell.indicator is None or cell.value is None:
                continue
            indicator = ctx.catalog.indicator(cell.indicator)
            if not indicator.disclosure or indicator.unit == "percent":
                continue
            groups[(cell.indicator, cell.year or ctx.year)].append(cell)
    suppressed = 0
    for (code, year), cells in groups.items():
        suppressed += _protect_group(ctx, ctx.catalog.indicator(code), year, cells)
    return suppressed


def _microtable(ctx, indicator, year: int, dimension: str) -> list[dict]:
    """The finest delivered cells of one indicator and year, plus a remainder when the parts do
    not add up to the stated total (treated as known to the attacker: the cautious assumption)."""
    total = ctx.store.value(indicator.code, year)
    rows = []
    for code, _label, value in ctx.store.breakdown(indicator.code, year, dimension).rows:
        if value is not None:
            rows.append({dimension: code, "count": value})
    rest = (total or 0) - sum(r["count"] for r in rows)
    if rest > 0:
        rows.append({dimension: REST_CODE, "count": rest})
    return rows


def _protect_group(ctx, indicator, year: int, cells: list[TableCell]) -> int:
    dims = sorted({d for c in cells for d in c.dims})
    if len(dims) > 1:
        raise ValueError(f"{indicator.code}: tables over several dimensions need a cross-table")
    if not dims:
        return 0  # only grand totals: totals stay exact, by policy
    dimension = dims[0]
    policy = Policy()
    threshold = policy.minors_threshold if indicator.minors else policy.threshold
    spec = TableSpec(dimensions=(dimension,), threshold=threshold, name=indicator.code)
    result = protect_publication(_microtable(ctx, indicator, year, dimension), [spec], policy=policy)
    suppressed_keys = {
        tuple(sorted(cell.key.items())) for cell in result.tables[0].cells if cell.suppressed
    }
    count = 0
    for cell in cells:
        if tuple(sorted(cell.dims.items())) in suppressed_keys:
            cell.suppressed = True
            cell.value = None
            count += 1
    return count
