"""Disclosure control for a publication: every published count passes the disclosure engine.

What is protected together, and why that is enough:

- **Tables from one microdata, jointly.** The tables a linkage run makes from its capture
  histories (persons per partner, per number of partners) are one problem with the relation
  between them (see ``linked``): a person on k lists counts k times per partner.
- **A real cross-table, as one table.** When an indicator's cells over several dimensions are
  published (form x age group), the cross-table and all its margins are one problem.
- **Margins one by one.** When an indicator publishes separate one-dimensional margins (complaints
  by form, and by age group), each margin is protected on its own. That is safe because the only
  cell they share is the grand total, which stays published (it is forced shown unless it is
  itself unsafe, and then every non-zero cell is unsafe and hidden too; if an earlier version hid
  it, every non-zero cell of every margin is hidden, so that each is free between 0 and an unknown
  total whatever the other margins show): for any table the attacker
  finds consistent with one margin and any consistent with the other, both with the known total
  N, the table x(a, b) = x_A(a) x_B(b) / N (or its whole-number transport version) is consistent
  with both, so knowing both margins narrows no hidden cell beyond what each margin allows.
  Different indicators likewise share at most their grand totals.
- **A sum of some cells, with its table.** An indicator whose catalog entry says it is the sum of
  some categories of another indicator's breakdown (``sum_of``: ESSM's clients in sexual
  exploitation are four of the six sectors) joins that breakdown's problem as a subset sum
  (``engines.disclosure.subsets``): solver and audit know the relation, so neither the sum nor the
  table gives a hidden sector away. The margin argument above still holds: a sum is a function of
  the one dimension it counts. Where the relation cannot be stated over the published rows (the
  delivered sum is not the sum of its delivered parts; a recoding merges parts in and out of the
  sum; the parts are published as a cross-table without its dimension) the sum is hidden (fail
  closed, ADR 1135).

The part of a total without a known municipality is a protected cell of its own
(``UNKNOWN_MUNICIPALITY``), published as "gemeente onbekend" and frozen like every other cell.
A year that was published before keeps its suppression pattern: it is forced into every later solve.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zicht.engines.disclosure import Policy, TableSpec, protect_publication
from zicht.engines.disclosure.subsets import SubsetSum, expand
from zicht.publish import linked
from zicht.publish.blocks import TableCell
from zicht.publish.recoding import OTHER_CODE, recode_parts

REST_CODE = "__niet_uitgesplitst__"
"""The unpublished remainder of a non-municipal breakdown (known to the attacker, never shown)."""
UNKNOWN_MUNICIPALITY = "onbekend"
"""Key value of the part of a total without a known municipality: ``{"municipality": "onbekend"}``."""
MUNICIPALITY = "municipality"
FrozenKey = tuple[str, int, tuple[tuple[str, str], ...]]
DimsKey = tuple[tuple[str, str], ...]


@dataclass
class ProtectionOutcome:
    suppressed: int = 0
    pattern: list[dict] = field(default_factory=list)  # {"indicator","year","dims","suppressed"}
    _seen: set = field(default_factory=set, repr=False)

    def record(self, entry: dict) -> None:
        """One entry per cell, even when a grand total is part of several problems."""
        key = (entry["indicator"], entry["year"], _dims_key(entry["dims"]))
        if key not in self._seen:
            self._seen.add(key)
            self.pattern.append(entry)


def _dims_key(dims: dict) -> DimsKey:
    return tuple(sorted((str(k), str(v)) for k, v in dims.items()))


def table_cells(block) -> list[TableCell]:
    """Every cell of a table block, or of the data table behind a chart."""
    table = getattr(block, "table", None) or block
    rows = list(getattr(table, "rows", []) or [])
    if getattr(table, "total_row", None):
        rows.append(table.total_row)
    return [c for _, cells in rows for c in cells]


def pattern_entry(indicator: str, year: int, cell, dims: dict | None = None) -> dict:
    """One cell of the pattern to freeze; a published cell keeps its (public) value, so that a
    correction can tell whether it changed. A suppressed cell's value is never stored here.
    ``dims``: the cell's published identity when it differs from the engine's key (linked tables)."""
    entry = {"indicator": indicator, "year": year, "dims": dict(cell.key if dims is None else dims),
             "suppressed": cell.suppressed}
    if not cell.suppressed and cell.value is not None:
        entry["value"] = cell.value
    return entry


def frozen_lookup(patterns: list[list[dict]]) -> dict[FrozenKey, bool]:
    """Earlier publications' patterns keyed by (indicator, year, dims)."""
    out: dict[FrozenKey, bool] = {}
    for pattern in patterns:
        for cell in pattern:
            out[(cell["indicator"], cell["year"], _dims_key(cell["dims"]))] = cell["suppressed"]
    return out


