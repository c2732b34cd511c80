"""Poisson log-linear models over the observable capture histories.

A ``Structure`` holds everything about a table that does not depend on the counts: the
2^t - 1 observable histories (times strata, minus structural zeros), the base design
(one "dark figure" column per stratum plus list main effects) and the two-list columns.
Counts vary (bootstrap, jackknife) while the structure and its caches are reused.

Two-list terms whose observed overlap is empty are "minus infinity" terms, as in
Chan, Silverman and Vincent (2021): their cells are dropped from the fit and the term is
left out, rather than letting an optimiser run a coefficient off to -inf.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

import numpy as np
from scipy.optimize import linprog
from scipy.special import gammaln

Pair = tuple[int, int]

EXISTS = 0
NOT_EXISTS = 1
NOT_IDENTIFIABLE = 2


@dataclass
class Structure:
    """Cells and design columns of a capture table (counts excluded)."""

    lists: tuple[str, ...]
    histories: np.ndarray  # (K, t) 0/1
    base: np.ndarray  # (K, q) design without two-list terms; first n_dark columns = dark figures
    n_dark: int
    dark_labels: tuple[str, ...]
    pairs: tuple[Pair, ...] = ()
    pair_matrix: np.ndarray = field(default=None)  # (K, n_pairs)
    _check_cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        t = self.histories.shape[1]
        self.pairs = tuple(combinations(range(t), 2))
        h = self.histories.astype(float)
        self.pair_matrix = np.column_stack([h[:, i] * h[:, j] for i, j in self.pairs]) if (
            self.pairs
        ) else np.zeros((h.shape[0], 0))

    @classmethod
    def pooled(cls, lists: tuple[str, ...]) -> Structure:
        """All 2^t - 1 observable histories, ordered by number of lists then bit pattern."""
        t = len(lists)
        codes = np.arange(1, 2**t)
        hist = ((codes[:, None] >> np.arange(t)[None, :]) & 1).astype(np.int8)
        order = np.lexsort((codes, hist.sum(axis=1)))
        hist = hist[order]
        base = np.column_stack([np.ones(len(hist)), hist.astype(float)])
        return cls(tuple(lists), hist, base, 1, ("totaal",))

    def cell_index(self, patterns: np.ndarray) -> np.ndarray:
        """Row of each 0/1 pattern in this structure's cells (pooled structures only)."""
        t = self.histories.shape[1]
        weights = 1 << np.arange(t)
        lookup = {int(c): k for k, c in enumerate(self.histories.astype(np.int64) @ weights)}
        return np.array([lookup[int(c)] for c in patterns.astype(np.int64) @ weights], dtype=int)

    def pair_name(self, pair: Pair) -> str:
        return f"{self.lists[pair[0]]}:{self.lists[pair[1]]}"

    # ------------------------------------------------------------------ designs
    def design(self, y: np.ndarray, model: tuple[int, ...]) -> Design:
        """Design for a model given as indices into ``pairs``; empty overlaps drop cells."""
        nstar = self.pair_matrix.T @ y if self.pairs else np.zeros(0)
        keep = np.ones(len(y), dtype=bool)
        terms, empty = [], []
        for j in model:
            if nstar[j] == 0:
                empty.append(j)
                keep &= self.pair_matrix[:, j] == 0
            else:
                terms.append(j)
        x = self.base[keep]
        if terms:
            x = np.column_stack([x, self.pair_matrix[keep][:, terms]])
        return Design(x=x, keep=keep, terms=tuple(terms), empty=tuple(empty))

    def check(self, y: np.ndarray, model: tuple[int, ...]) -> int:
        """Existence (linear programme) and identifiability (rank) of the MLE, as SparseMSE.

        Both depend only on which cells are positive, so results are cached on that pattern.
        """
        key = (np.flatnonzero(y > 0).tobytes(), tuple(sorted(model)))
        cached = self._check_cache.get(key)
        if cached is not None:
            return cached
        d = self.design(y, model)
        result = EXISTS
        if not mle_exists(d.x, y[d.keep]):
            result |= NOT_EXISTS
        if np.linalg.matrix_rank(d.x) < d.x.shape[1]:
            result |= NOT_IDENTIFIABLE
        self._check_cache[key] = result
        return result


@dataclass(frozen=True)
class Design:
    x: np.ndarray
    keep: np.ndarray
    terms: tuple[int, ...]  # non-empty two-list terms, in model order (columns after base)
    empty: tuple[int, ...]  # minus-infinity terms


