"""One attacker LP kept alive between solves, so HiGHS can warm start.

Thousands of attacker LPs differ only in their objective (which cell) and in the row
bounds of a few cells (which are suppressed). Re-solving from the previous basis is
many times faster than building each LP anew. This uses the HiGHS binding that ships
inside scipy (``scipy.optimize._highspy``, the same engine as ``linprog``); when that
private module is missing or changes, ``Attacker`` falls back to ``linprog``.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

try:  # pragma: no cover - depends on the scipy build
    from scipy.optimize._highspy import _core as _highs
except ImportError:  # pragma: no cover
    _highs = None


def available() -> bool:
    return _highs is not None and hasattr(_highs, "_Highs")



def warm_highs(lp):
    """A quiet single-thread HiGHS model for many solves that change (mostly) the objective: the
    last basis stays primal feasible, so primal simplex from it without presolve is ~9x faster."""
    highs = _highs._Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("presolve", "off")
    highs.setOptionValue("simplex_strategy", 4)
    highs.passModel(lp)
    return highs

class WarmLP:
    """min c.x  s.t.  row_lower <= A x <= row_upper,  x >= 0  (A: cells x full table)."""

    def __init__(self, matrix: sparse.spmatrix, row_lower: np.ndarray, row_upper: np.ndarray):
        csc = sparse.csc_matrix(matrix)
        n_rows, n_cols = csc.shape
        lp = _highs.HighsLp()
        lp.num_col_ = n_cols
        lp.num_row_ = n_rows
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.col_cost_ = np.zeros(n_cols)
        lp.col_lower_ = np.zeros(n_cols)
        lp.col_upper_ = np.full(n_cols, np.inf)
        lp.row_lower_ = np.asarray(row_lower, dtype=np.float64)
        lp.row_upper_ = np.asarray(row_upper, dtype=np.float64)
        lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
        lp.a_matrix_.index_ = csc.indices.astype(np.int32)
        lp.a_matrix_.value_ = csc.data.astype(np.float64)
        self.highs = warm_highs(lp)
        self.lower = np.array(row_lower, dtype=np.float64)
        self.upper = np.array(row_upper, dtype=np.float64)
        self.cost_support = np.zeros(0, dtype=np.int32)

    def set_rows(self, lower: np.ndarray, upper: np.ndarray) -> None:
        changed = np.flatnonzero((lower != self.lower) | (upper != self.upper))
        for i in changed:
            self.highs.changeRowBounds(int(i), float(lower[i]), float(upper[i]))
        self.lower[changed] = lower[changed]
        self.upper[changed] = upper[changed]

    def solve(self, support: np.ndarray, cost: np.ndarray):
        """Return (objective, x, row duals) or None when HiGHS does not reach optimality."""
        if len(self.cost_support):
            zeros = np.zeros(len(self.cost_support))
            self.highs.changeColsCost(len(self.cost_support), self.cost_support, zeros)
        support = np.asarray(support, dtype=np.int32)
        self.highs.changeColsCost(len(support), support, np.asarray(cost, dtype=np.float64))
        self.cost_support = support
        self.highs.run()
        if self.highs.getModelStatus() != _highs.HighsModelStatus.kOptimal:
            self.highs.clearSolver()
            return None
        solution = self.highs.getSolution()
        value = self.highs.getInfo().objective_function_value
        return value, np.asarray(solution.col_value), np.asarray(solution.row_dual)
