"""A kill -9 during a large submission or a publish leaves no half version.

Each case runs the real code in its own process against its own database (SQLite, or PostgreSQL
when DATABASE_URL points at it) and kills it with SIGKILL, so no ``except``/``finally`` runs:
- a 100,000-row delivery: killed from outside once its write transaction has begun (SQLite: the
  rollback journal exists; PostgreSQL: the backend holds a transaction id); afterwards the
  delivery is there whole or not at all, and at least one kill must have landed mid-write;
- a publish: killed at three exact points (files half written, all written before the rename,
  rows written before the commit); afterwards there is no publication row and nothing served, and
  the next publish succeeds and leaves no stray folder.
"""

from __future__ import annotations

import json
import signal
import time

import pytest

from .installs import drop, new_installation, start_large_submission

ROWS = 100_000


def _backend_gone(installation, timeout: float = 30) -> None:
    """PostgreSQL aborts a killed client's transaction when it notices the closed connection."""
    if not installation.database_url:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not installation.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND pid <> pg_backend_pid()")[0][0]:
            return
        time.sleep(0.1)
    raise AssertionError("the killed client's backend is still there")


def _stored(installation) -> tuple[int, int, int]:
    submissions = installation.query("SELECT COUNT(*) FROM intake_submission")[0][0]
    observations = installation.query("SELECT COUNT(*) FROM figures_observation")[0][0]
    accepted = installation.query(
        "SELECT COUNT(*) FROM audit_auditevent WHERE action = 'submission.accepted'")[0][0]
    return submissions, observations, accepted


@pytest.fixture
def installation(tmp_path):
    inst = new_installation(tmp_path, "kill")
    yield inst
    drop(inst)


def test_kill_during_a_large_submission_leaves_nothing_half(installation, tmp_path):
    bench = tmp_path / "national"
    proc = start_large_submission(installation, bench)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    if not installation.database_url:  # killed mid-write: SQLite's rollback journal is left behind
        assert (installation.data_dir / "zicht.sqlite3-journal").exists()
    _backend_gone(installation)
    stored = _stored(installation)  # on SQLite this first read rolls the hot journal back
    assert stored != (1, ROWS, 1), "the kill came after the commit; nothing was tested"
    assert stored == (0, 0, 0), f"half a delivery stored: {stored}"
    # the same file can be delivered afterwards, whole
    installation.script("submit-large", str(bench))
    assert _stored(installation) == (1, ROWS, 1)


def _publications(installation) -> tuple[int, int]:
    return (installation.query("SELECT COUNT(*) FROM publish_publication")[0][0],
            installation.query("SELECT COUNT(*) FROM publish_artefact")[0][0])


@pytest.mark.parametrize("point", ["staging", "rename", "commit"])
def test_kill_during_a_publish_leaves_no_half_version(installation, point):
    installation.script("prepare-demo")
    proc = installation.script("publish-killed", point, check=False)
    assert proc.returncode == -signal.SIGKILL, (proc.stdout, proc.stderr[-2000:])
    _backend_gone(installation)
    year_dir = installation.data_dir / "publicaties" / "2022"
    left = sorted(p.name for p in year_dir.iterdir())
    assert left == (["v1"] if point == "commit" else [left[0]]) and (point == "commit" or left[0].startswith(".v1-"))
    assert _publications(installation) == (0, 0)
    urls = ["/monitor/2022/", "/monitor/2022/v1/monitor-2022.html", "/monitor/2022.pdf",
            "/open-data/monitor-2022-tabellen.csv"]
    served = json.loads(installation.script("get", *urls).stdout.strip().splitlines()[-1])
    assert set(served.values()) == {404}, served
    # the next publish succeeds, and leaves only the finished version folder
    installation.script("publish")  # migrate (no-op) + catalog (unchanged) + deliveries (same files) + publish
    publications, artefacts = _publications(installation)
    assert publications == 1 and artefacts >= 30
    assert sorted(p.name for p in year_dir.iterdir()) == ["v1"]
    assert len([p for p in (year_dir / "v1").rglob("*") if p.is_file()]) == artefacts
    served = json.loads(installation.script("get", *urls).stdout.strip().splitlines()[-1])
    assert set(served.values()) == {200}, served
