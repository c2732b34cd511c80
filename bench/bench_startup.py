"""Start-up cost of the `zicht` command and of a web worker (issue 12), beside `import django`.

Run: .venv/bin/python bench/bench_startup.py [--repeat N] [--compare OTHER/src]

Every measurement runs in a fresh process; its CPU time (user + system) is the growth of
``resource.getrusage(RUSAGE_CHILDREN)`` across that one child, the median of N runs (default 5).
Measured in the same run, so that the machine's load affects all alike:

- baseline: ``python -c "import django"``;
- ``zicht --help``;
- ``zicht estimate Western.csv --json`` (the issue's finding; default BCa bootstrap of 1,000 resamples),
  and beside it the MSE engine alone on the same file without Django (import + estimate), so the
  command's start-up is the difference; the same without bootstrap, beside the engine's import alone;
- a web worker: ``import zicht.conf.wsgi`` and resolving the URLconf, with its resident memory
  (VmRSS after start-up), beside the RSS of ``import django``.

``--compare`` runs the same measurements on another checkout's ``src`` (e.g. main before a change).
Prints, never asserts (the regression guard is tests/foundation/test_lean_start.py)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WESTERN = ROOT.parent / "shared" / "reference" / "mse" / "Western.csv"
if not WESTERN.is_file():
    WESTERN = ROOT / "tests" / "engines" / "mse" / "data" / "Western.csv"
KEY = "bench-" + "k" * 50
RSS = "\nprint('RSS_KB=' + [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS:')][0])"
WORKER = "import django.urls, zicht.conf.wsgi; django.urls.resolve('/'); django.urls.resolve('/admin/')"
ENGINE = ("import sys; from zicht.engines.mse import CaptureData, estimate; "
          "estimate(CaptureData.from_csv(sys.argv[1]), method='stepwise', bootstrap=1000, seed=1)")


def run(args: list[str], src: Path, home: Path) -> tuple[float, int | None]:
    """CPU seconds of one fresh child process, and the RSS (kB) it reports, if it does."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "PYTHONPATH": str(src),
           "ZICHT_DATA_DIR": str(home), "DJANGO_SETTINGS_MODULE": "zicht.conf.settings",
           "ZICHT_SECRET_KEY": KEY, "ZICHT_DEBUG": "0", "ZICHT_ALLOWED_HOSTS": "localhost"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, *args], cwd=home, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{args} failed:\n{done.stderr[-2000:]}")
    rss = [int(line[7:]) for line in done.stdout.splitlines() if line.startswith("RSS_KB=")]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, rss[-1] if rss else None


def cases() -> list[tuple[str, list[str]]]:
    return [
        ("baseline: python -c 'import django'", ["-c", "import django" + RSS]),
        ("zicht --help", ["-m", "zicht", "--help"]),
        ("zicht estimate Western.csv --json", ["-m", "zicht", "estimate", str(WESTERN), "--json"]),
        ("  beside it: MSE engine alone (import + estimate)", ["-c", ENGINE, str(WESTERN)]),
        ("zicht estimate Western.csv --json --bootstrap 0", ["-m", "zicht", "estimate", str(WESTERN), "--json",
                                                            "--bootstrap", "0"]),
        ("  beside it: import of the MSE engine (NumPy, SciPy)", ["-c", "import zicht.engines.mse"]),
        ("web worker: import zicht.conf.wsgi + URLconf", ["-c", WORKER + RSS]),
    ]


def measure(src: Path, repeat: int) -> dict[str, tuple[float, int | None]]:
    results = {}
    with tempfile.TemporaryDirectory(prefix="zicht-bench-startup-") as home:
        for label, args in cases():
            runs = [run(args, src, Path(home)) for _ in range(repeat)]
            rss = [r for _, r in runs if r is not None]
            results[label] = (statistics.median(c for c, _ in runs), int(statistics.median(rss)) if rss else None)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another checkout's src folder, measured in the same run")
    args = parser.parse_args()
    sources = {"this checkout": ROOT / "src"}
    if args.compare:
        sources[f"compare: {args.compare}"] = args.compare.resolve()
    print(f"load average before: {os.getloadavg()[0]:.1f}; median of {args.repeat}, each in a fresh process")
    for name, src in sources.items():
        print(f"\n{name} ({src})")
        print(f"{'measurement':52} {'CPU s':>7} {'RSS MB':>7}")
        for label, (cpu, rss) in measure(src, args.repeat).items():
            print(f"{label:52} {cpu:7.2f} {'' if rss is None else f'{rss / 1024:7.0f}':>7}")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
