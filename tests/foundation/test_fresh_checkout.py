"""Every command works on a fresh checkout: with no database yet, the embedded SQLite database (and
its folder) is made and migrated on first use, as the demo does. Each test starts a fresh process
with a clean environment and an empty, not yet existing ZICHT_DATA_DIR."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
DELIVERY = "indicator,value\npolice.complaints,23\n"


def zicht(*args: str, data_dir: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "PYTHONPATH": str(SRC),
             "ZICHT_DATA_DIR": str(data_dir), **env}
    return subprocess.run([sys.executable, "-m", "zicht", *args], cwd=cwd, env=clean,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def fresh(tmp_path):
    data_dir = tmp_path / "nog" / "niet" / "aangemaakt"
    (tmp_path / "politie.csv").write_text(DELIVERY, encoding="utf-8")
    return data_dir, tmp_path


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("select name from sqlite_master where type='table'")}


def test_validate_on_a_fresh_checkout(fresh):
    data_dir, cwd = fresh
    result = zicht("validate", "politie.csv", "--partner", "police_tmm", "--year", "2022",
                   data_dir=data_dir, cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Bestand geldig" in result.stderr
    assert "Nieuwe database" in result.stderr  # says once what it did
    assert "intake_submission" in _tables(data_dir / "zicht.sqlite3")
    again = zicht("validate", "politie.csv", "--partner", "police_tmm", "--year", "2022",
                  data_dir=data_dir, cwd=cwd)
    assert again.returncode == 0 and "Nieuwe database" not in again.stderr


def test_submit_then_period_then_report_on_a_fresh_checkout(fresh):
    data_dir, cwd = fresh
    submitted = zicht("submit", "politie.csv", "--partner", "police_tmm", "--year", "2022",
                      data_dir=data_dir, cwd=cwd)
    assert submitted.returncode == 0, submitted.stderr
    period = zicht("period", "--year", "2022", "--json", data_dir=data_dir / "ander", cwd=cwd)
    assert period.returncode == 0 and "Traceback" not in period.stderr, period.stderr
    report = zicht("report", "--year", "2022", "--no-pdf", data_dir=data_dir / "nog-een", cwd=cwd)
    assert "Traceback" not in report.stderr, report.stderr
    assert (data_dir / "nog-een" / "zicht.sqlite3").is_file()


def test_an_unprepared_postgresql_database_gets_one_dutch_sentence(fresh, tmp_path):
    """The server database is never migrated behind the operator's back: the command says what to run."""
    import os

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("alleen met DATABASE_URL naar PostgreSQL")
    import psycopg

    name = "zicht_fresh_checkout_test"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        data_dir, cwd = fresh
        result = zicht("validate", "politie.csv", "--partner", "police_tmm", "--year", "2022",
                       data_dir=data_dir, cwd=cwd, DATABASE_URL=url.rsplit("/", 1)[0] + "/" + name)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "zicht migrate" in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
