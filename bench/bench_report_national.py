"""Benchmark: building and publishing the monitor on national-scale data, beside the regional demo.

National: ``gen_national_report`` (the real partners and indicators on ``gen_national_delivery``'s
geography: 342 municipalities in 25 safety regions, ten years, every count per municipality), loaded
through ``submit_bytes`` as partners deliver. Regional: the demo deliveries and synthetic linked case
records (as ``bench_report.py``). For each, in the same run and each step in a fresh process (so peak
RSS is that step's): the build of the year (HTML + PDF + factsheets + open data) with its split by
stage, and ``publish_period`` (which builds again and freezes the publication), on a copy of the
loaded database. Target (issue 9): national build and publish under 60 s and 1 GB.

Run: ``.venv/bin/python bench/bench_report_national.py [--repeat N] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "report-national"
REGIONAL_YEAR, NATIONAL_YEAR = 2022, 2023
STAGES = {  # names in zicht.publish.report, looked up at call time: wrapped with a timer
    "store": "FigureStore", "factsheets": "build_factsheets", "recoding": ("recodings_for", "apply_recodings"),
    "protection": "protect_blocks", "charts": "render_chart", "html": "render_html", "pdf": "pdf_bytes",
    "factsheet_files": "render_factsheets", "opendata": ("public_tables", "csv_bytes", "json_bytes"),
    "alternatives": "alternatives",  # recodings proposed to the analyst, after protection
}
IN_SECTIONS = ("store", "factsheets", "recoding", "protection", "charts")  # called by build_sections


# ---------------------------------------------------------------- steps (each in its own process)

def _django(db: Path, out: Path, catalog_dir: str | None) -> None:
    if catalog_dir:
        # Zicht reads its catalog from the files it ships (``get_catalog``); a national deployment
        # would ship the national catalog. The bench points the loader at it before first use.
        from zicht.catalog import definitions

        definitions.load.__defaults__ = (Path(catalog_dir),)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["ZICHT_DATA_DIR"] = str(out)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_load(db: Path, out: Path, catalog_dir: str | None, data: Path) -> dict:
    _django(db, out, catalog_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zicht.catalog.definitions import get_catalog
    from zicht.catalog.services import load_catalog
    from zicht.figures.models import Observation
    from zicht.intake.services import submit_bytes

    started = time.perf_counter()
    load_catalog(get_catalog())
    if catalog_dir:
        from gen_national_report import delivery_files

        files = delivery_files(data)
        for year, partner, path in files:
            submit_bytes(path.read_bytes(), path.name, partner, year, provenance="benchmark")
    else:
        from zicht.demo.loader import demo_delivery_files, load_demo_deliveries
        from zicht.demo.synthetic import synthetic_encoded_deliveries
        from zicht.records.services import request_linkage, submit_encoded

        files = demo_delivery_files()
        load_demo_deliveries()
        for partner, content in synthetic_encoded_deliveries(REGIONAL_YEAR, out / "secret.key").items():
            submit_encoded(content, f"{partner}.csv", partner, REGIONAL_YEAR, synthetic=True)
        request_linkage(REGIONAL_YEAR)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    return {"seconds": time.perf_counter() - started, "files": len(files),
            "observations": Observation.objects.count(), "db_mb": db.stat().st_size / 1e6}


def _rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2


def _timed(name: str, fn, totals: dict, rss: dict):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - started
            rss[name] = max(rss.get(name, 0.0), _rss_mb())
    return wrapper


def step_build(db: Path, out: Path, catalog_dir: str | None, year: int, publish: bool) -> dict:
    _django(db, out, catalog_dir)
    from zicht.demo.loader import NARRATIVE_DIR
    from zicht.publish import report, storage

    narrative = None if catalog_dir else NARRATIVE_DIR
    totals: dict[str, float] = {}
    rss: dict[str, float] = {}
    for stage, names in {**STAGES, "build_sections": "build_sections"}.items():
        for name in (names,) if isinstance(names, str) else names:
            setattr(report, name, _timed(stage, getattr(report, name), totals, rss))
    storage.write_files = _timed("write_files", storage.write_files, totals, rss)  # imported when called
    rss_before = _peak_mb()
    started = time.perf_counter()
    if publish:
        from zicht.publish.services import publish_period

        publication, built = publish_period(year, narrative)
    else:
        built = report.build_report(year, out / "draft", narrative)
    seconds = time.perf_counter() - started
    sections = totals.pop("build_sections") - sum(totals.get(k, 0) for k in IN_SECTIONS)
    return {"seconds": seconds, "stages": {"sections": sections, **totals}, "rss_before_mb": rss_before,
            "rss_after_stage_mb": rss,
            "suppressed": built.suppressed_cells, "tables": len(built.tables)}


def step_store(db: Path, out: Path, catalog_dir: str | None, year: int) -> dict:
    _django(db, out, catalog_dir)
    from zicht.figures.services import FigureStore

    rss_before = _peak_mb()
    started = time.perf_counter()
    store = FigureStore(range(year - 5, year + 1))
    return {"seconds": time.perf_counter() - started, "rss_before_mb": rss_before,
            "cells": sum(len(c) for c in store._cells.values())}


def child(argv: list[str]) -> None:
    """Entry point of a step process: prints one RESULT line with its figures and peak RSS."""
    sys.path.insert(0, str(ROOT / "bench"))
    step, db, out, catalog = argv[0], Path(argv[1]), Path(argv[2]), argv[3] or None
    if step == "load":
        result = step_load(db, out, catalog, Path(argv[4]))
    elif step == "store":
        result = step_store(db, out, catalog, int(argv[4]))
    else:
        result = step_build(db, out, catalog, int(argv[4]), publish=step == "publish")
    result["peak_rss_mb"] = _peak_mb()
    print("RESULT " + json.dumps(result), flush=True)


# ---------------------------------------------------------------- driver

def run(step: str, db: Path, out: Path, catalog: str, extra: str, timeout: int = 3600) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", step, str(db), str(out), catalog, extra],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    result = {"process_seconds": time.perf_counter() - started}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            result.update(json.loads(line[7:]))
    if "peak_rss_mb" not in result:
        raise SystemExit(f"step {step} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return result


def fresh_copy(db: Path, tmp: Path, name: str) -> tuple[Path, Path]:
    """A copy of the loaded database and an empty output folder, so every run starts alike."""
    target = tmp / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    shutil.copy(db, target / "db.sqlite3")
    if (db.parent / "secret.key").exists():
        shutil.copy(db.parent / "secret.key", target / "secret.key")
    return target / "db.sqlite3", target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--skip-publish", action="store_true")
    args = parser.parse_args()
    if not (args.data / "deliveries").exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_national_report import generate

        args.data.mkdir(parents=True, exist_ok=True)
        print("generating:", generate(args.data), flush=True)
    cases = {"regional demo": ("", REGIONAL_YEAR), "national": (str(args.data / "catalog"), NATIONAL_YEAR)}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="zicht-bench-report-") as tmp_name:
        tmp = Path(tmp_name)
        for label, (catalog, year) in cases.items():
            base = tmp / label.replace(" ", "-")
            base.mkdir()
            loaded = run("load", base / "db.sqlite3", base, catalog, str(args.data))
            print(f"[{label}] loaded {loaded['files']} deliveries, {loaded['observations']:,} observations "
                  f"in {loaded['seconds']:.1f} s (database {loaded['db_mb']:.0f} MB)", flush=True)
            res = {"load": loaded, "store": [], "build": [], "publish": []}
            for i in range(args.repeat):  # each step on its own copy, in a fresh process
                res["store"].append(run("store", *fresh_copy(base / "db.sqlite3", tmp, "run"), catalog, str(year)))
                res["build"].append(run("build", *fresh_copy(base / "db.sqlite3", tmp, "run"), catalog, str(year)))
                if not args.skip_publish:
                    res["publish"].append(run("publish", *fresh_copy(base / "db.sqlite3", tmp, "run"), catalog, str(year)))
                print(f"[{label}] run {i + 1}: build {res['build'][-1]['seconds']:.1f} s"
                      + (f", publish {res['publish'][-1]['seconds']:.1f} s" if res["publish"] else ""), flush=True)
            results[label] = res
    report(results, args.repeat)
    return 0


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def report(results: dict, repeat: int) -> None:
    print(f"\nReport build and publish, regional demo and national, load average {os.getloadavg()[0]:.1f}, "
          f"median of {repeat}, each step in a fresh process")
    labels = list(results)
    print(f"{'':44}" + "".join(f"{label:>26}" for label in labels))

    def row(name: str, cell) -> None:
        print(f"{name:44}" + "".join(f"{cell(results[label]):>26}" for label in labels))

    row("deliveries loaded / observations", lambda r: f"{r['load']['files']} / {r['load']['observations']:,}")
    row("load through submit_bytes", lambda r: f"{r['load']['seconds']:.1f} s")
    row("read model: FigureStore, 6 years", lambda r: f"{_median(r['store'], 'seconds'):.2f} s, "
        f"+{_median(r['store'], 'peak_rss_mb') - _median(r['store'], 'rss_before_mb'):.0f} MB")
    row("build (HTML+PDF+factsheets+open data)", lambda r: f"{_median(r['build'], 'seconds'):.1f} s")
    row("  peak RSS of the build process", lambda r: f"{_median(r['build'], 'peak_rss_mb'):.0f} MB")
    row("  RSS after start-up and imports", lambda r: f"{_median(r['build'], 'rss_before_mb'):.0f} MB")
    print("  stage: time (RSS after it, not the peak)")
    for stage in ("sections", "store", "factsheets", "recoding", "protection", "charts", "html", "pdf",
                  "factsheet_files", "opendata", "alternatives", "write_files"):
        row(f"  {stage}", lambda r, s=stage: f"{statistics.median(b['stages'].get(s, 0) for b in r['build']):.2f} s"
            + (f" ({r['build'][-1]['rss_after_stage_mb'][s]:.0f} MB)" if s in r['build'][-1]['rss_after_stage_mb'] else ""))
    row("  tables / suppressed cells", lambda r: f"{r['build'][-1]['tables']} / {r['build'][-1]['suppressed']}")
    if all(r["publish"] for r in results.values()):
        row("publish_period (build + freeze)", lambda r: f"{_median(r['publish'], 'seconds'):.1f} s")
        row("  peak RSS of the publish process", lambda r: f"{_median(r['publish'], 'peak_rss_mb'):.0f} MB")
    national = results.get("national")
    if national and national["publish"]:
        worst = max(_median(national["build"], "seconds"), _median(national["publish"], "seconds"))
        rss = max(_median(national["build"], "peak_rss_mb"), _median(national["publish"], "peak_rss_mb"))
        verdict = "met" if worst < 60 and rss < 1024 else "NOT met"
        print(f"target national build and publish < 60 s and < 1 GB: {verdict} ({worst:.1f} s, {rss:.0f} MB)")
    sys.stdout.flush()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        sys.exit(main())
