"""Benchmark the intake on files at its limits: 1,000,000 rows, 25 MiB (issue 12, bounded intake).

Generates into ``var/bench/intake-limits/`` (once):
- ``catalog/``: a synthetic catalog whose one partner ``grens`` has 2,916 indicators without dimensions,
  each deliverable per municipality (342 municipalities), so a single delivery can hold a million distinct
  valid cells in a file of at most 25 MiB;
- ``at-limit.csv``: exactly 1,000,000 data rows (the row limit), just under 25 MiB (the size limit, padded
  with a source text), valid: every rule runs to the end, nothing exits early;
- ``over-limit.csv``: the same with one row more (1,000,001 rows): refused at the first row over the limit;
- ``duplicates.csv``: 1,000,000 rows of one real-catalog cell (the issue's finding: 250 s, 1.2 GB before
  it was refused): refused after the first errors.
Each case runs in a fresh process that reports its wall time and peak RSS (``ru_maxrss``), beside
``frictionless validate`` (the CLI, whole process, and the API call) on the same file with the same
Table Schema in the same run. Targets: Zicht's judgement under 30 s and 500 MB.
Usage: ``python bench/bench_intake_limits.py [--repeat N] [--skip-frictionless] [--api] [--only FILE ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "intake-limits"
PY = sys.executable
FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))
PARTNER = "grens"
ROWS = 1_000_000
MUNIS = 342
MAX_BYTES = 25 * 1024 * 1024

PRELUDE = """
import json, resource, sys, time
from pathlib import Path
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def report(**kw):
    kw["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(kw))
"""

FRICTIONLESS_API = PRELUDE + """
from frictionless import Schema, validate
schema = Schema.from_descriptor(json.loads(Path(sys.argv[2]).read_text()))
t, c = time.perf_counter(), cpu()
r = validate(Path(sys.argv[1]).name, schema=schema, basepath=str(Path(sys.argv[1]).parent), limit_errors=1000)
report(seconds=time.perf_counter() - t, cpu_seconds=cpu() - c, valid=r.valid, errors=len(r.flatten(["type"])))
"""

FRICTIONLESS_CLI = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("RESULT " + json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": r.ru_utime + r.ru_stime,
                              "peak_rss_mb": r.ru_maxrss / 1024, "exit": code}))
"""
"""``frictionless validate`` in a fresh wrapper process, so that its peak RSS is its own."""

ZICHT_VALIDATE = PRELUDE + """
from zicht.catalog.definitions import get_catalog, load
from zicht.intake.validation import validate_path
catalog = load(Path(sys.argv[2])) if sys.argv[2] != "-" else get_catalog()
import frictionless  # loaded by the first upload of a worker; not part of judging one file
t, c = time.perf_counter(), cpu()
r = validate_path(sys.argv[1], sys.argv[3], int(sys.argv[4]), catalog=catalog)
codes = sorted({p.code for p in r.problems})
report(seconds=time.perf_counter() - t, cpu_seconds=cpu() - c, valid=r.valid, cells=len(r.cells),
       problems=len(r.problems), codes=codes[:6])
"""


def write_catalog(out: Path) -> Path:
    import yaml

    from zicht.catalog.definitions import DATA_DIR

    target = out / "catalog"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "codelists.yaml", target / "codelists.yaml")
    munis = [{"code": f"GM{7001 + n:04d}", "name": f"Gemeente {n + 1:03d}", "part": "a" if n % 2 else "b"}
             for n in range(MUNIS)]
    (target / "municipalities.yaml").write_text(yaml.safe_dump({
        "version": "bench", "region": {"code": "NL", "nl": "Nederland", "en": "Netherlands"},
        "parts": {"a": {"nl": "Deel A", "en": "Part A"}, "b": {"nl": "Deel B", "en": "Part B"}},
        "municipalities": munis,
    }, allow_unicode=True), encoding="utf-8")
    n_ind = -(-ROWS // (MUNIS + 1))
    indicators = [{"code": f"i{n:04d}", "nl": f"Indicator {n}", "unit": "persons", "dimensions": [],
                   "municipality": "optional"} for n in range(1, n_ind + 1)]
    (target / "partners.yaml").write_text(yaml.safe_dump({
        "version": "bench",
        "partners": [{"code": PARTNER, "name": "Benchmarkpartner grenzen", "short": "Grens", "kind": "national",
                      "indicators": indicators}],
    }, allow_unicode=True), encoding="utf-8")
    return target


def _rows(n_ind: int):
    """(indicator, municipality, value) per row: per indicator the regional total, then the municipalities."""
    import random

    rng = random.Random(12)
    for i in range(1, n_ind + 1):
        values = [rng.randrange(0, 40) for _ in range(MUNIS)]
        yield f"i{i:04d}", "", sum(values)
        for m, v in enumerate(values):
            yield f"i{i:04d}", f"GM{7001 + m:04d}", v


def write_files(out: Path) -> dict:
    n_ind = -(-ROWS // (MUNIS + 1))
    rows = []
    for n, row in enumerate(_rows(n_ind)):
        if n == ROWS + 1:
            break
        rows.append(row)
    header = "indicator;municipality;value;source\n"
    base = len(header) + sum(len(f"{a};{b};{c};\n") for a, b, c in rows[:ROWS])
    pad = (MAX_BYTES - 1024 - base) // ROWS  # a source text on every row brings the file just under 25 MiB
    source = ("bron-" + "x" * pad)[:pad]
    for name, count in (("at-limit.csv", ROWS), ("over-limit.csv", ROWS + 1)):
        with open(out / name, "w", encoding="utf-8", newline="") as fh:
            fh.write(header)
            fh.writelines(f"{a};{b};{c};{source}\n" for a, b, c in rows[:count])
    with open(out / "duplicates.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("indicator;value\n")
        fh.writelines("police.complaints;1\n" for _ in range(ROWS))
    return {name: (out / name).stat().st_size for name in ("at-limit.csv", "over-limit.csv", "duplicates.csv")}


def run(args: list[str], timeout: int = 900, cwd: Path = ROOT) -> dict:
    """One step in a fresh process: wall time of the process, its peak RSS, and what it reported."""
    import resource

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    out = {"process_seconds": wall, "process_cpu_seconds": cpu, "returncode": proc.returncode}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            out.update(json.loads(line[7:]))
    if proc.returncode != 0 and "seconds" not in out:
        out["stderr"] = proc.stderr[-500:]
    return out


def report_case(data: Path, name: str, z: list[dict], cli: list[dict], api: list[dict]) -> bool:
    """Print one file's figures; True when Zicht met the targets."""
    size = (data / name).stat().st_size / (1024 * 1024)
    if not all("seconds" in r for r in z):
        print(f"{name}: Zicht failed: {next(r for r in z if 'seconds' not in r).get('stderr')}", flush=True)
        return False
    med = lambda rs, key: statistics.median(r[key] for r in rs)  # noqa: E731
    secs, rss, last = med(z, "seconds"), med(z, "peak_rss_mb"), z[-1]
    met = secs < 30 and rss < 500
    print(f"{name} ({size:.1f} MiB), load average now {os.getloadavg()[0]:.1f}:")
    print(f"  zicht validate_path (call):            {secs:7.2f} s wall, {med(z, 'cpu_seconds'):6.2f} s CPU, "
          f"peak RSS {rss:5.0f} MB; valid={last['valid']} cells={last['cells']} problems={last['problems']} "
          f"{last['codes']}")
    print(f"  zicht (whole process):                 {med(z, 'process_seconds'):7.2f} s wall, "
          f"{med(z, 'process_cpu_seconds'):6.2f} s CPU; target < 30 s and < 500 MB: {'met' if met else 'NOT met'}")
    if cli and all("seconds" in r for r in cli):
        print(f"  frictionless validate (CLI, process):  {med(cli, 'seconds'):7.2f} s wall, "
              f"{med(cli, 'cpu_seconds'):6.2f} s CPU, peak RSS {med(cli, 'peak_rss_mb'):5.0f} MB; "
              f"exit {cli[-1]['exit']} (1: invalid)")
    if api and all("seconds" in r for r in api):
        print(f"  frictionless validate (API call):      {med(api, 'seconds'):7.2f} s wall, "
              f"{med(api, 'cpu_seconds'):6.2f} s CPU, peak RSS {med(api, 'peak_rss_mb'):5.0f} MB; "
              f"valid={api[-1]['valid']} errors={api[-1]['errors']}")
    sys.stdout.flush()
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--skip-frictionless", action="store_true")
    parser.add_argument("--api", action="store_true", help="also the Frictionless API call (in a fresh process)")
    parser.add_argument("--only", nargs="*", help="file names to run (default: all three)")
    args = parser.parse_args()
    data: Path = args.data
    if not (data / "duplicates.csv").exists() or (data / "duplicates.csv").stat().st_size > MAX_BYTES:
        data.mkdir(parents=True, exist_ok=True)
        write_catalog(data)
        print("generated:", write_files(data), flush=True)
    from zicht.catalog.definitions import get_catalog, load
    from zicht.intake.schema import table_schema

    (data / "schema-grens.json").write_text(json.dumps(table_schema(PARTNER, load(data / "catalog"))),
                                           encoding="utf-8")
    (data / "schema-police.json").write_text(json.dumps(table_schema("police_tmm", get_catalog())),
                                            encoding="utf-8")
    cases = [("at-limit.csv", "schema-grens.json", str(data / "catalog"), PARTNER),
             ("over-limit.csv", "schema-grens.json", str(data / "catalog"), PARTNER),
             ("duplicates.csv", "schema-police.json", "-", "police_tmm")]
    print(f"cpus={os.cpu_count()}, load average at start {os.getloadavg()[0]:.1f}, repeat={args.repeat}", flush=True)
    ok = True
    for name, schema, catalog, partner in cases:
        if args.only and name not in args.only:
            continue
        z, cli, api = [], [], []
        for _ in range(args.repeat):
            z.append(run([PY, "-c", ZICHT_VALIDATE, str(data / name), catalog, partner, "2023"]))
            if not args.skip_frictionless:
                # Frictionless refuses absolute paths as unsafe: run it inside the data folder
                cli.append(run([PY, "-c", FRICTIONLESS_CLI, FRICTIONLESS, "validate", "--schema", schema,
                                "--limit-errors", "1000", name], cwd=data))
                if args.api:
                    api.append(run([PY, "-c", FRICTIONLESS_API, str(data / name), str(data / schema)]))
        ok &= report_case(data, name, z, cli, api)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
