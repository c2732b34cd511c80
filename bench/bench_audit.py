"""Benchmark the audit hash chain: writing sealed events and ``zicht audit verify``.

Prints, in the same run and on the same database:
- events written one per transaction through ``zicht.audit.events`` (lock, read the head, hash, insert),
  beside the same number of plain inserts of prepared rows (one per transaction, no lock, no head read);
- ``zicht audit verify`` over a log of N events (default 100,000), beside SHA-256 alone over the same
  canonical contents.
Uses a fresh SQLite database in a temporary ZICHT_DATA_DIR, or DATABASE_URL when set (that database's
audit log is emptied with ``zicht flush``: never point it at a real one).
Usage: ``python bench/bench_audit.py [--write N] [--verify N]``.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=int, default=2000)
    parser.add_argument("--verify", type=int, default=100_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["ZICHT_DATA_DIR"] = tempfile.mkdtemp(prefix="zicht-bench-audit-")
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from zicht.audit import chain, events
    from zicht.audit.models import AuditEvent

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    print(f"database: {connection.vendor}")

    t = time.perf_counter()
    for i in range(args.write):
        events.unpublished_data_viewed(None, f"overzicht {i}", page=i)
    chained = time.perf_counter() - t

    call_command("flush", interactive=False, verbosity=0)
    prepared = [AuditEvent(action="data.viewed", actor_label="systeem", message=f"overzicht {i}",
                           details={"page": i}, timestamp=timezone.now(), prev_hash=f"{i:064x}",
                           hash=f"{i + 10**9:064x}") for i in range(args.write)]
    t = time.perf_counter()
    for row in prepared:
        with transaction.atomic():
            row.save()
    plain = time.perf_counter() - t
    print(f"write {args.write} events: chained {chained:.2f} s ({args.write / chained:,.0f}/s), "
          f"plain insert {plain:.2f} s ({args.write / plain:,.0f}/s), overhead {1000 * (chained - plain) / args.write:.2f} ms/event")

    call_command("flush", interactive=False, verbosity=0)
    prev, rows = chain.GENESIS, []
    now = timezone.now()
    for i in range(args.verify):
        row = AuditEvent(action="data.viewed", actor_label="systeem", message=f"Ongepubliceerde gegevens bekeken: {i}",
                         details={"page": i, "year": 2022}, timestamp=now, prev_hash=prev)
        row.hash = prev = chain.event_hash(row)
        rows.append(row)
    AuditEvent.objects.bulk_create(rows, batch_size=5000)
    t = time.perf_counter()
    for row in rows:
        chain.event_hash(row)
    hashing = time.perf_counter() - t
    out = io.StringIO()
    t = time.perf_counter()
    call_command("audit", "verify", stdout=out)
    verify = time.perf_counter() - t
    print(f"verify {args.verify:,} events: {verify:.2f} s ({args.verify / verify:,.0f}/s); "
          f"canonical JSON + SHA-256 alone {hashing:.2f} s; {out.getvalue().split(';')[0].strip()}")
    call_command("flush", interactive=False, verbosity=0)


if __name__ == "__main__":
    main()
