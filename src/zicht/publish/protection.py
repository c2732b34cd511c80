"""Disclosure control for a publication: every published count passes the disclosure engine.

Tables are grouped per (indicator, year): within such a group all tables are margins of one
microtable and are protected as one problem; different groups share at most their grand totals,
which are always published, so they cannot be combined to narrow a suppressed cell. A year that was
published before keeps its suppression pattern: it is forced into every later solve.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zicht.engines.disclosure import Policy, TableSpec, protect_publication
from zicht.publish.blocks import TableCell

REST_CODE = "__niet_uitgesplitst__"
MUNICIPALITY = "municipality"
FrozenKey = tuple[str, int, tuple[tuple[str, str], ...]]


@dataclass
class ProtectionOutcome:
    suppressed: int = 0
    pattern: list[dict] = field(default_factory=list)  # {"indicator","year","dims","suppressed"}


def table_cells(block) -> list[TableCell]:
    """Every cell of a table block, or of the data table behind a chart."""
    table = getattr(block, "table", None) or block
    rows = list(getattr(table, "rows", []) or [])
    if getattr(table, "total_row", None):
        rows.append(table.total_row)
    return [c for _, cells in rows for c in cells]


def pattern_entry(indicator: str, year: int, cell) -> dict:
    """One cell of the pattern to freeze; a published cell keeps its (public) value, so that a
    correction can tell whether it changed. A suppressed cell's value is never stored here."""
    entry = {"indicator": indicator, "year": year, "dims": dict(cell.key), "suppressed": cell.suppressed}
    if not cell.suppressed and cell.value is not None:
        entry["value"] = cell.value
    return entry


def frozen_lookup(patterns: list[list[dict]]) -> dict[FrozenKey, bool]:
    """Earlier publications' patterns keyed by (indicator, year, dims)."""
    out: dict[FrozenKey, bool] = {}
    for pattern in patterns:
        for cell in pattern:
            out[(cell["indicator"], cell["year"], tuple(sorted(cell["dims"].items())))] = cell["suppressed"]
    return out


def protect_blocks(blocks: list, ctx, frozen: dict[FrozenKey, bool] | None = None) -> ProtectionOutcome:
    """Mark suppressed cells in place (their value removed) and return the pattern to freeze."""
    groups: dict[tuple[str, int], list[TableCell]] = defaultdict(list)
    for block in blocks:
        for cell in table_cells(block):
            if cell.indicator is None or cell.value is None:
                continue
            indicator = ctx.catalog.indicator(cell.indicator)
            if not indicator.disclosure or indicator.unit == "percent":
                continue
            groups[(cell.indicator, cell.year or ctx.year)].append(cell)
    outcome = ProtectionOutcome()
    for (code, year), cells in sorted(groups.items()):
        _protect_group(ctx, ctx.catalog.indicator(code), year, cells, frozen or {}, outcome)
    return outcome


def _parts(ctx, indicator, year: int, dimension: str) -> list[tuple[str, int]]:
    if dimension == MUNICIPALITY:
        return sorted(ctx.store.by_municipality(indicator.code, year).items())
    rows = ctx.store.breakdown(indicator.code, year, dimension).rows
    return [(code, value) for code, _label, value in rows if value is not None]


def _microtable(ctx, indicator, year: int, dimension: str) -> list[dict]:
    """The finest delivered cells of one indicator and year, plus a remainder when the parts do
    not add up to the stated total (treated as known to the attacker: the cautious assumption)."""
    total = ctx.store.value(indicator.code, year)
    rows = [{dimension: code, "count": value} for code, value in _parts(ctx, indicator, year, dimension)]
    rest = (total or 0) - sum(r["count"] for r in rows)
    if rest > 0:
        rows.append({dimension: REST_CODE, "count": rest})
    return rows


def _protect_group(ctx, indicator, year, cells, frozen, outcome: ProtectionOutcome) -> None:
    dims = sorted({d for c in cells for d in c.dims})
    if len(dims) > 1:
        raise ValueError(f"{indicator.code}: tables over several dimensions need a cross-table")
    if not dims:
        return  # only grand totals: totals stay exact, by policy
    dimension = dims[0]
    policy = Policy()
    spec = TableSpec(dimensions=(dimension,), name=indicator.code, minors=indicator.minors,
                     threshold=indicator.threshold)
    forced = {
        tuple(k[2]): v for k, v in frozen.items() if k[0] == indicator.code and k[1] == year
    }
    result = protect_publication(
        _microtable(ctx, indicator, year, dimension), [spec], policy=policy,
        frozen={key: v for key, v in forced.items()} or None,
    )
    status = {}
    for cell in result.tables[0].cells:
        key = tuple(sorted(cell.key.items()))
        status[key] = cell.suppressed
        if REST_CODE not in dict(key).values():
            outcome.pattern.append(pattern_entry(indicator.code, year, cell))
    for cell in cells:
        if status.get(tuple(sorted(cell.dims.items())), False):
            cell.suppressed = True
            cell.value = None
            outcome.suppressed += 1
