"""The apps' layers and the engines' independence hold (ADR 1212), and figures owns its writer.

import-linter is run on the real source tree with the contracts of pyproject.toml, so a new import
that breaks a layer fails here as well as in `make lint`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zicht.figures.services import store_observations
from zicht.intake import writers

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Apps are layered" in run.stdout and "Engines are independent of each other" in run.stdout
    assert "0 broken" in run.stdout


def test_intake_stores_figures_through_the_figures_writer():
    assert writers._writer is store_observations


def test_a_missing_writer_is_refused_loudly(monkeypatch):
    monkeypatch.setattr(writers, "_writer", None)
    with pytest.raises(RuntimeError, match="zicht.figures"):
        writers.write_observations(object(), [])
