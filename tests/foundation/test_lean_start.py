"""Heavy libraries load where they are used, not when a web worker or the `zicht` command starts.

Each check runs in a fresh process with a clean environment and looks at ``sys.modules`` after the
start-up under test (not a timing: the times are in ``bench/bench_startup.py``). A module-level
import of a chart, linkage or PDF library anywhere on the URLconf's import chain fails here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
REFERENCE = Path(__file__).resolve().parents[1] / "engines" / "mse" / "data" / "Western.csv"  # the copy in the repo
KEY = "k" * 20 + "-Zicht-test-sleutel-0123456789-abcdefghij"
HEAVY = ("altair", "vl_convert", "duckdb", "splink", "weasyprint", "pandas")
REPORT = f"\nimport json, sys; print('LOADED=' + json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"


def loaded(code: str, cwd: Path) -> list[str]:
    """The heavy libraries present in ``sys.modules`` after running ``code`` in a fresh process."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "PYTHONPATH": str(SRC), "ZICHT_DATA_DIR": str(cwd),
           "DJANGO_SETTINGS_MODULE": "zicht.conf.settings", "ZICHT_SECRET_KEY": KEY, "ZICHT_DEBUG": "0",
           "ZICHT_ALLOWED_HOSTS": "monitor.example.nl"}
    result = subprocess.run([sys.executable, "-c", code + REPORT], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("LOADED=")][-1]
    return json.loads(line.removeprefix("LOADED="))


def test_web_worker_and_urlconf_load_no_heavy_library(tmp_path):
    code = "import zicht.conf.wsgi, django.urls; django.urls.resolve('/'); django.urls.resolve('/admin/')"
    assert loaded(code, tmp_path) == []


def test_the_check_itself_sees_a_heavy_import(tmp_path):
    """The probe is not blind: importing the chart module's library shows up."""
    assert loaded("import zicht.conf.wsgi, pandas", tmp_path) == ["pandas"]


def test_zicht_help_loads_no_heavy_library(tmp_path):
    code = "from zicht.__main__ import main\nmain(['--help'])"
    assert loaded(code, tmp_path) == []


def test_zicht_estimate_loads_no_heavy_library(tmp_path):
    code = f"from zicht.__main__ import main\nmain(['estimate', {str(REFERENCE)!r}, '--json', '--bootstrap', '0'])"
    assert loaded(code, tmp_path) == []
