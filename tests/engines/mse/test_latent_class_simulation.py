"""Coverage study in small (slow): populations of known size made of latent classes.

The full figures (50 replicates per scenario) are in docs/analyst/estimation.md; this runs 20
replicates of the two-class scenario, where the log-linear interval covers too rarely. With 20
replicates a coverage figure has a standard error of about 8 points, so the checks are loose:
the latent-class interval must cover clearly more often than the log-linear one and its
estimate must run less low.
"""

import pytest

from zicht.engines.mse.latent_class import LatentClassSettings
from zicht.engines.mse.simulate_classes import TRUE_SIZE, coverage_study, simulate_classes


def test_simulated_classes_have_the_asked_size_and_findability():
    pop = simulate_classes(TRUE_SIZE, [0.5, 0.5], [[0.9, 0.9, 0.9], [0.1, 0.1, 0.1]], seed=1)
    assert pop.true_size == TRUE_SIZE
    # class 1 is seen almost always (1 - 0.1^3), class 2 rarely (1 - 0.9^3): about 1,271
    assert 1_200 < pop.data.observed < 1_340


@pytest.mark.slow
def test_latent_class_covers_where_the_log_linear_interval_does_not():
    settings = LatentClassSettings(burn_in=2_000, samples=500, thin=20, chains=3)
    out = coverage_study("two_classes", 20, settings)
    ll, lc = out["loglinear"], out["latent_class"]
    assert lc["refused"] <= 2
    assert lc["coverage"] >= 0.75
    assert lc["coverage"] > ll["coverage"]
    assert abs(lc["bias"]) < abs(ll["bias"])
