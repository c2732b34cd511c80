"""Simulated populations of known size, to check that intervals cover the truth.

Each person has a latent "findability" u ~ Normal(0, heterogeneity^2) on the logit scale
(heterogeneous capture), and a list can raise or lower the odds of appearing on a later
list (list dependence, e.g. the police referring victims to a shelter).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import CaptureData


@dataclass(frozen=True)
class SimulatedPopulation:
    data: CaptureData
    true_size: int


def simulate_population(
    size: int,
    capture_probabilities: list[float] | tuple[float, ...],
    dependence: dict[tuple[int, int], float] | None = None,
    heterogeneity: float = 0.0,
    seed: int | np.random.Generator | None = None,
    list_names: list[str] | None = None,
) -> SimulatedPopulation:
    """Draw one population of ``size`` people and return who was seen on which lists.

    ``dependence`` maps a pair (i, j) with i < j to an odds ratio: being on list i
    multiplies the odds of being on list j by that factor. ``heterogeneity`` is the
    standard deviation of the personal logit shift (0 = everyone equally findable).
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    p = np.asarray(capture_probabilities, dtype=float)
    t = len(p)
    names = list_names or [chr(ord("A") + i) for i in range(t)]
    dependence = dependence or {}
    u = rng.normal(0.0, heterogeneity, size) if heterogeneity > 0 else np.zeros(size)
    seen = np.zeros((size, t), dtype=np.int8)
    base = np.log(p / (1 - p))
    for j in range(t):
        logit = base[j] + u
        for (a, b), odds in dependence.items():
            if b == j:
                logit = logit + np.log(odds) * seen[:, a]
        seen[:, j] = rng.random(size) < 1.0 / (1.0 + np.exp(-logit))
    observed = seen[seen.any(axis=1)]
    codes, counts = np.unique(observed, axis=0, return_counts=True)
    histories = {tuple(int(v) for v in row): int(c) for row, c in zip(codes, counts)}
    return SimulatedPopulation(CaptureData.from_histories(names, histories), size)
