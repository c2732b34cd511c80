"""Existence (linear programme) and identifiability (rank) checks, as SparseMSE checkident."""

from pathlib import Path

import numpy as np
import pytest

from zicht.engines.mse import CaptureData
from zicht.engines.mse.estimate import pooled_counts
from zicht.engines.mse.loglinear import (
    EXISTS,
    NOT_EXISTS,
    NOT_IDENTIFIABLE,
    Structure,
    mle_exists,
)

DATA_DIR = Path(__file__).parent / "data"


def artificial():
    return pooled_counts(CaptureData.from_csv(DATA_DIR / "Artificial_3.csv"))


def pair_index(structure, a, b):
    return structure.pairs.index((structure.lists.index(a), structure.lists.index(b)))


def test_artificial_3_full_two_list_model_is_not_identifiable():
    structure, y = artificial()
    code = structure.check(y, tuple(range(len(structure.pairs))))
    assert code & NOT_IDENTIFIABLE


def test_artificial_3_any_model_with_ab_has_no_estimate():
    structure, y = artificial()
    ab = pair_index(structure, "A", "B")
    assert structure.check(y, (ab,)) & NOT_EXISTS


def test_artificial_3_model_with_ac_and_bc_passes_both_tests():
    structure, y = artificial()
    model = (pair_index(structure, "A", "C"), pair_index(structure, "B", "C"))
    assert structure.check(y, model) == EXISTS
    design = structure.design(y, model)
    assert len(design.empty) == 2  # both overlaps are empty: minus infinity, cells dropped
    assert design.keep.sum() == len(y) - 3  # AC, BC and ABC dropped


def _lp_only(x, y):
    """The linear programme alone, bypassing the rank shortcut."""
    from scipy.optimize import linprog

    n, p = x.shape
    res = linprog(
        np.r_[np.zeros(n), -1.0],
        A_ub=np.c_[-np.eye(n), np.ones(n)],
        b_ub=np.zeros(n),
        A_eq=np.c_[x.T, np.zeros(p)],
        b_eq=x.T @ y,
        bounds=[(0, None)] * n + [(0, y.sum())],
        method="highs",
    )
    return -res.fun > 1e-6


def test_rank_shortcut_never_disagrees_with_the_linear_programme():
    rng = np.random.default_rng(3)
    structure = Structure.pooled(("A", "B", "C", "D"))
    checked = 0
    for _ in range(300):
        y = rng.poisson(rng.choice([0.3, 1.0, 4.0]), size=len(structure.histories)).astype(float)
        model = tuple(
            sorted(rng.choice(len(structure.pairs), size=rng.integers(0, 5), replace=False))
        )
        design = structure.design(y, model)
        if np.linalg.matrix_rank(design.x) < design.x.shape[1]:
            continue
        yk = y[design.keep]
        assert mle_exists(design.x, yk) == _lp_only(design.x, yk), (y, model)
        checked += 1
    assert checked > 100


def test_check_results_are_cached_on_the_positive_cells():
    structure, y = artificial()
    structure.check(y, ())
    y2 = y * 3  # same positive cells
    size = len(structure._check_cache)
    assert structure.check(y2, ()) == EXISTS
    assert len(structure._check_cache) == size


@pytest.mark.parametrize("lists", [("A", "B", "C"), ("A", "B", "C", "D", "E")])
def test_pooled_structure_has_all_observable_histories(lists):
    structure = Structure.pooled(lists)
    assert len(structure.histories) == 2 ** len(lists) - 1
    assert len({tuple(h) for h in structure.histories}) == len(structure.histories)
    assert structure.histories.sum(axis=1).min() == 1
