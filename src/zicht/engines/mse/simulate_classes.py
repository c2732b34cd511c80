"""Populations of known size made of latent classes that differ in how findable they are.

The situation the latent-class estimator is for: a minority that every partner finds easily
(already in care, a residence procedure running) and a majority that almost nobody finds. The
log-linear estimator sees only the people on the lists and runs low; a simulation with known
size shows by how much, and how often each interval covers the truth.
"""

from __future__ import annotations

import numpy as np

from .data import CaptureData
from .simulate import SimulatedPopulation


def simulate_classes(
    size: int,
    shares: list[float] | tuple[float, ...],
    capture_probabilities: list[list[float]],
    seed: int | np.random.Generator | None = None,
    dependence: dict[tuple[int, int], float] | None = None,
) -> SimulatedPopulation:
    """Draw ``size`` people; class c (probability ``shares[c]``) is on list j with probability
    ``capture_probabilities[c][j]``. ``dependence`` maps (i, j), i < j, to an odds ratio: being
    on list i multiplies the odds of being on list j (a referral), in every class."""
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    p = np.asarray(capture_probabilities, dtype=float)
    classes = rng.choice(len(shares), size=size, p=np.asarray(shares) / np.sum(shares))
    n_lists = p.shape[1]
    seen = np.zeros((size, n_lists), dtype=np.int8)
    for j in range(n_lists):
        logit = np.log(p[classes, j] / (1 - p[classes, j]))
        for (a, b), odds in (dependence or {}).items():
            if b == j:
                logit = logit + np.log(odds) * seen[:, a]
        seen[:, j] = rng.random(size) < 1.0 / (1.0 + np.exp(-logit))
    observed = seen[seen.any(axis=1)]
    codes, counts = np.unique(observed, axis=0, return_counts=True)
    names = [chr(ord("A") + j) for j in range(n_lists)]
    histories = {tuple(int(v) for v in row): int(c) for row, c in zip(codes, counts, strict=True)}
    return SimulatedPopulation(CaptureData.from_histories(names, histories), size)


# Scenarios of the coverage study (docs/analyst/estimation.md): N = 2,000 each time.
SCENARIOS = {
    # five lists; 30% findable by everyone, 70% rarely found by anyone
    "two_classes": dict(shares=[0.3, 0.7], capture_probabilities=[
        [0.6, 0.5, 0.6, 0.4, 0.5], [0.15, 0.1, 0.15, 0.12, 0.1]]),
    # the same with a referral: being on list A triples the odds of being on list B
    "two_classes_referral": dict(shares=[0.3, 0.7], capture_probabilities=[
        [0.6, 0.5, 0.6, 0.4, 0.5], [0.15, 0.1, 0.15, 0.12, 0.1]], dependence={(0, 1): 3.0}),
    # three classes, five lists
    "three_classes": dict(shares=[0.15, 0.35, 0.5], capture_probabilities=[
        [0.7, 0.6, 0.7, 0.5, 0.6], [0.3, 0.25, 0.3, 0.2, 0.25], [0.1, 0.08, 0.1, 0.1, 0.06]]),
    # four lists, a majority almost nobody finds (about 5% per list): hard for every model
    "hidden_majority": dict(shares=[0.2, 0.8], capture_probabilities=[
        [0.5, 0.4, 0.5, 0.3], [0.05, 0.08, 0.04, 0.06]]),
}
TRUE_SIZE = 2_000


def coverage_study(scenario: str, replicates: int, latent_settings=None, bootstrap: int = 200):
    """Coverage of the nominal 95% interval and relative bias of both estimators.

    Returns {"loglinear": {...}, "latent_class": {...}} with ``coverage``, ``bias`` (mean of
    estimate / truth - 1), ``refused`` and ``replicates``. Replicate r uses seed r for the
    population and for the log-linear bootstrap; the latent-class chains use their settings.
    """
    from .estimate import estimate
    from .latent_class import estimate_latent_class

    spec = SCENARIOS[scenario]
    rows = {"loglinear": [], "latent_class": []}
    for r in range(replicates):
        pop = simulate_classes(TRUE_SIZE, seed=r, **spec)
        rows["loglinear"].append(estimate(pop.data, bootstrap=bootstrap, seed=r))
        rows["latent_class"].append(estimate_latent_class(pop.data, latent_settings))
    out = {}
    for name, results in rows.items():
        done = [x for x in results if x.estimate is not None]
        out[name] = {
            "replicates": replicates,
            "refused": replicates - len(done),
            "coverage": float(np.mean([x.ci[0] <= TRUE_SIZE <= x.ci[1] for x in done]))
            if done else float("nan"),
            "bias": float(np.mean([x.estimate / TRUE_SIZE - 1 for x in done]))
            if done else float("nan"),
        }
    return out
