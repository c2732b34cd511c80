"""Benchmark of the MSE engine (issue 5): speed against R and a same-run baseline, and coverage.

Run: .venv/bin/python bench/bench_mse.py [--quick]

Prints, never asserts:
1. all reference datasets, point estimate + model-conditional interval (R: ~2 s together);
2. BCa bootstrap with 1,000 resamples (stepwise reselected on every resample) on the
   5-list UK data (R: 89 s; target < 9 s) and on the US Western data (R: 41 s);
3. a same-run baseline: the same algorithm written the way the R package runs it (every
   candidate term checked by linear programme and rank at every step, cold-started fits,
   nothing cached), timed on a subset of resamples and scaled to 1,000;
4. interval coverage over simulated populations of known size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zicht.engines.mse import CaptureData, estimate  # noqa: E402
from zicht.engines.mse.bootstrap import run_bootstrap  # noqa: E402
from zicht.engines.mse.estimate import pooled_counts  # noqa: E402
from zicht.engines.mse.loglinear import Structure, poisson_fit  # noqa: E402
from zicht.engines.mse.selection import poisson_pvalues  # noqa: E402
from zicht.engines.mse.simulate import simulate_population  # noqa: E402

DATA = ROOT / "tests" / "engines" / "mse" / "data"
R_POINTS_S = 2.0
R_BOOT_UK5_S = 89.0
R_BOOT_WESTERN_S = 41.0


def load(name: str) -> CaptureData:
    return CaptureData.from_csv(DATA / f"{name}.csv")


# ---------------------------------------------------------------------- naive baseline
def _lp_exists(x, y) -> bool:
    n, p = x.shape
    res = linprog(
        np.r_[np.zeros(n), -1.0],
        A_ub=np.c_[-np.eye(n), np.ones(n)],
        b_ub=np.zeros(n),
        A_eq=np.c_[x.T, np.zeros(p)],
        b_eq=x.T @ y,
        bounds=[(0, None)] * n + [(0, max(y.sum(), 1.0))],
        method="highs",
    )
    return res.status == 0 and -res.fun > 1e-6


def naive_stepwise_estimate(data: CaptureData, pthresh: float = 0.02) -> float:
    """SparseMSE's loop as written in R: check every candidate, refit from scratch."""
    structure, y = pooled_counts(data)
    nstar = structure.pair_matrix.T @ y
    model: list[int] = []
    design = structure.design(y, ())
    fit = poisson_fit(design.x, y[design.keep])
    for _ in range(len(structure.pairs)):
        pstar = structure.pair_matrix[design.keep].T @ fit.mu
        pvals = poisson_pvalues(nstar, pstar)
        for j in range(len(structure.pairs)):
            if j in model:
                pvals[j] = 1.0
                continue
            d = structure.design(y, (*model, j))
            ok = _lp_exists(d.x, y[d.keep]) and np.linalg.matrix_rank(d.x) == d.x.shape[1]
            if not ok:
                pvals[j] = 1.0
        if pvals.min() >= pthresh:
            break
        model.append(int(np.argmin(pvals)))
        design = structure.design(y, tuple(model))
        fit = poisson_fit(design.x, y[design.keep])
    return data.observed + float(np.exp(fit.beta[0]))