def _is_protected(ctx, code: str) -> bool:
    if code == linked.PER_PARTNER:
        return True
    indicator = ctx.catalog.indicator(code)
    return bool(indicator.disclosure) and indicator.unit != "percent"


def protect_blocks(blocks: list, ctx, frozen: dict[FrozenKey, bool] | None = None) -> ProtectionOutcome:
    """Mark suppressed cells in place (their value removed) and return the pattern to freeze."""
    groups: dict[tuple[str, int], list[TableCell]] = defaultdict(list)
    for block in blocks:
        for cell in table_cells(block):
            if cell.indicator is None or cell.value is None or not _is_protected(ctx, cell.indicator):
                continue
            groups[(cell.indicator, cell.year or ctx.year)].append(cell)
    frozen = frozen or {}
    outcome = ProtectionOutcome()
    for year in sorted({y for code, y in groups if code in linked.LINKED_INDICATORS}):
        cells = groups.pop((linked.PER_PARTNER, year), []) + groups.pop((linked.PARTNER_COUNT, year), [])
        if not any(c.dims for c in cells):
            continue  # only grand totals: totals stay exact, by policy
        run = _linkage_run(year)
        if run is None:
            if any(c.indicator == linked.PER_PARTNER for c in cells):
                raise ValueError(f"{year}: cijfers per partner zonder koppelingsrun om ze te beveiligen.")
            groups[(linked.PARTNER_COUNT, year)] = cells  # delivered as ordinary figures: one margin
            continue
        _protect_capture(ctx, run, year, cells, frozen, outcome)
    sums: dict[tuple[str, int], dict[str, list[TableCell]]] = defaultdict(dict)
    for code, year in list(groups):
        indicator = ctx.catalog.indicators.get(code)
        if indicator is not None and indicator.sum_of is not None:
            sums[(indicator.sum_of.indicator, year)][code] = groups.pop((code, year))
    for (code, year, dims), suppressed in frozen.items():
        # a sum published earlier is known to the attacker even where this build does not show it
        indicator = ctx.catalog.indicators.get(code)
        if not suppressed and not dims and indicator is not None and indicator.sum_of is not None \
                and (indicator.sum_of.indicator, year) in groups:
            sums[(indicator.sum_of.indicator, year)].setdefault(code, [])
    for code, year in sorted(set(groups) | set(sums)):
        _protect_group(ctx, ctx.catalog.indicator(code), year, groups.get((code, year), []), frozen, outcome,
                       sums.get((code, year), {}))
    return outcome


def _linkage_run(year: int):
    from zicht.records.services import latest_run

    return latest_run(year)


def _frozen_for(frozen: dict[FrozenKey, bool], codes, year: int) -> dict[DimsKey, bool]:
    return {k[2]: v for k, v in frozen.items() if k[0] in codes and k[1] == year}


def _mark(cells: list[TableCell], identity, status: dict, values: dict, outcome: ProtectionOutcome, where: str):
    """Apply the solved status to the published cells, refusing figures the solve did not see."""
    for cell in cells:
        key = identity(cell)
        if key not in status:
            raise ValueError(f"{where}: cel {dict(key) or 'totaal'} ontbreekt in de beveiligde tabellen.")
        if cell.suppressed:  # a grand total shared by margins, hidden by the one before
            if not status[key]:
                raise ValueError(f"{where}: cel {dict(key) or 'totaal'} is in de ene marge verborgen, in de andere niet.")
            continue
        if values[key] != cell.value:
            raise ValueError(
                f"{where}: cel {dict(key) or 'totaal'} is {cell.value} in het rapport maar "
                f"{values[key]} in de gegevens die beveiligd zijn."
            )
        if status[key]:
            cell.suppressed = True
            cell.value = None
            outcome.suppressed += 1


