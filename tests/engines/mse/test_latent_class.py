"""Latent-class estimation (Manrique-Vallier 2016) against the exact posterior and LCMCR 0.4.14.

The reference results (data/lcmcr/, LCMCR 0.4.14, seeds 1-3 and 1-10) cannot be matched draw
for draw; the spread between LCMCR's own chains is the Monte Carlo error we test within: a
pooled statistic must lie between the smallest and largest chain value of LCMCR, widened by
that spread (max - min over chains) on both sides; the pooled median must lie within one
spread of LCMCR's pooled median plus twice the Monte Carlo standard error of our own pooled
median (the standard deviation of our chain medians over the square root of the number of
chains): both results carry Monte Carlo error, and on Western our chain medians differ more
(1,818-1,995) than LCMCR's three (1,812-1,841). Default tests run the well-mixing sets with shorter chains;
the full LCMCR settings run under ``-m slow``.
"""

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy.special import betaln, gammaln

from zicht.engines.mse import CaptureData, MSEInputError
from zicht.engines.mse.latent_class import (
    STATUS_NOT_CONVERGED,
    STATUS_OK,
    STATUS_TOO_FEW_LISTS,
    STATUS_TOO_LITTLE_OVERLAP,
    LatentClassSettings,
    estimate_latent_class,
    sample_chains,
    table,
)

DATA = Path(__file__).parent / "data"
SHORT = LatentClassSettings(burn_in=2_000, samples=1_000, thin=20)


def reference(dataset, path="results.csv"):
    with open(DATA / "lcmcr" / path, newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["dataset"] == dataset]
    chains = [r for r in rows if r["chain"] != "pooled"]
    pooled = next(r for r in rows if r["chain"] == "pooled")
    return chains, pooled


def band(chains, stat):
    values = [float(r[stat]) for r in chains]
    spread = max(values) - min(values)
    return min(values) - spread, max(values) + spread


def load(name):
    return CaptureData.from_csv(DATA / f"{name}.csv")


def check_against_lcmcr(result, dataset):
    chains, pooled = reference(dataset)
    if dataset == "Kosovo":  # ten chains: the better measure of LCMCR's own spread
        chains, pooled = reference(dataset, "ten_chains.csv")
    assert result.status == STATUS_OK, result.messages_nl()
    spread = max(float(pooled["spread_median"]), 1.0)
    ours = np.std(result.chain_medians, ddof=1) / np.sqrt(len(result.chain_medians))
    assert abs(result.estimate - float(pooled["median"])) <= spread + 2 * ours
    for stat, value in (("q025", result.ci[0]), ("q975", result.ci[1]),
                        ("mean", result.posterior_mean)):
        lo, hi = band(chains, stat)
        assert lo <= value <= hi, (stat, value, lo, hi)


def test_one_class_reproduces_the_exact_posterior():
    """K = 1 is the independence model; its posterior of N under the 1/N prior and Beta(1, 1)
    capture probabilities is known in closed form, so the sampler's N and capture-probability
    steps are checked exactly (not against another sampler)."""
    data = load("Korea")
    patterns, counts = table(data)
    n = int(counts.sum())
    seen = (patterns * counts[:, None]).sum(axis=0)
    grid = np.arange(n, 40 * n)
    logp = -np.log(grid) + gammaln(grid + 1) - gammaln(grid - n + 1)
    logp = logp + sum(betaln(1 + s, 1 + grid - s) for s in seen)
    p = np.exp(logp - logp.max())
    cdf = np.cumsum(p / p.sum())
    exact = {q: grid[np.searchsorted(cdf, q)] for q in (0.025, 0.5, 0.975)}
    settings = LatentClassSettings(classes=1, burn_in=500, samples=5_000, thin=2, chains=2)
    result = estimate_latent_class(data, settings)
    assert result.status == STATUS_OK
    assert abs(result.estimate - exact[0.5]) <= 1
    assert abs(result.ci[0] - exact[0.025]) <= 1
    assert abs(result.ci[1] - exact[0.975]) <= 2


def test_korea_agrees_with_lcmcr_with_shorter_chains():
    """Korea mixes fast (LCMCR: lag-1 autocorrelation 0.01-0.08 at thinning 100), so
    thinning 20 after 2,000 burn-in gives the same posterior. (Western does not: with
    short chains ours visit a second state near 1,950 too often; it runs in full below.)"""
    check_against_lcmcr(estimate_latent_class(load("Korea"), SHORT), "Korea")


def test_western_agrees_with_lcmcr_at_full_settings():
    check_against_lcmcr(estimate_latent_class(load("Western")), "Western")


@pytest.mark.slow
@pytest.mark.parametrize("dataset", ["Korea", "Kosovo"])
def test_reference_sets_agree_with_lcmcr_at_full_settings(dataset):
    check_against_lcmcr(estimate_latent_class(load(dataset)), dataset)


