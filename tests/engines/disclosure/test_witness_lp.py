"""Witnesses in bulk (``witness_lp``): what the solver and the audit now rely on to stay
fast as publications grow, checked against exhaustive per-cell LPs."""

import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from zicht.engines.disclosure import Policy, audit_publication, protect_publication
from zicht.engines.disclosure.microtable import read_microtable
from zicht.engines.disclosure.protect import _specs, primary_cells, publication_from_pattern
from zicht.engines.disclosure.universe import build_universe
from zicht.engines.disclosure.witness_lp import (
    GROUP_COLUMNS,
    GroupedWitness,
    capped_lp,
    column_groups,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.disclosure_data import national_year  # noqa: E402


def _two_by_three():
    """x = [[4, 1, 6], [2, 8, 3]] with its row and column totals published."""
    truth = np.array([4, 1, 6, 2, 8, 3], dtype=float)
    rows = [[0, 1, 2], [3, 4, 5], [0, 3], [1, 4], [2, 5]]
    matrix = sparse.csr_matrix(
        (np.ones(sum(map(len, rows))), np.concatenate(rows), np.cumsum([0, *map(len, rows)])),
        shape=(len(rows), 6),
    )
    totals = matrix @ truth
    # Interior cells as rows of their own (the "cells" the requirements name).
    cells = sparse.vstack([matrix, sparse.identity(6, format="csr")], format="csr")
    lower = np.concatenate([totals, np.full(6, -np.inf)])
    upper = np.concatenate([totals, np.full(6, np.inf)])
    return truth, cells, lower, upper


def test_capped_lp_meets_several_requirements_in_one_table():
    truth, cells, lower, upper = _two_by_three()
    # Cell (0, 1) up to 5 and cell (1, 2) up to 5 at once: both fit in one table.
    rows = np.array([5 + 1, 5 + 5])
    x = capped_lp(cells, lower, upper, rows, np.array([1.0, 1.0]), np.array([5.0, 5.0]))
    assert x is not None and np.all(x >= 0)
    values = cells @ x
    assert np.allclose(values[:5], lower[:5])  # every published total kept
    assert values[6] >= 5 - 1e-6 and values[10] >= 5 - 1e-6


def test_capped_lp_counts_each_requirement_only_up_to_its_target():
    """Two cells in one column compete: raising one lowers the other. With the cap, the
    LP still meets the one it can (a plain sum could push one cell past its target and
    leave the other short for no gain)."""
    truth, cells, lower, upper = _two_by_three()
    rows = np.array([5 + 1, 5 + 4])  # (0, 1) and (1, 1): column total 9
    x = capped_lp(cells, lower, upper, rows, np.array([1.0, 1.0]), np.array([5.0, 5.0]))
    values = cells @ x
    assert values[6] >= 5 - 1e-6 or values[9] >= 5 - 1e-6
    assert values[6] + values[9] <= 9 + 1e-6


def _national(municipalities=30, persons=520):
    rows, tables = national_year(municipalities=municipalities, persons=persons)
    universe = build_universe(read_microtable(rows), _specs(tables), Policy())
    return rows, tables, universe


def test_column_groups_split_by_the_widest_dimension_and_cover_every_column():
    _, _, universe = _national(municipalities=60, persons=1000)
    shape = tuple(len(universe.categories[d]) for d in universe.dimensions)
    codes = np.unravel_index(np.arange(universe.matrix.shape[1]), shape)[0]
    groups = column_groups(codes, universe.full_counts.astype(float), shape[0])
    assert len(groups) > 1
    assert all(len(g) <= GROUP_COLUMNS for g in groups)
    every = np.sort(np.concatenate(groups))
    assert np.array_equal(every, np.arange(universe.matrix.shape[1]))
    for g in groups:  # whole municipalities only
        assert len(set(codes[g])) * 36 == len(g)


def test_group_witnesses_reproduce_every_published_number():
    """Fixing the other groups at their true values is a restriction, so what a group LP
    reaches, the real attacker can reach: the assembled table must be a real witness."""
    _, _, universe = _national(municipalities=60, persons=1000)
    primary = primary_cells(universe, Policy())
    values = universe.values.astype(float)
    lower = np.where(primary, -np.inf, values)
    upper = np.where(primary, np.inf, values)
    shape = tuple(len(universe.categories[d]) for d in universe.dimensions)
    codes = np.unravel_index(np.arange(universe.matrix.shape[1]), shape)[0]
    groups = column_groups(codes, universe.full_counts.astype(float), shape[0])
    finder = GroupedWitness(universe.matrix, lower, upper, universe.full_counts, groups)
    cells = np.flatnonzero(primary)
    tables = finder.solve(cells, np.ones(len(cells)), universe.thresholds[cells].astype(float))
    assert tables
    for x in tables:
        assert np.all(x >= -1e-9)
        shown = universe.matrix @ x
        assert np.allclose(shown[~primary], values[~primary])
        # It really moved small cells (else it would prove nothing); only primary cells
        # are hidden here, so many cannot reach the threshold at all.
        assert np.sum(shown[cells] >= universe.thresholds[cells] - 1e-6) > 20


def test_fast_audit_gives_the_same_verdict_as_one_lp_per_cell(monkeypatch):
    """Groups of about 200 full-table cells here (900 in production, which needs a larger
    table than a test should solve exhaustively). The bulk witnesses and the exhaustive
    audit (min and max LP for every hidden cell) must agree, on a pattern with only
    primary suppression (unsafe) and on the solver's pattern (safe)."""
    from zicht.engines.disclosure import attacker, audit, witness_lp

    for module in (witness_lp, attacker, audit):
        monkeypatch.setattr(module, "GROUP_COLUMNS", 200)
    sizes = []

    class Spy(witness_lp.GroupedWitness):
        def __init__(self, matrix, lower, upper, base, groups):
            sizes.append(len(groups))
            super().__init__(matrix, lower, upper, base, groups)

    monkeypatch.setattr(audit, "GroupedWitness", Spy)
    rows, tables, universe = _national(municipalities=20, persons=350)
    naive = publication_from_pattern(rows, tables, lambda u, p: p)
    fast = audit_publication(rows, naive)
    assert sizes and sizes[0] > 1  # the audit really worked in groups
    slow = audit_publication(rows, naive, full=True)
    assert not slow.ok
    assert {(f.kind, f.key) for f in fast.findings} == {(f.kind, f.key) for f in slow.findings}

    ours = protect_publication(rows, tables)  # audited inside (fast)
    assert audit_publication(rows, ours, full=True).ok


def test_reused_highs_model_gives_the_same_intervals_as_fresh_lps(monkeypatch):
    """Large publications re-use one HiGHS model for the audit's per-cell LPs (only the
    objective changes); its minima and maxima must equal those of fresh LPs."""
    from zicht.engines.disclosure import audit as audit_module

    rows, tables, _ = _national(municipalities=12, persons=300)
    publication = publication_from_pattern(rows, tables, lambda u, p: p)
    monkeypatch.setattr(audit_module, "WARM_FROM", 10**9)
    fresh = audit_publication(rows, publication, full=True)
    monkeypatch.setattr(audit_module, "WARM_FROM", 0)
    reused = audit_publication(rows, publication, full=True)
    assert fresh.intervals.keys() == reused.intervals.keys()
    for key, (low, high) in fresh.intervals.items():
        assert reused.intervals[key] == pytest.approx((low, high), abs=1e-6)
    assert {(f.kind, f.key) for f in fresh.findings} == {(f.kind, f.key) for f in reused.findings}