def _margin(rows: list[dict], key: dict) -> int:
    return sum(r["count"] for r in rows if all(r.get(d) == v for d, v in key.items()))


# --- tables of one linkage run -----------------------------------------------------------------

def _protect_capture(ctx, run, year: int, cells: list[TableCell], frozen, outcome: ProtectionOutcome) -> None:
    lists, histories = list(run.result["lists"]), run.result["histories"]
    indicator = ctx.catalog.indicator(linked.PARTNER_COUNT)
    forced = {}
    for code in linked.LINKED_INDICATORS:
        for dims, suppressed in _frozen_for(frozen, {code}, year).items():
            key = linked.engine_key(code, dict(dims))
            if key is not None:
                forced[_dims_key(key)] = suppressed
    result = linked.protect_capture(lists, histories, threshold=indicator.threshold, minors=indicator.minors,
                                    frozen=forced)
    rows = linked.capture_rows(lists, histories)
    status, values = {}, {}
    for table in result.tables:
        for cell in table.cells:
            code, dims = linked.published_identity(cell.key)
            status[(code, _dims_key(dims))] = cell.suppressed
            values[(code, _dims_key(dims))] = _margin(rows, cell.key)
            outcome.record(pattern_entry(code, year, cell, dims))
    _mark(cells, lambda c: (c.indicator, _dims_key(c.dims)), status, values, outcome,
          f"koppelingsrun {run.pk} ({year})")


# --- one indicator: margins one by one, or a cross-table as one -----------------------------------

def _protect_group(ctx, indicator, year, cells, frozen, outcome: ProtectionOutcome,
                   sums: dict[str, list[TableCell]] | None = None) -> None:
    """``sums``: cells of indicators that are sums of this one's cells (by sum indicator code)."""
    sums = sums or {}
    shapes = {tuple(sorted(c.dims)) for c in cells if c.dims}
    widest = max(shapes, key=len, default=())
    if len(widest) > 1:
        # a real cross-table: its cells and every margin of it are one table
        dims = tuple(sorted({d for shape in shapes for d in shape}))
        rows = _cross_microtable(ctx, indicator, year, dims)
        subset = _subset_sums(ctx, indicator, year, dims, rows, sums, frozen, outcome)
        solved = _solve(indicator, year, dims, rows, cells, frozen, sums=subset)
        _apply(indicator, year, solved, cells, outcome, subset)
        return
    dimensions = {d for (d,) in shapes} | {ctx.catalog.indicator(code).sum_of.dimension for code in sums}
    if not dimensions:
        return  # only grand totals: totals stay exact, by policy
    margins = []
    for dimension in sorted(dimensions):
        rows = _microtable(ctx, indicator, year, dimension)
        mine = [c for c in cells if not c.dims or tuple(c.dims) == (dimension,)]
        subset = _subset_sums(ctx, indicator, year, (dimension,), rows, sums, frozen, outcome)
        margins.append(((dimension,), rows, mine, subset, (dimension,) in shapes))
    solved = [_solve(indicator, year, dims, rows, mine, frozen, sums=subset, parts=parts)
              for dims, rows, mine, subset, parts in margins]
    if len(margins) > 1 and any(status[()] for status, _, _ in solved):
        # The total is hidden (an earlier version hid it): the margins are no longer linked only
        # by a public number. Hiding every non-zero cell of every margin leaves each hidden cell
        # free between 0 and an unknown total, whatever the other margins say.
        solved = [_solve(indicator, year, dims, rows, mine, frozen, hide_all=True, sums=subset, parts=parts)
                  for dims, rows, mine, subset, parts in margins]
    for result, (_, _, mine, subset, _) in zip(solved, margins, strict=True):
        _apply(indicator, year, result, mine, outcome, subset)


# --- sums of some cells of a breakdown (catalog ``sum_of``) ---------------------------------------