def naive_bootstrap_seconds(data: CaptureData, subset: int, total: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    counts = data.counts.astype(float)
    samples = rng.multinomial(int(counts.sum()), counts / counts.sum(), size=subset)
    start = time.perf_counter()
    for row in samples:
        naive_stepwise_estimate(data.with_counts(row))
    per = (time.perf_counter() - start) / subset
    return per * (total + int(np.sum(data.counts > 0)))


# ---------------------------------------------------------------------- sections
def bench_points(repeats: int) -> None:
    names = sorted(p.stem for p in DATA.glob("*.csv"))
    datasets = [load(n) for n in names]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for d in datasets:
            Structure.pooled(d.lists)  # fresh structures: no cache carried between repeats
            estimate(d, profile=False)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    for d in datasets:
        estimate(d, profile=True)
    with_profile = time.perf_counter() - start
    best = min(times)
    print(f"1. point + model-conditional interval, {len(names)} datasets: "
          f"{best:.2f} s (best of {repeats}); R: ~{R_POINTS_S:.0f} s "
          f"-> {R_POINTS_S / best:.0f}x; with profile-likelihood intervals: {with_profile:.2f} s")


def bench_bootstrap(name: str, r_seconds: float, resamples: int, naive_subset: int) -> None:
    data = load(name)
    point = estimate(data, profile=False).estimate
    start = time.perf_counter()
    boot = run_bootstrap(data, "stepwise", resamples, seed=1234)
    elapsed = time.perf_counter() - start
    from zicht.engines.mse.intervals import bca_interval

    lo, hi = bca_interval(boot.replicates, point, boot.acceleration, 0.05)
    start = time.perf_counter()
    two = run_bootstrap(data, "stepwise", resamples, seed=1234, workers=2)
    two_s = time.perf_counter() - start
    assert np.array_equal(two.replicates, boot.replicates)
    naive = naive_bootstrap_seconds(data, naive_subset, resamples, seed=99)
    print(f"2. BCa bootstrap {resamples} resamples + jackknife, {name}: {elapsed:.2f} s "
          f"(default, 1 process; forced 2 processes: {two_s:.2f} s); R: {r_seconds:.0f} s "
          f"-> {r_seconds / elapsed:.0f}x; same-run naive baseline (R's loop in Python, "
          f"{naive_subset} resamples scaled): {naive:.1f} s -> {naive / elapsed:.0f}x; "
          f"95% BCa [{lo:,.0f}, {hi:,.0f}]")


def bench_bic_bootstrap(name: str, resamples: int) -> None:
    data = load(name)
    start = time.perf_counter()
    run_bootstrap(data, "bic", resamples, seed=1234, workers=1)
    elapsed = time.perf_counter() - start
    scaled = elapsed / (resamples + int(np.sum(data.counts > 0))) * (
        1000 + int(np.sum(data.counts > 0))
    )
    print(f"3. BIC bootstrap (exhaustive search of 1,024 models per resample), {name}: "
          f"{resamples} resamples in {elapsed:.1f} s, i.e. ~{scaled:.0f} s for 1,000 (1 process)")


def bench_coverage(replicates: int, resamples: int) -> None:
    scenarios = {
        "list dependence (A-B odds ratio 3), homogeneous": dict(
            capture_probabilities=[0.15, 0.10, 0.20, 0.12], dependence={(0, 1): 3.0}
        ),
        "dependence + mild heterogeneity (sd 0.5), 5 lists": dict(
            capture_probabilities=[0.15, 0.10, 0.20, 0.12, 0.08], dependence={(0, 1): 3.0},
            heterogeneity=0.5,
        ),
        "strong heterogeneity (sd 1), 4 lists": dict(
            capture_probabilities=[0.15, 0.10, 0.20, 0.12], heterogeneity=1.0
        ),
    }
    true_size = 2000
    rng = np.random.default_rng(2024)
    print(f"4. coverage of 95% intervals, N = {true_size}, {replicates} populations each "
          f"(BCa with {resamples} resamples):")
    for label, kwargs in scenarios.items():
        start = time.perf_counter()
        hits = {"model-conditional": 0, "profile": 0, "BCa": 0}
        estimates = []
        for r in range(replicates):
            sim = simulate_population(true_size, seed=rng, **kwargs)
            res = estimate(sim.data, bootstrap=resamples, seed=r)
            if res.estimate is None:
                continue
            estimates.append(res.estimate)
            for key, ci in (("model-conditional", res.ci_model_conditional),
                            ("profile", res.ci_profile), ("BCa", res.ci_bootstrap)):
                hits[key] += ci[0] <= true_size <= ci[1]
        n = len(estimates)
        cover = ", ".join(f"{k} {v / n:.0%}" for k, v in hits.items())
        print(f"   {label}: {cover}; median estimate {np.median(estimates):,.0f} "
              f"({n} with an estimate, {time.perf_counter() - start:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and replicates")
    args = parser.parse_args()
    print(f"MSE benchmark on {os.cpu_count()} cores, load average "
          f"{', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    bench_points(3 if args.quick else 5)
    bench_bootstrap("UKdat_5", R_BOOT_UK5_S, 1000, 10 if args.quick else 25)
    bench_bootstrap("Western", R_BOOT_WESTERN_S, 1000, 10 if args.quick else 25)
    bench_bic_bootstrap("UKdat_5", 50 if args.quick else 200)
    bench_coverage(40 if args.quick else 200, 200)


if __name__ == "__main__":
    main()
