"""The BCa bootstrap against SparseMSE's, within Monte Carlo error.

R's random stream cannot be reproduced, so the two intervals come from independent
resamples. Two checks, each with a tolerance derived from Monte Carlo error at B = 1,000:

1. Probability scale (all datasets): R's endpoint, placed in OUR bootstrap distribution,
   must sit near the BCa level we use for that endpoint. The difference between two
   independent runs has standard deviation sqrt(2 q (1 - q) / B) from the order statistic
   plus the noise of the bias correction z0 (each run's z0 has sd ~ sqrt(p(1-p)/B)/phi(z0),
   entering the level about twice); we allow 3.5 such standard deviations. This scale is
   the right one for small, discrete tables (Artificial_3, Korea) whose bootstrap
   distribution has jumps, where a tolerance in counts would be meaningless.
2. Count scale (the large UK tables, whose bootstrap distribution is smooth): the 95%
   endpoints within 7%. Across seeds our 95% endpoints on these tables spread by about
   3% (sd), so two independent runs differ by ~4% sd; 7% is the ~95% band of that spread
   at the fixed seed used here.
"""

import functools
import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from zicht.engines.mse import CaptureData, estimate
from zicht.engines.mse.bootstrap import run_bootstrap
from zicht.engines.mse.intervals import bca_interval

DATA_DIR = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA_DIR / "expected.json").read_text())
WITH_BOOT = sorted(
    k for k in EXPECTED if not k.startswith("_") and "bootstrap_bca" in EXPECTED[k]["stepwise"]
)
B = 1000
SEED = 20240501


def load(name):
    return CaptureData.from_csv(DATA_DIR / f"{name}.csv")


@functools.cache
def bootstrap_of(name):
    """One bootstrap per dataset, shared by both checks (they test different things)."""
    return run_bootstrap(load(name), "stepwise", B, SEED)


def bca_level(p_below, ahat, nominal):
    z0 = norm.ppf(p_below)
    za0 = norm.ppf(nominal) + z0
    return norm.cdf(z0 + za0 / (1 - ahat * za0))


@pytest.mark.parametrize("name", WITH_BOOT)
def test_bca_endpoints_within_monte_carlo_error_in_probability(name):
    data = load(name)
    point = estimate(data, profile=False).estimate
    boot = bootstrap_of(name)
    reps = boot.replicates
    p_below = float(np.mean(reps < point))
    sd_z0 = math.sqrt(p_below * (1 - p_below) / B) / norm.pdf(norm.ppf(p_below))
    ref = EXPECTED[name]["stepwise"]["bootstrap_bca"]
    for nominal, value in zip(
        (0.025, 0.975, 0.1, 0.9), (*ref["ci95"], *ref["ci80"]), strict=True
    ):
        level = bca_level(p_below, boot.acceleration, nominal)
        position = (np.mean(reps < value) + np.mean(reps <= value)) / 2
        sd = math.sqrt(
            2 * level * (1 - level) / B
            + 2 * (2 * norm.pdf(norm.ppf(level)) * sd_z0) ** 2
        )
        assert abs(position - level) <= 3.5 * sd, (name, nominal, value, position, level, sd)


@pytest.mark.parametrize("name", ["UKdat", "UKdat_5", "UKdat_4"])
def test_bca_95_interval_close_to_r_on_large_tables(name):
    point = estimate(load(name), profile=False).estimate
    boot = bootstrap_of(name)
    lo, hi = bca_interval(boot.replicates, point, boot.acceleration, 0.05)
    ref = EXPECTED[name]["stepwise"]["bootstrap_bca"]["ci95"]
    assert lo == pytest.approx(ref[0], rel=0.07)
    assert hi == pytest.approx(ref[1], rel=0.07)
    assert boot.failures == 0


def test_estimate_shows_the_bootstrap_interval_by_default_when_bootstrapped():
    result = estimate(load("UKdat_4"), bootstrap=200, seed=1, profile=False)
    assert result.ci_method == "bca_bootstrap"
    assert result.ci == result.ci_bootstrap
    assert result.ci_model_conditional != result.ci


def test_bootstrap_is_reproducible_with_a_seed_and_varies_without_the_same_seed():
    data = load("Korea")
    a = estimate(data, bootstrap=200, seed=7, profile=False)
    b = estimate(data, bootstrap=200, seed=7, profile=False)
    c = estimate(data, bootstrap=200, seed=8, profile=False)
    assert a.ci == b.ci
    assert a.ci != c.ci
    default_1 = estimate(data, bootstrap=200, profile=False)
    default_2 = estimate(data, bootstrap=200, profile=False)
    assert default_1.ci == default_2.ci  # fixed default seed: published figures reproducible
