"""The lock file pins every dependency the project declares, so a rebuild a year later resolves the
same numpy, scipy, pandas, duckdb or splink (and so the same intervals, patterns and clusters)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_declared_dependency_is_pinned_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            pinned[name.lower().replace("_", "-")] = version
    missing = sorted(d for d in declared if d not in pinned)
    assert not missing, f"declared but not in requirements.lock: {missing}"


def test_make_install_uses_the_lock_file():
    assert "-c requirements.lock" in (ROOT / "Makefile").read_text(encoding="utf-8")
