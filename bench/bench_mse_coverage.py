"""Coverage study of both hidden-number estimators on populations of known size (issue 13).

Usage: .venv/bin/python bench/bench_mse_coverage.py [--replicates R] [--start S] [--scenarios a,b]
           [--workers W] [--out rows.jsonl] [--summarise rows.jsonl]

For every scenario of ``zicht.engines.mse.simulate_classes.SCENARIOS`` (N = 2,000; latent
classes of very different findability, one with a referral between two lists) and every
replicate: the log-linear estimate with its interval as published (stepwise, BCa bootstrap,
200 resamples here) and the latent-class estimate (settings below). Prints, never asserts:
coverage of the nominal 95% interval, mean relative bias, median interval width (relative to
the true size) and refusals, per scenario and estimator.

Replicates run in a process pool of at most 2 workers (the machine has 2 shared cores),
replicate-major (replicate 0 of every scenario, then replicate 1, ...), so that a run cut short
still has about as many replicates of every scenario. Every finished replicate is appended to
``--out`` as one JSON line; ``--summarise FILE`` prints the table from such a file.

Latent-class settings of the study (ADR 1315): K = 10, 3 chains from dispersed starts, 2,000
burn-in, 500 draws thinned by 20 (12,500 sweeps per chain after LCMCR's 500 warm-up sweeps,
against 110,000 for the defaults). A replicate whose chains fail the diagnostics (R-hat > 1.1
or ESS < 100) is refused and counted as such, as in the monitor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker, before numpy loads
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zicht.engines.mse.simulate_classes import (  # noqa: E402
    SCENARIOS,
    STUDY_BOOTSTRAP,
    STUDY_SETTINGS,
    TRUE_SIZE,
    run_replicate,
    summarise_rows,
)

MAX_WORKERS = 2

LABELS = {
    "two_classes": "two classes (30% easy, 70% hard to find: 10-15% per list), 5 lists",
    "two_classes_referral": "the same, list A triples the odds of list B (referral)",
    "three_classes_separated": "three separated classes (~60/35/18% per list), 5 lists",
    "three_classes": "three classes, the largest seen by 6-10% per list (not identifiable)",
    "hidden_majority": "80% seen by ~5% per list, 4 lists (not identifiable)",
}


def _work(task: tuple[str, int]) -> dict:
    scenario, replicate = task
    return run_replicate(scenario, replicate, STUDY_SETTINGS, STUDY_BOOTSTRAP)


def _init() -> None:
    from zicht.engines.mse.latent_class import compile_sampler

    compile_sampler()


def table(rows: list[dict]) -> str:
    lines = [
        "| scenario | true N | estimator | replicates | coverage | relative bias | "
        "median interval width | refused |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scenario in SCENARIOS:
        mine = [r for r in rows if r["scenario"] == scenario]
        if not mine:
            continue
        for estimator, label in (("loglinear", "log-linear (BCa)"),
                                 ("latent_class", "latent class")):
            s = summarise_rows(mine, estimator)
            lines.append(
                f"| {LABELS.get(scenario, scenario)} | {TRUE_SIZE:,} | {label} | "
                f"{s['replicates']} | {s['coverage']:.1%} | {s['bias']:+.1%} | "
                f"{s['width']:.0%} | {s['refused']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicates", type=int, default=200)
    parser.add_argument("--start", type=int, default=0,
                        help="first replicate number (to extend a run: --start 100 --replicates 100)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="comma-separated scenario names (default: all)")
    parser.add_argument("--workers", type=int, default=MAX_WORKERS,
                        help=f"worker processes (at most {MAX_WORKERS})")
    parser.add_argument("--out", type=Path, default=None,
                        help="append every finished replicate to this JSON-lines file")
    parser.add_argument("--summarise", type=Path, default=None,
                        help="print the table from a JSON-lines file and stop")
    args = parser.parse_args()

    if args.summarise:
        rows = [json.loads(line) for line in args.summarise.read_text().splitlines() if line]
        print(table(rows))
        return
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = [s for s in scenarios if s not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    workers = max(1, min(args.workers, MAX_WORKERS))
    tasks = [(s, r) for r in range(args.start, args.start + args.replicates) for s in scenarios]
    print(f"{len(tasks)} replicates ({args.replicates} x {len(scenarios)} scenarios), "
          f"{workers} workers, load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"latent class: {STUDY_SETTINGS}; log-linear: stepwise, BCa {STUDY_BOOTSTRAP}",
          flush=True)
    started = time.perf_counter()
    rows = []
    out = args.out.open("a") if args.out else None
    if workers == 1:
        _init()
        results = map(_work, tasks)
    else:
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_init)
        results = pool.imap_unordered(_work, tasks)
    for row in results:
        rows.append(row)
        if out:
            out.write(json.dumps(row) + "\n")
            out.flush()
        if len(rows) % 50 == 0:
            print(f"  {len(rows)} / {len(tasks)} done, {time.perf_counter() - started:.0f} s",
                  flush=True)
    if out:
        out.close()
    print(f"\ncoverage study, N = {TRUE_SIZE:,}, {time.perf_counter() - started:.0f} s, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(table(rows))


if __name__ == "__main__":
    main()
