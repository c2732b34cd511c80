"""Run every benchmark in this folder in turn (`make bench`); each prints its own figures."""

import subprocess
import sys
from pathlib import Path

SCRIPTS = ["bench_report.py", "bench_report_national.py", "bench_intake.py", "bench_disclosure.py", "bench_mse.py",
           "bench_linkage.py", "bench_serve.py", "bench_startup.py", "bench_intake_limits.py"]


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = 0
    for name in SCRIPTS:
        script = here / name
        if not script.exists():
            print(f"(skipped: {name} not present)")
            continue
        print(f"===== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(script)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
