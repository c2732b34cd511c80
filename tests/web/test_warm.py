"""`zicht serve` warms its master before forking: every view imported, the catalog read, and no
database connection opened (one must never cross the fork into the workers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import django
django.setup()
from django.db import connections
from zicht.catalog.definitions import get_catalog
from zicht.web.warm import warm_up
assert "zicht.web.cockpit_views" not in sys.modules
warm_up()
assert "zicht.web.cockpit_views" in sys.modules and "zicht.web.dashboard" in sys.modules
assert get_catalog.cache_info().currsize == 1
assert all(c.connection is None for c in connections.all(initialized_only=True)), "a connection was opened"
print("warm")
"""


def test_warm_up_imports_the_views_and_reads_the_catalog_without_a_connection(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "zicht.conf.settings",
           "ZICHT_DATA_DIR": str(tmp_path), "ZICHT_DEBUG": "1"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "warm"
