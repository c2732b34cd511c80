"""Shared test fixtures."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, settings):
    """Keep every test's files (stored submissions, built reports) in its own temporary folder."""
    settings.BASE_DIR = tmp_path
    yield