def test_uk_five_lists_are_refused_as_not_converged_with_short_chains():
    result = estimate_latent_class(load("UKdat_5"), SHORT)
    assert result.status == STATUS_NOT_CONVERGED
    assert result.estimate is None and result.ci is None
    assert {"rhat", "ess"} & set(result.reasons)
    assert result.unconverged["median"] > result.observed
    assert "niet" in result.messages_nl()[0]


@pytest.mark.slow
def test_uk_five_lists_are_refused_at_lcmcr_settings():
    """LCMCR's chains on UKdat_5 sit near 12k or 21-23k (R-hat 1.27-1.31); ours must say so."""
    result = estimate_latent_class(load("UKdat_5"))
    assert result.status == STATUS_NOT_CONVERGED
    assert "ess" in result.reasons or "rhat" in result.reasons
    assert 9_000 < result.unconverged["median"] < 30_000


def test_same_seed_same_draws_other_seed_other_draws():
    data = load("Korea")
    settings = LatentClassSettings(burn_in=200, samples=100, thin=2)
    first, _ = sample_chains(data, settings)
    again, _ = sample_chains(data, settings)
    other, _ = sample_chains(data, LatentClassSettings(burn_in=200, samples=100, thin=2, seed=9))
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert not np.array_equal(first[0], first[1])  # chains differ from one another


def test_table_merges_repeated_patterns_and_drops_zero_counts():
    data = CaptureData.from_histories(
        ["A", "B", "C"], {(1, 0, 0): 5, (0, 1, 0): 0, (1, 1, 0): 3, (0, 0, 1): 2})
    doubled = CaptureData(data.lists, np.vstack([data.patterns, data.patterns]),
                          np.concatenate([data.counts, data.counts]))
    patterns, counts = table(doubled)
    assert patterns.shape == (3, 3)
    assert dict(zip(map(tuple, patterns), counts)) == {(1, 0, 0): 10, (1, 1, 0): 6,
                                                        (0, 0, 1): 4}


def test_run_time_does_not_grow_with_the_number_of_people():
    """Ten thousand times as many people, same table shape: same number of sampler steps.
    (Timed loosely: the machine is shared; a per-person sampler would be ~1000x slower.)"""
    small = load("Korea")
    big = small.with_counts(small.counts * 10_000)
    settings = LatentClassSettings(burn_in=0, samples=200, thin=5, chains=2)
    r_small = estimate_latent_class(small, settings)
    r_big = estimate_latent_class(big, settings)
    assert r_big.seconds < max(20 * r_small.seconds, 1.0)


def test_too_few_lists_and_too_little_overlap_are_refused_with_codes():
    two = CaptureData.from_histories(["A", "B"], {(1, 0): 10, (0, 1): 8, (1, 1): 6})
    assert estimate_latent_class(two, SHORT).status == STATUS_TOO_FEW_LISTS
    sparse = CaptureData.from_histories(
        ["A", "B", "C"], {(1, 0, 0): 40, (0, 1, 0): 30, (0, 0, 1): 20, (1, 1, 0): 2})
    refused = estimate_latent_class(sparse, SHORT)
    assert refused.status == STATUS_TOO_LITTLE_OVERLAP and refused.estimate is None
    assert refused.to_dict()["warnings"]


def test_a_list_without_people_is_dropped_and_named():
    data = CaptureData.from_histories(
        ["A", "B", "C", "D"],
        {(1, 0, 0, 0): 40, (0, 1, 0, 0): 30, (0, 0, 1, 0): 20, (1, 1, 0, 0): 8,
         (0, 1, 1, 0): 6, (1, 0, 1, 0): 5, (1, 1, 1, 0): 2})
    result = estimate_latent_class(data, SHORT)
    assert result.dropped == ["D"] and result.lists == ["A", "B", "C"]


@pytest.mark.parametrize("field,value,words", [
    ("chains", 1, "ketens"), ("classes", 0, "klassen"), ("thin", 0, "verdunning"),
    ("samples", 5, "trekkingen"), ("burn_in", -1, "inloop"),
])
def test_bad_settings_get_a_dutch_message_naming_the_setting(field, value, words):
    with pytest.raises(MSEInputError, match=words):
        estimate_latent_class(load("Korea"), LatentClassSettings(**{field: value}))


def test_json_has_the_issue_keys():
    out = estimate_latent_class(load("Korea"), SHORT).to_dict()
    assert set(out) >= {"observed", "estimate", "ci", "ci_method", "lists", "posterior_mean",
                        "rhat", "ess", "chains", "seconds", "status", "unseen"}
    assert out["ci_method"] == "posterior" and out["chains"] == 5
    assert out["ci"][0] <= out["estimate"] <= out["ci"][1]
    assert out["unseen"]["q500"] == pytest.approx(out["estimate"] - out["observed"])
