"""Benchmark: joint cell suppression for a year's publication (issue 3).

Prints, for the regional year (six linked 2-way tables over 23 municipalities, forms,
gender and 3 age bands; about 600 persons) and a national variant (342 municipalities,
6000 persons), in the same run:
  - Zicht's solver (MILP on HiGHS with attacker cuts, warm-started attacker LPs);
  - a simple hypercube-style heuristic (baseline, table by table);
  - pytauargus (tau-ARGUS engine on HiGHS, OPT per table), when it runs;
each with solve time, suppressed cells, information loss (persons hidden, summed over
hidden cells) and the verdict of the independent joint attacker audit.

    .venv/bin/python -m bench.bench_disclosure [--skip-national] [--skip-national-audit]

Zicht's own pattern is always audited (solve + audit is the figure with a target);
``--skip-national-audit`` skips only the audits of the baselines' national patterns.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np

from bench.disclosure_data import DIMENSIONS, national_year, regional_year
from zicht.engines.disclosure import Policy, audit_publication, protect_publication
from zicht.engines.disclosure.hypercube import hypercube
from zicht.engines.disclosure.protect import publication_from_pattern
from zicht.engines.disclosure.universe import cell_key

PROTOTYPE = "prototype (issue 3): 38 s, 487 cells, 137 primary + 26 secondary"


def _line(name, seconds, publication, audit_ok, audit_seconds, note=""):
    audit = "niet gecontroleerd" if audit_ok is None else ("OK" if audit_ok else "ONVEILIG")
    audit_time = "" if audit_seconds is None else f" ({audit_seconds:.1f} s)"
    print(
        f"  {name:<22} {seconds:8.2f} s  suppressed {publication.suppressed:5d} "
        f"(primary {publication.primary_suppressed:4d}, secondary {publication.secondary_suppressed:4d})"
        f"  persons hidden {publication.persons_suppressed:6d}  audit {audit}{audit_time} {note}"
    )


def _load() -> str:
    try:
        return ", ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "unknown"


def _audit(rows, publication, run: bool):
    if not run:
        return None, None
    started = time.perf_counter()
    report = audit_publication(rows, publication)
    return report.ok, time.perf_counter() - started


def _tauargus_pattern(rows, tables):
    """Run pytauargus (each table on its own, as it works) and return the hidden keys."""
    from pytauargus import protect

    micro = {d: [] for d in DIMENSIONS}
    for row in rows:
        for d in DIMENSIONS:
            micro[d].extend([row[d]] * row["count"])
    micro["one"] = [1] * sum(r["count"] for r in rows)
    started = time.perf_counter()
    result = protect(
        micro, [list(t) for t in tables], response="one", safety_rules="FREQ(5,30)",
        suppress="OPT(1)", workdir=tempfile.mkdtemp(prefix="zicht_tau_"),
    )
    seconds = time.perf_counter() - started
    hidden = set()
    for table, dims in zip(result.tables, tables):
        for record in table.rows:
            if record["status"] in ("U", "M"):
                key = {d: str(record[d]).strip() for d in dims if str(record[d]).strip() != "Total"}
                hidden.add(cell_key(key))
    return hidden, seconds


def run(label, rows, tables, audit_all=True, joint_target=None, solve_target=None):
    persons = sum(r["count"] for r in rows)
    print(f"\n{label}: {persons} persons, tables {', '.join('x'.join(t) for t in tables)}")
    policy = Policy()

    started = time.perf_counter()
    ours = protect_publication(rows, tables, policy, audit=False)
    ours_seconds = time.perf_counter() - started
    print(f"  published cells {ours.cells_published}, primary (unsafe) {ours.primary_suppressed}")
    ok, audit_seconds = _audit(rows, ours, True)
    ours_audit = audit_seconds
    _line("zicht (MILP + cuts)", ours_seconds, ours, ok, audit_seconds,
          f"[{ours.rounds} rounds, {ours.cuts} cuts, {ours.lp_solves} LPs]")

    started = time.perf_counter()
    base = publication_from_pattern(rows, tables, hypercube, policy)
    base_seconds = time.perf_counter() - started
    ok, audit_seconds = _audit(rows, base, audit_all)
    _line("hypercube baseline", base_seconds, base, ok, audit_seconds)

    try:
        hidden, tau_seconds = _tauargus_pattern(rows, tables)
    except Exception as error:  # noqa: BLE001 - report exactly why it did not run
        print(f"  pytauargus             did not run: {type(error).__name__}: {error}")
    else:
        tau = publication_from_pattern(
            rows, tables, lambda u, p: np.array([k in hidden for k in u.keys]), policy
        )
        ok, audit_seconds = _audit(rows, tau, audit_all)
        _line("pytauargus OPT/table", tau_seconds, tau, ok, audit_seconds,
              "[FREQ(5,30), tables protected one by one]")
    fewer = base.suppressed - ours.suppressed
    target = ""
    if solve_target is not None:
        target = (f"; target < {solve_target} s: "
                  f"{'met' if ours_seconds < solve_target else 'NOT met'} ({ours_seconds:.2f} s)")
    print(f"  zicht hides {fewer} cells fewer than the baseline "
          f"({ours.suppressed} vs {base.suppressed}){target}")
    if ours_audit is not None:
        joint = ours_seconds + ours_audit
        verdict = ""
        if joint_target is not None:
            verdict = f" (target < {joint_target} s: {'met' if joint < joint_target else 'NOT met'})"
        print(f"  zicht solve + independent audit: {joint:.1f} s{verdict}")
    print(f"  load average now: {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--skip-national-audit", action="store_true")
    args = parser.parse_args()
    print("Disclosure control benchmark (threshold 5; idle-machine timings vary)")
    print(f"  load average at start: {_load()}")
    print(f"  reference: {PROTOTYPE}")
    rows, tables = regional_year()
    run("Regional year (23 municipalities)", rows, tables, solve_target=8)
    if not args.skip_national:
        rows, tables = national_year()
        run("National variant (342 municipalities)", rows, tables,
            audit_all=not args.skip_national_audit, joint_target=60)


if __name__ == "__main__":
    main()
