"""Witness tables from a few joint LPs instead of one LP per requirement.

A *witness* is a non-negative full table that reproduces every published number. If a
witness shows a suppressed small cell at the threshold, the attacker cannot rule that
value out: the requirement is met, no LP of its own needed. Both the solver and the
audit need many such proofs (two per small cell); this module finds them in bulk.

``capped_lp`` maximises the sum over requirements of ``min(sense * cell, target)``: a
requirement counts only up to its target, so the LP spreads its effort over all of them
instead of pushing one cell to the extreme (what a plain sum would do). Requirements
that compete (two small cells in one row with a published total) are met in turns, one
per pass.

``grouped_witness`` makes this scale. It splits the full table's columns into groups
(by the categories of the largest dimension, e.g. municipalities) and solves one small
LP per group while every column outside the group keeps its true value. Fixing columns
only narrows what the LP may do, so whatever a group LP reaches the real attacker can
reach too: a sufficient proof, never a weaker one. Each group LP keeps the published
rows it touches exactly at their totals, so the groups' solutions add up to one table
that still reproduces every published number; that is checked before it is returned.

Only numpy and scipy: no knowledge of the solver or the audit. The audit checks every
witness against its own model before it believes it (see ``audit.py``).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

FEASIBILITY_TOL = 1e-6
GROUP_COLUMNS = 900
"""About this many full-table columns per group LP (small LPs solve in milliseconds)."""


def capped_lp(
    matrix: sparse.csr_matrix,
    lower: np.ndarray,
    upper: np.ndarray,
    rows: np.ndarray,
    senses: np.ndarray,
    targets: np.ndarray,
) -> np.ndarray | None:
    """max sum_i min(senses_i * (A x)[rows_i], targets_i)  s.t.  lower <= A x <= upper,
    x >= 0. Returns x, or None when HiGHS finds no optimum."""
    n_rows, n = matrix.shape
    k = len(rows)
    if k == 0:
        return None
    equal = np.isfinite(lower) & (lower == upper)
    above = ~equal & np.isfinite(upper)
    below = ~equal & np.isfinite(lower)
    link = sparse.hstack(
        [-sparse.diags(senses.astype(np.float64)) @ matrix[rows], sparse.identity(k)],
        format="csr",
    )
    pad = sparse.csr_matrix((n_rows, k))
    widened = sparse.hstack([matrix, pad], format="csr")
    a_ub = sparse.vstack([widened[above], -widened[below], link], format="csr")
    b_ub = np.concatenate([upper[above], -lower[below], np.zeros(k)])
    a_eq = widened[equal] if equal.any() else None
    b_eq = lower[equal] if equal.any() else None
    objective = np.concatenate([np.zeros(n), -np.ones(k)])
    bounds = np.empty((n + k, 2))
    bounds[:n, 0], bounds[:n, 1] = 0.0, np.inf
    bounds[n:, 0], bounds[n:, 1] = -np.inf, targets
    result = linprog(
        objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
    )
    if result.status != 0 or result.x is None:
        return None
    return np.maximum(result.x[:n], 0.0)


def column_groups(codes: np.ndarray, weights: np.ndarray, n_codes: int) -> list[np.ndarray]:
    """Split columns into groups of whole categories of one dimension (``codes``: the
    category of each column). Categories are dealt in turn, largest total first, so
    every group mixes large and small ones: a small cell needs large neighbours to
    trade with."""
    per_code = np.bincount(codes, minlength=n_codes)
    width = max(1, int(per_code.max(initial=1)))
    size = max(2, GROUP_COLUMNS // width)
    n_groups = max(1, -(-n_codes // size))
    if n_groups == 1:
        return [np.arange(len(codes))]
    totals = np.bincount(codes, weights=weights, minlength=n_codes)
    order = np.argsort(-totals, kind="stable")
    group_of_code = np.empty(n_codes, dtype=np.int64)
    group_of_code[order] = np.arange(n_codes) % n_groups
    group_of_column = group_of_code[codes]
    return [np.flatnonzero(group_of_column == g) for g in range(n_groups)]


class GroupedWitness:
    """Group LPs over one fixed system ``lower <= A x <= upper`` around ``base`` (a
    feasible table, normally the true one)."""

    def __init__(self, matrix, lower, upper, base, groups: list[np.ndarray]) -> None:
        self.matrix = sparse.csr_matrix(matrix)
        self.columns = sparse.csc_matrix(matrix)
        self.lower = np.asarray(lower, dtype=np.float64)
        self.upper = np.asarray(upper, dtype=np.float64)
        self.base = np.asarray(base, dtype=np.float64)
        self.base_rows = self.matrix @ self.base
        self.groups = groups
        self.solves = 0
        self._parts = []
        for columns in groups:
            sub = self.columns[:, columns]
            touched = np.flatnonzero(np.diff(sub.tocsr().indptr) > 0)
            local = sparse.csr_matrix(sub)[touched]
            own = local @ self.base[columns]
            rest = self.base_rows[touched] - own
            self._parts.append((columns, touched, local, rest))

    def solve(
        self, rows: np.ndarray, senses: np.ndarray, targets: np.ndarray, parts: bool = False
    ) -> list[np.ndarray]:
        """Witness tables from one capped LP per group (requirements on ``rows``).

        Normally one table: the groups' solutions put together. If that breaks a row
        (an upper bound on a row that spans groups), each group's solution is returned
        as a table of its own. ``parts``: return those per-group tables too (they stay
        valid witnesses for longer when the rows' bounds change later, as each differs
        from ``base`` in one group only). Only tables that pass ``feasible`` are
        returned."""
        x = self.base.copy()
        alone: list[np.ndarray] = []
        position = np.full(self.matrix.shape[0], -1)
        for columns, touched, local, rest in self._parts:
            position[touched] = np.arange(len(touched))
            mine = position[rows] >= 0
            if mine.any():
                solution = capped_lp(
                    local,
                    self.lower[touched] - rest,
                    self.upper[touched] - rest,
                    position[rows[mine]],
                    senses[mine],
                    targets[mine],
                )
                self.solves += 1
                if solution is not None:
                    x[columns] = solution
                    single = self.base.copy()
                    single[columns] = solution
                    alone.append(single)
            position[touched] = -1
        if not alone:
            return []
        if len(alone) == 1:
            return [x] if self.feasible(x) else []
        pieces = [w for w in alone if self.feasible(w)]
        if self.feasible(x):
            return [x, *pieces] if parts else [x]
        return pieces

    def feasible(self, x: np.ndarray) -> bool:
        values = self.matrix @ x
        scale = FEASIBILITY_TOL * np.maximum(1.0, np.abs(values))
        return bool(
            np.all(x >= -FEASIBILITY_TOL)
            and np.all(values >= self.lower - scale)
            and np.all(values <= self.upper + scale)
        )