def mle_exists(x: np.ndarray, y: np.ndarray) -> bool:
    """Does the Poisson MLE exist (all fitted values finite and positive)?

    Exact test as SparseMSE ``checkident`` (Fienberg and Rinaldo 2012): a linear programme
    asks whether a strictly positive table has the same sufficient statistics. Before that,
    a cheap sufficient condition (Haberman 1974): the likelihood can only run off along a
    direction d with x_i.d = 0 on every positive cell and x_i.d <= 0 elsewhere; when the
    rows of the positive cells already have full column rank no such d exists. This spares
    most linear programmes in the bootstrap without changing any answer.
    """
    positive = y > 0
    if positive.all() or np.linalg.matrix_rank(x[positive]) == x.shape[1]:
        return True
    n_cells, n_par = x.shape
    t = x.T @ y
    # variables: cell values (n_cells) and the common lower bound s; maximise s
    c = np.zeros(n_cells + 1)
    c[-1] = -1.0
    a_eq = np.column_stack([x.T, np.zeros(n_par)])
    a_ub = np.column_stack([-np.eye(n_cells), np.ones(n_cells)])
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.zeros(n_cells),
        A_eq=a_eq,
        b_eq=t,
        bounds=[(0, None)] * n_cells + [(0, max(float(y.sum()), 1.0))],
        method="highs",
    )
    if res.status != 0:
        return False
    # HiGHS solves to ~1e-9; a genuinely positive optimum of an integer table is far larger
    return -res.fun > 1e-6


@dataclass
class Fit:
    """A converged fit; the covariance, deviance and log-likelihood are computed on demand
    (the bootstrap needs only the intercept, so it does not pay for them)."""

    beta: np.ndarray
    mu: np.ndarray  # fitted values on kept cells
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    n_dark: int = 1
    converged: bool = True

    @cached_property
    def cov(self) -> np.ndarray:
        hess = (self.x * self.mu[:, None]).T @ self.x
        try:
            return np.linalg.inv(hess)
        except np.linalg.LinAlgError:
            return np.linalg.pinv(hess)

    @property
    def cov_dark(self) -> np.ndarray:
        """Covariance of the dark-figure (intercept) coefficients."""
        return self.cov[: self.n_dark, : self.n_dark]

    @cached_property
    def deviance(self) -> float:
        y, mu = self.y, self.mu
        with np.errstate(divide="ignore", invalid="ignore"):
            ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
        return float(2.0 * np.sum(ylogy - (y - mu)))

    @cached_property
    def loglik(self) -> float:
        eta = self.x @ self.beta
        return float(np.sum(self.y * eta - self.mu - gammaln(self.y + 1.0)))


def poisson_fit(
    x: np.ndarray, y: np.ndarray, beta: np.ndarray | None = None, n_dark: int = 1
) -> Fit:
    """Maximum-likelihood Poisson log-linear fit by Newton's method with step halving.

    Existence is checked beforehand (``Structure.check``), so the maximum is finite. Stops
    when the Newton decrement (twice the predicted gain in log-likelihood) is below 1e-11
    relative, after taking that last full step; R's glm stops at 1e-8 on the deviance.
    """
    if beta is None:
        mu0 = y + 0.5
        z = np.log(mu0) + (y - mu0) / mu0
        xw = x * mu0[:, None]
        beta = np.linalg.lstsq(xw.T @ x, xw.T @ z, rcond=None)[0]
    eta = x @ beta
    mu = np.exp(np.minimum(eta, 700))
    ll = _loglik_kernel(y, mu, eta)
    converged = False
    for _ in range(100):
        grad = x.T @ (y - mu)
        hess = (x * mu[:, None]).T @ x
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        if grad @ step <= 1e-11 * (abs(ll) + 1.0):
            beta = beta + step
            mu = np.exp(np.minimum(x @ beta, 700))
            converged = True
            break
        factor = 1.0
        for _half in range(30):
            new_beta = beta + factor * step
            new_eta = x @ new_beta
            new_mu = np.exp(np.minimum(new_eta, 700))
            new_ll = _loglik_kernel(y, new_mu, new_eta)
            if new_ll >= ll - 1e-12 * abs(ll):
                break
            factor *= 0.5
        beta, mu, ll = new_beta, new_mu, new_ll
    return Fit(beta, mu, x, y, n_dark, converged)


def _loglik_kernel(y: np.ndarray, mu: np.ndarray, eta: np.ndarray) -> float:
    return float(y @ eta - mu.sum())
