"""Model selection: SparseMSE stepwise, main effects, and an AIC/BIC search.

Stepwise follows Chan, Silverman and Vincent (2021) and SparseMSE 2.0.1 ``stepwisefit``:
start from main effects; for every two-list term not yet in the model, compare the observed
number of cases on both lists with its Poisson expectation under the current fit (summed
over the fitted cells on both lists); take the smallest one-sided Poisson p-value
``min(P(X <= n), P(X >= n))``; add that term while p < 0.02, skipping a term whose model
would have no existing or no identifiable estimate. Ties go to the first pair in list order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy.special import pdtr, pdtrc

from .batched import criteria
from .loglinear import EXISTS, NOT_EXISTS, Design, Fit, Structure, poisson_fit

PTHRESH = 0.02
EXHAUSTIVE_MAX_PAIRS = 10  # all 2^10 = 1,024 models for up to five lists; greedy beyond


@dataclass
class Selection:
    model: tuple[int, ...]  # pair indices in order of addition
    design: Design | None
    fit: Fit | None
    error: int = EXISTS  # check code of the chosen model (non-zero: no estimate)
    dropped: dict[int, int] = field(default_factory=dict)  # pair -> check code
    criterion: float | None = None
    # log dark figures of the models within 2 of the best criterion (AIC/BIC only)
    near_ties: list[float] = field(default_factory=list)


def poisson_pvalues(nstar: np.ndarray, pstar: np.ndarray) -> np.ndarray:
    """One-sided Poisson p-value as SparseMSE: min(P(X <= n), P(X >= n))."""
    lower = pdtr(nstar, pstar)
    upper = np.where(nstar > 0, pdtrc(np.maximum(nstar - 1, 0), pstar), 1.0)
    return np.minimum(lower, upper)


def fit_model(
    structure: Structure, y: np.ndarray, model: tuple[int, ...], start: np.ndarray | None = None
) -> tuple[Design, Fit]:
    design = structure.design(y, model)
    fit = poisson_fit(design.x, y[design.keep], start, structure.n_dark)
    return design, fit


def select_main(structure: Structure, y: np.ndarray) -> Selection:
    error = structure.check(y, ())
    if error:
        return Selection((), None, None, error)
    design, fit = fit_model(structure, y, ())
    return Selection((), design, fit)


def select_stepwise(structure: Structure, y: np.ndarray, pthresh: float = PTHRESH) -> Selection:
    """SparseMSE stepwise selection (see module docstring)."""
    n_pairs = len(structure.pairs)
    nstar = structure.pair_matrix.T @ y
    model: tuple[int, ...] = ()
    error = structure.check(y, model)
    if error:
        return Selection(model, None, None, error)
    design, fit = fit_model(structure, y, model)
    included = np.zeros(n_pairs, dtype=bool)
    dropped: dict[int, int] = {}
    index = np.arange(n_pairs)
    for _cycle in range(n_pairs):
        pstar = structure.pair_matrix[design.keep].T @ fit.mu
        pvals = poisson_pvalues(nstar, pstar)
        pvals[included] = 1.0
        chosen = None
        for j in np.lexsort((index, pvals)):
            if pvals[j] >= pthresh:
                break
            code = structure.check(y, (*model, int(j)))
            if code:
                dropped.setdefault(int(j), code)
                continue
            chosen = int(j)
            break
        if chosen is None:
            break
        model = (*model, chosen)
        included[chosen] = True
        start = fit.beta if nstar[chosen] == 0 else np.append(fit.beta, 0.0)
        design, fit = fit_model(structure, y, model, start)
    return Selection(model, design, fit, EXISTS, dropped)


def information_criterion(fit: Fit, design: Design, n_observed: float, kind: str) -> float:
    """AIC or BIC; a minus-infinity term counts as a parameter (as SparseMSE's AIC)."""
    k = design.x.shape[1] + len(design.empty)
    penalty = 2.0 if kind == "aic" else float(np.log(max(n_observed, 2.0)))
    return -2.0 * fit.loglik + penalty * k


def select_by_criterion(
    structure: Structure, y: np.ndarray, kind: str = "bic", batched: bool = True
) -> Selection:
    """Best hierarchical model with two-list terms by AIC or BIC.

    Exhaustive over all subsets of two-list terms up to five lists; beyond that a greedy
    forward-backward search from main effects (exhaustive search would need 2^15+ fits).
    Models without an existing, identifiable estimate are skipped and reported. The
    exhaustive search fits all models at once (``batched``); ``batched=False`` fits them one
    by one (kept as the reference the batched search is tested against).
    """
    n_obs = float(y.sum())
    dropped: dict[int, int] = {}
    cache: dict[tuple[int, ...], tuple[float, Design, Fit] | None] = {}

    def score(model: tuple[int, ...]):
        key = tuple(sorted(model))
        if key in cache:
            return cache[key]
        code = structure.check(y, key)
        if code:
            if len(key) == 1:
                dropped.setdefault(key[0], code)
            cache[key] = None
            return None
        design, fit = fit_model(structure, y, key)
        cache[key] = (information_criterion(fit, design, n_obs, kind), design, fit)
        return cache[key]

    n_pairs = len(structure.pairs)
    if n_pairs <= EXHAUSTIVE_MAX_PAIRS and batched:
        return _exhaustive_batched(structure, y, kind)
    main = score(())
    if main is None:
        return Selection((), None, None, structure.check(y, ()))
    best_model, best = (), main
    if n_pairs <= EXHAUSTIVE_MAX_PAIRS:
        for size in range(1, n_pairs + 1):
            for model in combinations(range(n_pairs), size):
                result = score(model)
                if result is not None and result[0] < best[0] - 1e-9:
                    best_model, best = model, result
    else:
        improved = True
        while improved:
            improved = False
            moves = [(*best_model, j) for j in range(n_pairs) if j not in best_model]
            moves += [tuple(m for m in best_model if m != j) for j in best_model]
            for model in moves:
                result = score(model)
                if result is not None and result[0] < best[0] - 1e-9:
                    best_model, best, improved = model, result, True
    near = [float(v[2].beta[0]) for v in cache.values() if v is not None and v[0] <= best[0] + 2]
    return Selection(
        tuple(sorted(best_model)), best[1], best[2], EXISTS, dropped, best[0], near
    )


def _exhaustive_batched(structure: Structure, y: np.ndarray, kind: str) -> Selection:
    n_pairs = len(structure.pairs)
    models = [()] + [
        m for size in range(1, n_pairs + 1) for m in combinations(range(n_pairs), size)
    ]
    values, codes, log_dark = criteria(structure, y, models, kind)
    if codes[0] != EXISTS:
        return Selection((), None, None, int(codes[0]))
    dropped = {models[i][0]: int(codes[i]) for i in range(1, n_pairs + 1) if codes[i]}
    best_index = 0
    for i in range(1, len(models)):  # first model that beats the best so far, as the loop
        if values[i] < values[best_index] - 1e-9:
            best_index = i
    best = values[best_index]
    near = [float(v) for v in log_dark[values <= best + 2]]
    design, fit = fit_model(structure, y, models[best_index])
    return Selection(models[best_index], design, fit, EXISTS, dropped, float(best), near)


def select(structure: Structure, y: np.ndarray, method: str) -> Selection:
    if method == "stepwise":
        return select_stepwise(structure, y)
    if method == "main":
        return select_main(structure, y)
    if method in ("bic", "aic"):
        return select_by_criterion(structure, y, method)
    raise ValueError(f"unknown method {method!r}")


__all__ = [
    "NOT_EXISTS",
    "PTHRESH",
    "Selection",
    "fit_model",
    "poisson_pvalues",
    "select",
    "select_by_criterion",
    "select_main",
    "select_stepwise",
]
