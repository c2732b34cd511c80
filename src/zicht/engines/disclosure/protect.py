"""One joint disclosure-control run for a whole publication."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from . import subsets
from .microtable import _records, read_microtable
from .policy import Policy, TableSpec
from .result import Pattern, ProtectedPublication, ProtectedTable, PublishedCell
from .solver import solve
from .universe import CellKey, Universe, build_universe, cell_key


class AuditFailedError(RuntimeError):
    """The independent audit found a cell the solver left under-protected (a bug)."""


def _specs(tables: Iterable[TableSpec | Sequence[str] | str]) -> list[TableSpec]:
    out = []
    for t in tables:
        if isinstance(t, TableSpec):
            out.append(t)
        elif isinstance(t, str):
            out.append(TableSpec(tuple(d.strip() for d in t.split(",") if d.strip())))
        else:
            out.append(TableSpec(tuple(t)))
    return out


def _frozen(frozen: Mapping | None) -> Pattern:
    if not frozen:
        return {}
    out: Pattern = {}
    for key, suppressed in frozen.items():
        normal = cell_key(key) if isinstance(key, Mapping) else cell_key(dict(key))
        out[normal] = bool(suppressed)
    return out


def primary_cells(universe: Universe, policy: Policy) -> np.ndarray:
    values = universe.values
    unsafe = (values >= 1) & (values < universe.thresholds)
    if not policy.zero_is_safe:
        unsafe |= values == 0
    return unsafe


def protect_publication(
    data,
    tables: Iterable[TableSpec | Sequence[str] | str],
    policy: Policy | None = None,
    frozen: Mapping[CellKey, bool] | None = None,
    categories: Mapping[str, Sequence[str]] | None = None,
    audit: bool = True,
    subset_sums: Sequence[subsets.SubsetSum] = (),
) -> ProtectedPublication:
    """Protect every table of one publication together.

    ``data``: tidy counts (list of dicts or DataFrame: dimension columns and ``count``).
    ``tables``: what is published; each with all its margins down to the grand total.
    ``frozen``: an earlier publication's pattern (``ProtectedPublication.pattern()``,
    placed with ``extend_pattern`` if needed); its cells keep their status and, when they
    are not in this publication's tables, still count as known to the attacker.
    ``audit``: run the independent attacker audit and refuse to return a pattern it
    rejects.
    ``subset_sums``: sums of some categories of one dimension that are published too (see
    ``subsets``); each is one more table, named after the sum, whose ``{name: "1"}`` cell is the sum.
    """
    policy = policy or Policy()
    specs = _specs(tables)
    subset_sums = list(subset_sums)
    if subset_sums:
        records = _records(data)
        subsets.check({k for r in records for k in r}, subset_sums)
        data = subsets.expand(records, subset_sums)
        categories = {**(categories or {}), **subsets.categories(subset_sums)}
        specs += [s.spec for s in subset_sums]
    table = read_microtable(data, categories=categories)
    frozen_pattern = _frozen(frozen)
    if subset_sums:
        # the sums' definitions as public zeros, known to solver and audit alike
        frozen_pattern.update(subsets.known_zeros(table.categories, subset_sums))
    started = time.perf_counter()
    universe = build_universe(table, specs, policy, extra_keys=frozen_pattern.keys())
    primary = primary_cells(universe, policy)
    forced_hidden = np.zeros(universe.size, dtype=bool)
    forced_shown = np.zeros(universe.size, dtype=bool)
    for key, suppressed in frozen_pattern.items():
        i = universe.index[key]
        (forced_hidden if suppressed else forced_shown)[i] = True
    pattern, stats = solve(
        universe,
        primary,
        forced_hidden,
        forced_shown,
        value_weight=policy.value_weight,
        time_limit=policy.time_limit,
    )
    elapsed = time.perf_counter() - started
    publication = _publication(universe, policy, primary, pattern, elapsed, stats, frozen_pattern)
    if audit:
        from .audit import audit_publication

        report = audit_publication(table_rows(table), publication)
        if not report.ok:
            raise AuditFailedError(
                "De onafhankelijke controle keurt het onderdrukkingspatroon af: "
                + "; ".join(str(f) for f in report.findings[:5])
            )
    return publication


def table_rows(table) -> list[dict]:
    """The checked input back as tidy rows (what the audit reads)."""
    return [
        {**dict(zip(table.dimensions, key)), "count": count} for key, count in table.rows.items()
    ]


def _publication(universe, policy, primary, pattern, elapsed, stats, frozen) -> ProtectedPublication:
    def published(i: int, order: Sequence[str]) -> PublishedCell:
        key = dict(universe.keys[i])
        ordered = {d: key[d] for d in (*order, *sorted(key)) if d in key}
        hidden = bool(pattern[i])
        return PublishedCell(
            key=ordered,
            value=None if hidden else int(universe.values[i]),
            suppressed=hidden,
            primary=bool(primary[i]),
        )

    tables = []
    for spec, ids in zip(universe.tables, universe.table_cells):
        tables.append(
            ProtectedTable(
                spec=spec,
                threshold=policy.threshold_for(spec),
                cells=[published(i, spec.dimensions) for i in ids],
            )
        )
    background = [
        published(i, universe.dimensions) for i in np.flatnonzero(~universe.in_table)
    ]
    in_table = universe.in_table
    grand = universe.index.get((), None)
    return ProtectedPublication(
        tables=tables,
        policy=policy,
        primary_suppressed=int((pattern & primary & in_table).sum()),
        secondary_suppressed=int((pattern & ~primary & in_table).sum()),
        cells_published=int(in_table.sum()),
        persons_suppressed=int(universe.values[pattern & in_table].sum()),
        persons_total=int(universe.values[grand]) if grand is not None else 0,
        solve_seconds=elapsed,
        rounds=stats.rounds,
        cuts=stats.cuts,
        lp_solves=stats.lp_solves,
        background=background,
        frozen=dict(frozen),
    )


def publication_from_pattern(data, tables, pattern_of, policy: Policy | None = None):
    """Wrap a pattern made by another method (baseline heuristic, another tool) as a
    ``ProtectedPublication`` so the same audit can judge it. ``pattern_of(universe,
    primary)`` returns a bool array over the universe's cells."""
    from .solver import SolveStats

    policy = policy or Policy()
    universe = build_universe(read_microtable(data), _specs(tables), policy)
    primary = primary_cells(universe, policy)
    started = time.perf_counter()
    pattern = np.asarray(pattern_of(universe, primary), dtype=bool) | primary
    elapsed = time.perf_counter() - started
    return _publication(universe, policy, primary, pattern, elapsed, SolveStats(), {})
