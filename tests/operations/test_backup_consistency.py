"""A backup taken while a large delivery is being written holds that delivery whole or not at all.

The database part is read in one transaction (PostgreSQL: REPEATABLE READ; SQLite: the write-locked
transaction, so the backup waits for the writer), so its rows agree with each other and with the
manifest's counts whatever runs beside it.
"""

from __future__ import annotations

import json
import tarfile

import pytest

from .installs import drop, new_installation, start_large_submission
from .test_kill_nine import ROWS


@pytest.fixture
def installation(tmp_path):
    inst = new_installation(tmp_path, "snapshot")
    yield inst
    drop(inst)


def test_backup_beside_a_large_submission_is_consistent(installation, tmp_path):
    writer = start_large_submission(installation, tmp_path / "national")
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
