"""Speed of the latent-class sampler beside LCMCR 0.4.14's C++ sampler on this machine.

Usage: .venv/bin/python bench/bench_lcmcr.py [--chains C]

The coverage study of both estimators is bench/bench_mse_coverage.py.

For UKdat_5 and Kosovo, at LCMCR's help-example settings (K = 10, 10,000 burn-in, 1,000 draws
thinned by 100: 110,000 iterations per chain): seconds per 1,000 iterations (wall clock, chains
run one after another), bulk effective sample size of N per second, and LCMCR's own per-chain
seconds from tests/engines/mse/data/lcmcr/results.csv (measured on this kind of machine under
load 5-9). The numba compilation is done (or loaded from cache) before timing.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zicht.engines.mse import CaptureData  # noqa: E402
from zicht.engines.mse.latent_class import (  # noqa: E402
    LatentClassSettings,
    compile_sampler,
    estimate_latent_class,
)

DATA = ROOT / "tests" / "engines" / "mse" / "data"
ITERATIONS = 10_000 + 1_000 * 100


def lcmcr_seconds(dataset: str) -> tuple[float, float, float]:
    with open(DATA / "lcmcr" / "results.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["dataset"] == dataset]
    per_chain = [float(r["seconds"]) for r in rows if r["chain"] != "pooled"]
    pooled = next(r for r in rows if r["chain"] == "pooled")
    return min(per_chain), max(per_chain), float(pooled["ess"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chains", type=int, default=5)
    args = parser.parse_args()
    compile_sampler()
    print(f"load average {os.getloadavg()[0]:.1f}; {ITERATIONS:,} iterations per chain")
    print("| data | chains | s per 1,000 it. (Zicht) | LCMCR s per 1,000 it. | speed-up | "
          "ESS of N | ESS per s (Zicht) | LCMCR ESS per s | status | CPU s per 1,000 it. |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in ("UKdat_5", "Kosovo"):
        data = CaptureData.from_csv(DATA / f"{name}.csv")
        cpu = time.process_time()
        result = estimate_latent_class(data, LatentClassSettings(chains=args.chains))
        cpu = time.process_time() - cpu
        per_k = result.seconds / args.chains / (ITERATIONS / 1000)
        lo, hi, lcmcr_ess = lcmcr_seconds(name)
        lcmcr_lo, lcmcr_hi = lo / (ITERATIONS / 1000), hi / (ITERATIONS / 1000)
        lcmcr_ess_per_s = lcmcr_ess / (3 * (lo + hi) / 2)
        print(f"| {name} | {args.chains} | {per_k:.4f} | {lcmcr_lo:.4f}-{lcmcr_hi:.4f} | "
              f"{lcmcr_lo / per_k:.1f}-{lcmcr_hi / per_k:.1f}x | {result.ess:.0f} | "
              f"{result.ess / result.seconds:.1f} | ~{lcmcr_ess_per_s:.0f} (coda ESS) | "
              f"{result.status} (R-hat {result.rhat:.2f}) | {cpu / args.chains / (ITERATIONS / 1000):.4f} |")


if __name__ == "__main__":
    main()
