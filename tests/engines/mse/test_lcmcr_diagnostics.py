"""Split R-hat and effective sample size on chains whose answer is known."""

import numpy as np
import pytest

from zicht.engines.mse.lcmcr_diagnostics import effective_sample_size, split_rhat


def ar1(rng, rho, shape):
    x = np.empty(shape)
    x[:, 0] = rng.normal(size=shape[0])
    noise = rng.normal(size=shape) * np.sqrt(1 - rho**2)
    for t in range(1, shape[1]):
        x[:, t] = rho * x[:, t - 1] + noise[:, t]
    return x


def test_independent_chains_of_one_distribution_pass():
    rng = np.random.default_rng(1)
    draws = rng.lognormal(size=(4, 1000))  # long right tail, like N
    assert split_rhat(draws) < 1.01
    assert effective_sample_size(draws) == pytest.approx(4000, rel=0.15)


def test_chains_in_different_states_fail():
    rng = np.random.default_rng(2)
    draws = rng.normal(size=(3, 1000))
    draws[1] += 3.0  # one chain stuck elsewhere (as UKdat_5: 12k against 22k)
    assert split_rhat(draws) > 1.1
    assert effective_sample_size(draws) < 100


def test_a_chain_that_drifts_is_caught_by_splitting():
    rng = np.random.default_rng(3)
    draws = rng.normal(size=(3, 1000))
    draws[:, 500:] += 2.0  # every chain moves at the same time: only split halves see it
    assert split_rhat(draws) > 1.1


def test_autocorrelated_chains_have_fewer_effective_draws():
    rng = np.random.default_rng(4)
    rho = 0.9
    draws = ar1(rng, rho, (4, 4000))
    expected = 16000 * (1 - rho) / (1 + rho)  # about 842
    assert effective_sample_size(draws) == pytest.approx(expected, rel=0.25)
    assert split_rhat(draws) < 1.05
