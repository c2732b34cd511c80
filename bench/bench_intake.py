"""Benchmark the intake on the 100,000-row national long-format CSV.

Prints, for the same file in the same run, each step in a fresh process (so peak memory is per step):
- ``frictionless validate`` alone (the CLI, and the Python API call) with the partner's Table Schema;
- Zicht's ``validate_bytes`` (sniff, read, Frictionless cell checks, domain rules) with a stage split;
- validate + store through ``zicht.intake.services.submit_bytes`` when it can run (it needs the
  catalog in the database: the synthetic national catalog is not, so the store step is measured on the
  real catalog's largest valid delivery and reported separately).
Targets (issue 2): validate within 2x of ``frictionless validate``; peak memory under 500 MB.
Usage: ``python bench/bench_intake.py [--repeat N] [--regions]`` (generates the data if missing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "intake"
PY = sys.executable
FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))

PRELUDE = """
import json, resource, sys, time
from pathlib import Path
def report(**kw):
    kw["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(kw))
"""

FRICTIONLESS_API = PRELUDE + """
from frictionless import Schema, validate
schema = Schema.from_descriptor(json.loads(Path(sys.argv[2]).read_text()))
t = time.perf_counter()
r = validate(Path(sys.argv[1]).name, schema=schema, basepath=str(Path(sys.argv[1]).parent))
report(seconds=time.perf_counter() - t, valid=r.valid, errors=len(r.flatten(["type"])))
"""

ZICHT_VALIDATE = PRELUDE + """
from zicht.catalog.definitions import load
from zicht.intake.validation import validate_bytes
catalog = load(Path(sys.argv[2]))
t = time.perf_counter()
content = Path(sys.argv[1]).read_bytes()
r = validate_bytes(content, Path(sys.argv[1]).name, "landelijk", 2023, catalog=catalog)
report(seconds=time.perf_counter() - t, valid=r.valid, cells=len(r.cells), problems=len(r.problems))
"""

ZICHT_STAGES = PRELUDE + """
from zicht.catalog.definitions import load
from zicht.intake.cellcheck import check_cells
from zicht.intake.csvread import read_csv
from zicht.intake.limits import Limits
from zicht.intake.rules import apply_rules
from zicht.intake.schema import long_fields, table_schema
catalog = load(Path(sys.argv[2]))
content = Path(sys.argv[1]).read_bytes()
fields = long_fields(catalog.partner("landelijk"))
t0 = time.perf_counter()
read = read_csv(content, fields, set(), Limits())
t1 = time.perf_counter()
checked = check_cells(read.table, table_schema("landelijk", catalog), catalog, "landelijk", 1000)
t2 = time.perf_counter()
problems, cells = apply_rules(read.table, checked.values, checked.bad_rows, catalog, "landelijk", 2023)
t3 = time.perf_counter()
report(read=t1 - t0, frictionless_cells=t2 - t1, rules=t3 - t2, cells=len(cells))
"""

DJANGO_PRELUDE = PRELUDE + """
import os, tempfile
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
tmp = tempfile.mkdtemp()
os.environ["DATABASE_URL"] = "sqlite:///" + tmp + "/bench.sqlite3"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
"""

ZICHT_STORE = DJANGO_PRELUDE + """
from zicht.intake.services import submit_bytes
content = Path(sys.argv[1]).read_bytes()
t = time.perf_counter()
outcome = submit_bytes(content, Path(sys.argv[1]).name, sys.argv[2], int(sys.argv[3]))
report(seconds=time.perf_counter() - t, outcome=str(outcome)[:120])
"""

ZICHT_STORE_NATIONAL = DJANGO_PRELUDE + """
from zicht.catalog.definitions import load
from zicht.catalog.services import load_catalog
from zicht.figures.models import Observation
from zicht.intake.services import submit_bytes
catalog = load(Path(sys.argv[2]))
load_catalog(catalog)
content = Path(sys.argv[1]).read_bytes()
t = time.perf_counter()
outcome = submit_bytes(content, Path(sys.argv[1]).name, "landelijk", 2023, catalog=catalog)
report(seconds=time.perf_counter() - t, stored=Observation.objects.count())
"""


def run(args: list[str], timeout: int = 900, cwd: Path = ROOT) -> dict:
    """Run one step in a fresh process; wall time of the whole process plus what it reported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)
    wall = time.perf_counter() - t
    out = {"process_seconds": wall, "returncode": proc.returncode}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            out.update(json.loads(line[7:]))
    if proc.returncode != 0 and "seconds" not in out:
        out["stderr"] = proc.stderr[-500:]
    return out


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results if key in r)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    data: Path = args.data
    csv_path = data / "national-100k.csv"
    if not csv_path.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_national_delivery import generate

        data.mkdir(parents=True, exist_ok=True)
        print("generating:", generate(data, regions=False))
    from zicht.catalog.definitions import load
    from zicht.intake.schema import table_schema

    schema_path = data / "schema-landelijk.json"
    schema_path.write_text(json.dumps(table_schema("landelijk", load(data / "catalog"))), encoding="utf-8")
    size_mb = csv_path.stat().st_size / 1e6
    rows = sum(1 for _ in open(csv_path, encoding="utf-8")) - 1
    print(f"file: {csv_path} ({rows:,} rows, {size_mb:.1f} MB), repeat={args.repeat}, cpus={os.cpu_count()}, "
          f"load={os.getloadavg()[0]:.1f}")

    cli, api, zicht, stages = [], [], [], []
    for _ in range(args.repeat):  # interleaved, so machine load hits every step alike
        # Frictionless refuses absolute paths as unsafe: run it inside the data folder
        cli.append(run([FRICTIONLESS, "validate", "--schema", schema_path.name, csv_path.name], cwd=data))
        api.append(run([PY, "-c", FRICTIONLESS_API, str(csv_path), str(schema_path)]))
        zicht.append(run([PY, "-c", ZICHT_VALIDATE, str(csv_path), str(data / "catalog")]))
        stages.append(run([PY, "-c", ZICHT_STAGES, str(csv_path), str(data / "catalog")]))
    f_cli = median(cli, "process_seconds")
    f_api = median(api, "seconds")
    z_call = median(zicht, "seconds")
    z_proc = median(zicht, "process_seconds")
    print(f"frictionless validate (CLI, whole process):  {f_cli:6.2f} s   exit {cli[-1]['returncode']}")
    print(f"frictionless validate (API call):            {f_api:6.2f} s   peak RSS {median(api, 'peak_rss_mb'):6.0f} MB"
          f"   valid={api[-1].get('valid')}")
    print(f"zicht validate_bytes (call):                 {z_call:6.2f} s   peak RSS {median(zicht, 'peak_rss_mb'):6.0f} MB"
          f"   valid={zicht[-1].get('valid')} cells={zicht[-1].get('cells')}")
    print(f"zicht validate (whole process):              {z_proc:6.2f} s")
    print(f"  stages: read {median(stages, 'read'):.2f} s, Frictionless cell checks "
          f"{median(stages, 'frictionless_cells'):.2f} s, domain rules {median(stages, 'rules'):.2f} s")
    print(f"ratio zicht/frictionless: call {z_call / f_api:.2f}x (API), process {z_proc / f_cli:.2f}x (CLI); target <= 2x")
    print(f"peak memory target < 500 MB: {'met' if median(zicht, 'peak_rss_mb') < 500 else 'NOT met'}")

    import importlib.util

    if importlib.util.find_spec("zicht.intake.services") is None:
        print("store step skipped: zicht.intake.services does not exist")
        return 0
    real = data / "police-2022.csv"
    real.write_text(
        "indicator;form;age_group;value;source\n"
        "police.complaints;;;23;bench\npolice.complaints;sexual;;22;\npolice.complaints;labour;;1;\n"
        "police.complaints;criminal;;0;\npolice.complaints;other;;0;\n"
        "police.informative_interviews;;;25;\npolice.informative_interviews;sexual;;24;\n"
        "police.informative_interviews;other;;1;\npolice.comensha_notifications;;;20;\n",
        encoding="utf-8",
    )
    store = run([PY, "-c", ZICHT_STORE, str(real), "police_tmm", "2022"])
    if "seconds" in store:
        print(f"validate+store (submit_bytes, real catalog, 9-row police delivery): {store['seconds']:.2f} s, "
              f"peak RSS {store['peak_rss_mb']:.0f} MB")
    else:
        print(f"store step failed: {store.get('stderr', '')[-300:]}")
    runs = [run([PY, "-c", ZICHT_STORE_NATIONAL, str(csv_path), str(data / "catalog")]) for _ in range(3)]
    if all("seconds" in r for r in runs):
        national = dict(runs[-1], seconds=median(runs, "seconds"), peak_rss_mb=median(runs, "peak_rss_mb"))
        print(f"validate+store of the 100,000-row national file (submit_bytes, national catalog loaded, median of 3): "
              f"{national['seconds']:.2f} s, peak RSS {national['peak_rss_mb']:.0f} MB, "
              f"{national['stored']} observations stored; ratio to frictionless validate (API) "
              f"{national['seconds'] / f_api:.2f}x")
    else:
        failed = next(r for r in runs if "seconds" not in r)
        print(f"national store step failed: {failed.get('stderr', '')[-300:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
