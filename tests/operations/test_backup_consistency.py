"""A backup taken while a large delivery is being written holds that delivery whole or not at all.

The database part is read in one transaction (PostgreSQL: REPEATABLE READ; SQLite: the write-locked
transaction, so the backup waits for the writer), so its rows agree with each other and with the
manifest's counts whatever runs beside it.
"""

from __future__ import annotations

import json
import tarfile
import time

import pytest

from .installs import HERE, drop, new_installation
from .test_kill_nine import ROWS, _write_started


@pytest.fixture
def installation(tmp_path):
    inst = new_installation(tmp_path, "snapshot")
    yield inst
    drop(inst)


def test_backup_beside_a_large_submission_is_consistent(installation, tmp_path):
    bench = tmp_path / "national"
    installation.script("prepare-large", str(bench))
    writer = installation.popen(str(HERE / "cycle.py"), "submit-large", str(bench))
    deadline = time.monotonic() + 300
    while not _write_started(installation):
        assert writer.poll() is None, writer.communicate()
        assert time.monotonic() < deadline, "the submission never began to write"
        time.sleep(0.002)
    archive = tmp_path / "tijdens.tar.gz"
    installation.zicht("backup", "--out", str(archive))  # started while the delivery is being written
    writer.communicate()
    assert writer.returncode == 0
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        rows = json.loads(tar.extractfile("database/data.json").read())
    submissions = [r for r in rows if r["model"] == "intake.submission"]
    observations = [r for r in rows if r["model"] == "figures.observation"]
    assert (len(submissions), len(observations)) in {(0, 0), (1, ROWS)}
    assert manifest["counts"]["intake.submission"] == len(submissions)
    assert manifest["counts"]["figures.observation"] == len(observations)
    events = [r for r in rows if r["model"] == "audit.auditevent" and r["fields"]["action"] == "submission.accepted"]
    assert len(events) == len(submissions)