@dataclass
class _Sum:
    """A sum indicator's cells in this build and the engine's subset sum that stands for them."""

    code: str
    cells: list[TableCell]  # none when only an earlier publication showed it
    subset: SubsetSum
    value: int
    forced: bool | None  # the status an earlier publication gave it


def _sum_dimension(code: str) -> str:
    return f"som:{code}"


def _members(ctx, indicator, year: int, dimension: str, codes: tuple[str, ...]) -> set[str] | None:
    """The sum's categories as the published rows name them (a recoding merges some into one row);
    None when a merged row holds categories both in and out of the sum."""
    members = set(codes)
    for recoding in getattr(ctx, "recodings", ()):
        if (recoding.indicator, recoding.dimension, recoding.year) != (indicator.code, dimension, year):
            continue
        merged = set(recoding.codes)
        if merged <= members:
            members = (members - merged) | {OTHER_CODE}
        elif merged & members:
            return None
    return members


def _subset_sums(ctx, indicator, year: int, dims: tuple[str, ...], rows: list[dict],
                 sums: dict[str, list[TableCell]], frozen, outcome: ProtectionOutcome) -> list[_Sum]:
    """The sums over one of ``dims`` that can join this problem; every other one is hidden."""
    out = []
    for code, cells in sorted(sums.items()):
        spec = ctx.catalog.indicator(code)
        if spec.sum_of.dimension not in dims:
            if len(dims) == 1:
                continue  # another margin's sum
            _hide_sum(code, year, cells, outcome)
            continue
        members = _members(ctx, indicator, year, spec.sum_of.dimension, spec.sum_of.codes)
        total = None if members is None else sum(r["count"] for r in rows if r[spec.sum_of.dimension] in members)
        if total is None or any(c.value != total for c in cells):
            _hide_sum(code, year, cells, outcome)  # the relation to the published rows is not known
            continue
        thresholds = [t for t in (spec.threshold, indicator.threshold) if t is not None]
        subset = SubsetSum(_sum_dimension(code), spec.sum_of.dimension, frozenset(members),
                           threshold=max(thresholds, default=None), minors=spec.minors or indicator.minors)
        earlier = _frozen_for(frozen, {code}, year).get(())
        out.append(_Sum(code, cells, subset, total, earlier))
    return out


def _hide_sum(code: str, year: int, cells: list[TableCell], outcome: ProtectionOutcome) -> None:
    if not cells:
        return  # not in this build
    for cell in cells:
        if not cell.suppressed:
            cell.suppressed, cell.value = True, None
            outcome.suppressed += 1
    outcome.record({"indicator": code, "year": year, "dims": {}, "suppressed": True})


def _parts(ctx, indicator, year: int, dimension: str) -> list[tuple[str, int]]:
    if dimension == MUNICIPALITY:
        return sorted(ctx.store.by_municipality(indicator.code, year).items())
    rows = ctx.store.breakdown(indicator.code, year, dimension).rows
    parts = [(code, value) for code, _label, value in rows if value is not None]
    for recoding in getattr(ctx, "recodings", ()):
        if (recoding.indicator, recoding.dimension, recoding.year) == (indicator.code, dimension, year):
            return recode_parts(parts, recoding)  # the analyst chose to merge small categories
    return parts


def _microtable(ctx, indicator, year: int, dimension: str) -> list[dict]:
    """The finest delivered cells of one indicator and year, plus the remainder when the parts do
    not add up to the stated total: for municipalities the published, protected "gemeente
    onbekend"; otherwise an unpublished cell treated as known to the attacker (cautious)."""
    total = ctx.store.value(indicator.code, year)
    rows = [{dimension: code, "count": value} for code, value in _parts(ctx, indicator, year, dimension)]
    parts = sum(r["count"] for r in rows)
    if total is not None and parts > total:
        raise ValueError(
            f"{indicator.code} {year}: de delen per {dimension} tellen op tot {parts}, meer dan het "
            f"totaal {total}."
        )
    rest = 0 if total is None else total - parts
    if dimension == MUNICIPALITY:
        rows.append({dimension: UNKNOWN_MUNICIPALITY, "count": rest})
    elif rest > 0:
        rows.append({dimension: REST_CODE, "count": rest})
    return rows


