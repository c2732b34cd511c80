"""Fit every model of an exhaustive AIC/BIC search at once.

All candidate models of a table share one full design (base columns plus every two-list
column); a model is a column mask plus a cell mask (cells of its minus-infinity terms
dropped). Newton's method then runs on the whole stack of models with batched linear
algebra, so the 1,024 models of a five-list table cost about as much as a handful of
separate fits. Used for the point estimate and for every bootstrap resample.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from .loglinear import EXISTS, NOT_EXISTS, NOT_IDENTIFIABLE, Structure, mle_exists


def model_masks(structure: Structure, y: np.ndarray, models: list[tuple[int, ...]]):
    """Column masks (models x columns), cell masks (models x cells), minus-infinity counts."""
    n_base = structure.base.shape[1]
    n_pairs = len(structure.pairs)
    nstar = structure.pair_matrix.T @ y
    empty = nstar == 0
    chosen = np.zeros((len(models), n_pairs), dtype=bool)
    for m, model in enumerate(models):
        chosen[m, list(model)] = True
    columns = np.concatenate([np.ones((len(models), n_base), dtype=bool), chosen & ~empty], 1)
    dropped_cells = (chosen & empty).astype(float) @ structure.pair_matrix.T > 0
    return columns, ~dropped_cells, (chosen & empty).sum(axis=1)


def check_models(structure: Structure, y, full_x, columns, cells) -> np.ndarray:
    """Existence and identifiability codes per model, as ``Structure.check``: batched ranks
    first (from the eigenvalues of the Gram matrices; a 0/1 design is either clearly full
    rank or exactly deficient); the linear programme only where the positive cells are rank
    deficient. Codes depend only on the positive cells, so they are cached on those."""
    key = ("batched", np.flatnonzero(y > 0).tobytes(), columns.shape[0])
    cached = structure._check_cache.get(key)
    if cached is not None:
        return cached
    n_cols = columns.sum(axis=1)
    codes = np.where(_ranks(full_x, cells, columns) < n_cols, NOT_IDENTIFIABLE, EXISTS)
    positive = cells & (y > 0)[None, :]
    for m in np.flatnonzero(_ranks(full_x, positive, columns) < n_cols):
        x = full_x[cells[m]][:, columns[m]]
        if not mle_exists(x, y[cells[m]]):
            codes[m] |= NOT_EXISTS
    structure._check_cache[key] = codes
    return codes


def _ranks(full_x, cells, columns) -> np.ndarray:
    gram = _gram(full_x, cells.astype(float))
    gram = gram * columns[:, :, None] * columns[:, None, :]
    eig = np.linalg.eigvalsh(gram)
    return np.sum(eig > 1e-9 * np.maximum(eig[:, -1:], 1.0), axis=1)


def _gram(full_x, weights) -> np.ndarray:
    """X' diag(w_m) X for every model m, as one batched matrix product."""
    return np.matmul(full_x.T[None, :, :] * weights[:, None, :], full_x)


def fit_models(full_x, y, columns, cells, max_iter: int = 100):
    """Batched Poisson MLE. Returns beta (models x columns; 0 where masked) and loglik."""
    n_models, n_col = columns.shape
    w = cells.astype(float)
    colmask = columns.astype(float)
    eye = np.eye(n_col)[None, :, :]
    fixed = (1.0 - colmask)[:, :, None] * eye  # masked columns: identity rows, zero step

    def hessian(mu):
        return _gram(full_x, mu) * colmask[:, :, None] * colmask[:, None, :] + fixed

    # start: one weighted least-squares step from log(y + 0.5), as poisson_fit
    mu0 = (y + 0.5)[None, :] * w
    z = np.log(y + 0.5)[None, :] + (y[None, :] - mu0) / (y + 0.5)[None, :]
    rhs = np.einsum("ki,mk->mi", full_x, mu0 * z) * colmask
    beta = np.linalg.solve(hessian(mu0), rhs[:, :, None])[:, :, 0]

    def state(b, rows=slice(None)):
        eta = b @ full_x.T
        mu = np.exp(np.minimum(eta, 700)) * w[rows]
        ll = np.sum(w[rows] * (y[None, :] * eta) - mu, axis=1)
        return mu, ll

    mu, ll = state(beta)
    active = np.ones(n_models, dtype=bool)
    for _ in range(max_iter):
        grad = ((y[None, :] * w - mu) @ full_x) * colmask
        step = np.linalg.solve(hessian(mu), grad[:, :, None])[:, :, 0]
        decrement = np.sum(grad * step, axis=1)
        done = decrement <= 1e-11 * (np.abs(ll) + 1.0)
        factor = np.ones(n_models)
        new_beta = beta + step
        new_mu, new_ll = state(new_beta)
        for _half in range(30):
            worse = (new_ll < ll - 1e-12 * np.abs(ll)) & ~done & active
            if not worse.any():
                break
            factor[worse] *= 0.5
            new_beta[worse] = beta[worse] + factor[worse, None] * step[worse]
            new_mu[worse], new_ll[worse] = state(new_beta[worse], worse)
        beta = np.where(active[:, None], new_beta, beta)
        mu = np.where(active[:, None], new_mu, mu)
        ll = np.where(active, new_ll, ll)
        active &= ~done
        if not active.any():
            break
    eta = beta @ full_x.T
    loglik = np.sum(w * (y[None, :] * eta - mu - gammaln(y + 1.0)[None, :]), axis=1)
    return beta, loglik


def criteria(structure: Structure, y, models, kind: str):
    """Criterion per model (inf where no estimate), codes, log dark figure per model."""
    full_x = np.column_stack([structure.base, structure.pair_matrix])
    columns, cells, n_empty = model_masks(structure, y, models)
    codes = check_models(structure, y, full_x, columns, cells)
    ok = codes == EXISTS
    values = np.full(len(models), np.inf)
    log_dark = np.full(len(models), np.nan)
    if ok.any():
        beta, loglik = fit_models(full_x, y, columns[ok], cells[ok])
        k = columns[ok].sum(axis=1) + n_empty[ok]
        penalty = 2.0 if kind == "aic" else float(np.log(max(float(y.sum()), 2.0)))
        values[ok] = -2.0 * loglik + penalty * k
        log_dark[ok] = beta[:, 0]
    return values, codes, log_dark
