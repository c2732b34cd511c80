"""Separate Zicht installations for the backup tests: each its own data folder and database.

With DATABASE_URL pointing at PostgreSQL (as the suite is run for PostgreSQL), every installation
gets its own database on that server (``<name>_<role>``, created empty); otherwise an embedded SQLite
file in its data folder. Commands run as real processes (``python -m zicht …``), as an operator runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


@dataclass
class Installation:
    data_dir: Path
    database_url: str | None  # None: SQLite in data_dir

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZICHT_") and k != "DATABASE_URL"}
        env.update(ZICHT_DATA_DIR=str(self.data_dir), DJANGO_SETTINGS_MODULE="zicht.conf.settings",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), env.get("PYTHONPATH")])),
                   ZICHT_EXPORTERS_OFF="factsheet-pdf")  # 25 WeasyPrint factsheets: ~10 s a build, not tested here
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, *args], env=self.env, cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
        return proc

    def zicht(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run("-m", "zicht", *args, check=check)

    def script(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(str(HERE / "cycle.py"), *args, check=check)

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, *args], env=self.env, cwd=REPO_ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def tables(self) -> list[str]:
        """The tables in this installation's database (none when it was never touched)."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
            return sorted(r[0] for r in rows)
        path = self.data_dir / "zicht.sqlite3"
        if not path.exists():
            return []
        import sqlite3

        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return sorted(r[0] for r in rows)

    def data_rows(self) -> dict[str, int]:
        """Rows per table, leaving out what `migrate` writes (a command migrates a fresh SQLite database
        before it runs, so "untouched" means no data, not no tables)."""
        schema = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
        counts = {t: self.query(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in self.tables() if t not in schema}
        return {t: n for t, n in counts.items() if n}

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return conn.execute(sql).fetchall()
        import sqlite3

        with sqlite3.connect(self.data_dir / "zicht.sqlite3") as conn:
            return conn.execute(sql).fetchall()

    def files(self) -> list[Path]:
        """Files in the data folder other than the database and the key every Zicht process makes there."""
        return sorted(p for p in self.data_dir.rglob("*")
                      if p.is_file() and not p.name.startswith("zicht.sqlite3") and p.name != "secret_key")


def new_installation(tmp: Path, role: str) -> Installation:
    """A fresh, empty installation: an empty data folder and an empty database."""
    data_dir = tmp / role
    url = postgres_url()
    if url is None:
        return Installation(data_dir, None)
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'zicht'}_{role}"
    with _admin_connection(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return Installation(data_dir, urlunsplit(parts._replace(path=f"/{name}")))


def drop(installation: Installation) -> None:
    if installation.database_url:
        name = urlsplit(installation.database_url).path.lstrip("/")
        with _admin_connection(installation.database_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def write_started(installation) -> bool:
    """The large submission's write transaction has begun (SQLite: the rollback journal exists;
    PostgreSQL: another backend holds a transaction id)."""
    if installation.database_url:
        rows = installation.query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")
        return rows[0][0] > 0
    return (installation.data_dir / "zicht.sqlite3-journal").exists()


def start_large_submission(installation, folder: Path):
    """Start submitting the 100,000-row delivery in its own process; return once it writes."""
    import time

    installation.script("prepare-large", str(folder))
    proc = installation.popen(str(HERE / "cycle.py"), "submit-large", str(folder))
    deadline = time.monotonic() + 300
    while not write_started(installation):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the submission never began to write"
        time.sleep(0.002)
    return proc