def _cross_microtable(ctx, indicator, year: int, dims: tuple[str, ...]) -> list[dict]:
    """The delivered cells over all of ``dims`` (the interior of the cross-table)."""
    rows = []
    for (dims_key, municipality), value in ctx.store.cells(indicator.code, year).items():
        if municipality is not None or not dims_key:
            continue
        key = dict(part.split("=", 1) for part in dims_key.split(";"))
        if tuple(sorted(key)) == dims:
            rows.append({**key, "count": value})
    if not rows:
        raise ValueError(
            f"{indicator.code} {year}: een kruistabel over {', '.join(dims)} wordt gepubliceerd, "
            "maar de cellen ervan zijn niet geleverd."
        )
    total = ctx.store.value(indicator.code, year)
    rest = 0 if total is None else total - sum(r["count"] for r in rows)
    if rest < 0:
        raise ValueError(f"{indicator.code} {year}: de cellen van de kruistabel tellen op tot meer dan het totaal.")
    if rest:
        rows.append({**dict.fromkeys(dims, REST_CODE), "count": rest})
    return rows


def _solve(indicator, year, dims, rows, cells, frozen, *, hide_all: bool = False, sums: list[_Sum] = (),
           parts: bool = True):
    """One table (a margin, or a cross-table with its margins), with the sums of its cells that are
    published: (status, values, engine cells). ``parts``: the table itself is published (else only
    its sums are)."""
    policy = Policy()
    spec = TableSpec(dimensions=dims, name=indicator.code, minors=indicator.minors, threshold=indicator.threshold)
    forced = {k: v for k, v in _frozen_for(frozen, {indicator.code}, year).items() if {d for d, _ in k} <= set(dims)}
    # every value delivered, frozen earlier or shown (a published 0 is a cell the attacker sees)
    categories = {d: list(dict.fromkeys([str(r[d]) for r in rows] + [v for k in forced for e, v in k if e == d]
                                        + [str(c.dims[d]) for c in cells if d in c.dims]))
                  for d in dims}
    total = sum(r["count"] for r in rows)
    if hide_all:
        forced[()] = True
        for r in rows:
            if r["count"]:
                forced.setdefault(_dims_key({dims[0]: r[dims[0]]}), True)
    elif () not in forced and not policy.is_unsafe(total, policy.threshold_for(spec)):
        forced[()] = False  # the grand total stays published (see the module docstring)
    subsets = [s.subset for s in sums]
    for s in sums:
        if s.forced is not None:
            forced[_dims_key(s.subset.key)] = s.forced
        elif hide_all and s.value:
            forced[_dims_key(s.subset.key)] = True
    result = protect_publication(rows, [spec] if parts else [], policy=policy, frozen=forced, categories=categories,
                                 subset_sums=subsets)
    expanded = expand(rows, subsets)
    status, values = {}, {}
    engine_cells = [cell for table in result.tables for cell in table.cells]
    for cell in engine_cells:
        key = _dims_key(cell.key)
        status[key] = cell.suppressed
        values[key] = _margin(expanded, cell.key)
    return status, values, engine_cells


def _apply(indicator, year, solved, cells, outcome: ProtectionOutcome, sums: list[_Sum] = ()) -> None:
    status, values, engine_cells = solved
    by_key = {_dims_key(s.subset.key): s for s in sums}
    derived = {s.subset.name for s in sums}
    for cell in engine_cells:
        key = _dims_key(cell.key)
        if key in by_key:
            if by_key[key].cells:  # (a sum only an earlier publication showed is not shown again)
                outcome.record(pattern_entry(by_key[key].code, year, cell, {}))
        elif REST_CODE not in cell.key.values() and not derived & set(cell.key):
            outcome.record(pattern_entry(indicator.code, year, cell))
    _mark(cells, lambda c: _dims_key(c.dims), status, values, outcome, f"{indicator.code} {year}")
    for s in sums:
        _mark(s.cells, lambda c, s=s: _dims_key(s.subset.key), status, values, outcome, f"{s.code} {year}")
