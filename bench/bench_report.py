"""Benchmark: building the 2022 monitor (HTML + tagged PDF) from the store.

Prints, from one run on a fresh SQLite database with the demo deliveries and the synthetic linked
records: the whole build (sections, joint disclosure control, charts, HTML, PDF, factsheets, open
data), and as baselines measured in the same run: WeasyPrint alone on the finished HTML (the floor
of any HTML-to-PDF pipeline) and the HTML-only build. Target (issue 2): HTML + PDF under 15 s.

Run: .venv/bin/python bench/bench_report.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup(data_dir: Path) -> None:
    os.environ["ZICHT_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import load_demo_deliveries
    from zicht.demo.synthetic import synthetic_encoded_deliveries
    from zicht.records.services import request_linkage, submit_encoded

    load_catalog()
    load_demo_deliveries()
    for partner, content in synthetic_encoded_deliveries(2022, data_dir / "secret.key").items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    request_linkage(2022)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _time(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _setup(data_dir)
        from zicht.demo.loader import NARRATIVE_DIR
        from zicht.publish.report import build_report, write_pdf

        out = data_dir / "out"
        first_started = time.perf_counter()
        built = build_report(2022, out, NARRATIVE_DIR)
        first = time.perf_counter() - first_started
        full, full_all = _time(lambda: build_report(2022, out, NARRATIVE_DIR), args.repeat)
        html_only, _ = _time(lambda: build_report(2022, out, NARRATIVE_DIR, pdf=False), args.repeat)
        html = built.html_path.read_text(encoding="utf-8").replace('class="screen"', 'class="print"')
        weasy, _ = _time(lambda: write_pdf(html, out / "baseline.pdf"), args.repeat)
    load = os.getloadavg()[0]
    print(f"Report build benchmark (2022 monitor), load average {load:.1f}, median of {args.repeat}")
    print(f"  first build in a fresh process (HTML+PDF) : {first:6.2f} s")
    print(f"  whole build, HTML + PDF + factsheets + open data : {full:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in full_all)})")
    print(f"  baseline: HTML-only build                  : {html_only:6.2f} s")
    print(f"  baseline: WeasyPrint alone on the HTML     : {weasy:6.2f} s")
    print(f"  PDF pages: see {built.pdf_path.name}; suppressed cells: {built.suppressed_cells}")
    target = 15.0
    verdict = "met" if first < target else "NOT met"
    print(f"  target HTML+PDF < {target:.0f} s (first build): {verdict}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
