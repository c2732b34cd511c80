"""The Gibbs sampler of the latent-class capture-recapture model (Manrique-Vallier 2016).

One chain of the model LCMCR implements: a truncated stick-breaking (Dirichlet process) mixture
of K product-Bernoulli capture profiles, Beta(1, 1) priors on the capture probabilities, a
Gamma(a, b) prior on the stick-breaking concentration, data augmentation of the unobserved
people and the improper 1/N prior on the population size.

Why a compiled kernel: one iteration is a few hundred arithmetic operations on tiny arrays, so
numpy's per-call overhead (tens of microseconds) would dominate and 110,000 iterations per
chain would take tens of seconds. Numba compiles the loop once (cached on disk) and runs it
faster than LCMCR's C++ sampler.

Why the table, not the people: the sampler works on the capture-history table (one row per
observed pattern with its count). The class allocations of the people who share a pattern are
exchangeable, so only their counts per class matter; they are drawn as one multinomial per
pattern, and the unseen people as one negative binomial plus one multinomial. Run time depends
on the number of patterns (at most 2^J - 1) and classes, not on the number of people.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# LCMCR's own warm-up before the first counted iteration: the concentration is held at
# 0.3 / K (not sampled) so that the classes spread out before the sampler may shrink them.
WARMUP = 500
MAX_REDRAWS = 1000  # a negative binomial draw above the cap is redrawn at most this often


@njit(cache=True)
def _log_gamma_draw(shape):
    """log of a Gamma(shape, 1) draw, safe for tiny shapes (where the draw underflows to 0).

    For shape < 1: G(shape) = G(shape + 1) * U^(1/shape), so log G = log G(shape + 1) +
    log(U) / shape, which never underflows.
    """
    if shape >= 1.0:
        return math.log(np.random.gamma(shape, 1.0))
    u = np.random.random()
    while u <= 0.0:
        u = np.random.random()
    return math.log(np.random.gamma(shape + 1.0, 1.0)) + math.log(u) / shape


@njit(cache=True)
def _uniform_open():
    u = np.random.random()
    while u <= 0.0:
        u = np.random.random()
    return u


@njit(cache=True)
def _beta(a, b):
    """Beta(a, b). With a or b equal to 1 (a class nobody in it was seen on, or an empty
    class) the draw is one uniform instead of two gamma draws: exact, and common, because most
    of the K classes are empty most of the time."""
    if a == 1.0:
        if b == 1.0:
            return np.random.random()
        return -math.expm1(math.log(_uniform_open()) / b)
    if b == 1.0:
        return math.exp(math.log(_uniform_open()) / a)
    return np.random.beta(a, b)


@njit(cache=True)
def _multinomial(total, weights, out):
    """Counts of ``total`` draws over categories with (unnormalised) ``weights``, into out.

    Sequential conditional binomials: exact, and cost independent of ``total``.
    """
    k_max = weights.shape[0]
    rest = 0.0
    for k in range(k_max):
        rest += weights[k]
    left = total
    for k in range(k_max):
        out[k] = 0
    for k in range(k_max - 1):
        if left == 0:
            return
        if rest <= 0.0:
            break
        p = weights[k] / rest
        if p >= 1.0:
            out[k] = left
            return
        if p > 0.0:
            x = np.random.binomial(left, p)
            out[k] = x
            left -= x
        rest -= weights[k]
    out[k_max - 1] += left


@njit(cache=True)
def _categorical(weights):
    total = 0.0
    for k in range(weights.shape[0]):
        total += weights[k]
    u = np.random.random() * total
    acc = 0.0
    for k in range(weights.shape[0]):
        acc += weights[k]
        if u < acc:
            return k
    return weights.shape[0] - 1


@njit(cache=True)
def run_chain(
    patterns, counts, n_classes, burn_in, samples, thin, a_alpha, b_alpha, cap, seed, dispersed
):
    """Run one chain; return (N draws, concentration draws, occupied classes, capped draws).

    ``patterns`` (M, J) int 0/1 and ``counts`` (M,) int are the observed capture-history
    table with no empty pattern and no zero count. ``cap`` < 0 means no cap on the unseen;
    otherwise a draw of the unseen above ``cap`` is redrawn, as LCMCR does (it caps at 20 x
    observed). ``capped`` counts iterations where all redraws stayed above the cap and the
    unseen number was set to the cap (an unreliable state the caller reports).
    """
    np.random.seed(seed)
    n_cells, n_lists = patterns.shape
    k_n = n_classes
    n_obs = 0
    for m in range(n_cells):
        n_obs += counts[m]

    lam = np.empty((n_lists, k_n))
    for j in range(n_lists):
        seen = 0
        for m in range(n_cells):
            if patterns[m, j] == 1:
                seen += counts[m]
        for k in range(k_n):
            # dispersed starts (uniform capture probabilities) unless asked to start as LCMCR
            lam[j, k] = seen / n_obs if not dispersed else np.random.random()
    # LCMCR's starting weights: four large classes sharing 90%, the rest sharing 10%
    nu = np.full(k_n, 1.0 / k_n)
    if k_n > 4:
        for k in range(k_n):
            nu[k] = 0.9 / 4.0 if k < 4 else 0.1 / (k_n - 4)
    log_nu_last = math.log(1.0 / k_n)
    alpha = 0.3 / k_n
    n0 = 0

    n0_k = np.zeros(k_n, dtype=np.int64)
    class_total = np.zeros(k_n, dtype=np.int64)
    obs_k = np.zeros(k_n, dtype=np.int64)
    ones = np.zeros((n_lists, k_n), dtype=np.int64)
    weights = np.empty(k_n)
    miss = np.empty(k_n)
    row = np.zeros(k_n, dtype=np.int64)

    draws_n = np.empty(samples, dtype=np.int64)
    draws_alpha = np.empty(samples)
    draws_kstar = np.empty(samples, dtype=np.int64)
    capped = 0

    total_iter = WARMUP + burn_in + samples * thin
    kept = 0
    for it in range(total_iter):
        # 1. class counts of the observed people, one multinomial per pattern
        for k in range(k_n):
            class_total[k] = n0_k[k]  # the unseen people of the last sweep are all zeros
            obs_k[k] = 0
            for j in range(n_lists):
                ones[j, k] = 0
        for m in range(n_cells):
            for k in range(k_n):
                w = nu[k]
                for j in range(n_lists):
                    if patterns[m, j] == 1:
                        w *= lam[j, k]
                    else:
                        w *= 1.0 - lam[j, k]
                weights[k] = w
            if counts[m] <= k_n:
                # few people: one categorical draw each is cheaper than K binomials
                for k in range(k_n):
                    row[k] = 0
                for _ in range(counts[m]):
                    row[_categorical(weights)] += 1
            else:
                _multinomial(counts[m], weights, row)
            for k in range(k_n):
                c = row[k]
                if c > 0:
                    obs_k[k] += c
                    class_total[k] += c
                    for j in range(n_lists):
                        if patterns[m, j] == 1:
                            ones[j, k] += c
        # 2. capture probabilities: Beta(1 + seen, 1 + not seen) per list and class
        for j in range(n_lists):
            for k in range(k_n):
                a = 1.0 + ones[j, k]
                b = 1.0 + class_total[k] - ones[j, k]
                lam[j, k] = _beta(a, b)
        # 3. stick-breaking weights, on the log scale (tiny weights must not underflow)
        left = n_obs + n0
        log_rest = 0.0
        for k in range(k_n - 1):
            left -= class_total[k]
            if class_total[k] == 0:
                # V ~ Beta(1, b): 1 - V = U^(1/b), one uniform instead of two gamma draws
                log_one_minus = math.log(_uniform_open()) / (alpha + left)
                log_v = math.log(-math.expm1(log_one_minus)) if log_one_minus < 0.0 else -1e300
            else:
                g1 = _log_gamma_draw(1.0 + class_total[k])
                g2 = _log_gamma_draw(alpha + left)
                top = max(g1, g2)
                log_sum = top + math.log(math.exp(g1 - top) + math.exp(g2 - top))
                log_v = g1 - log_sum
                log_one_minus = g2 - log_sum
            nu[k] = math.exp(log_v + log_rest)
            log_rest += log_one_minus
        nu[k_n - 1] = math.exp(log_rest)
        log_nu_last = log_rest
        # 4. the unseen: how many (negative binomial, the 1/N prior), then their classes
        p0 = 0.0
        for k in range(k_n):
            w = nu[k]
            for j in range(n_lists):
                w *= 1.0 - lam[j, k]
            miss[k] = w
            p0 += w
        if p0 >= 1.0:
            p0 = 1.0 - 1e-12
        if p0 <= 0.0:
            n0 = 0
        else:
            n0 = np.random.negative_binomial(n_obs, 1.0 - p0)
            if cap >= 0 and n0 > cap:
                tries = 1
                while n0 > cap and tries < MAX_REDRAWS:
                    n0 = np.random.negative_binomial(n_obs, 1.0 - p0)
                    tries += 1
                if n0 > cap:
                    n0 = cap
                    capped += 1
        _multinomial(n0, miss, n0_k)
        # 5. concentration (held fixed during the warm-up, as LCMCR does)
        if it >= WARMUP:
            rate = b_alpha - log_nu_last
            alpha = np.random.gamma(a_alpha + k_n - 1.0, 1.0 / rate)
        # keep every thin-th draw after warm-up and burn-in
        after = it - WARMUP - burn_in
        if after >= 0 and (after + 1) % thin == 0:
            draws_n[kept] = n_obs + n0
            draws_alpha[kept] = alpha
            kstar = 0
            for k in range(k_n):
                if obs_k[k] + n0_k[k] > 0:
                    kstar += 1
            draws_kstar[kept] = kstar
            kept += 1
    return draws_n, draws_alpha, draws_kstar, capped
