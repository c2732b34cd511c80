"""``zicht audit verify``: check the audit log's hash chain and the append-only triggers.

Exit 0 when intact (prints the number of events and the head to keep outside the database),
1 naming the first broken link. Meant for the daily cron (docs/operator.md)."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from zicht.audit import chain
from zicht.audit.appendonly import missing_triggers
from zicht.audit.models import AuditEvent

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def parse_anchor(value: str | None) -> tuple[int, str] | None:
    if not value:
        return None
    match = ANCHOR.match(value.strip())
    if match is None:
        raise CommandError(
            f"Ongeldig anker '{value[:80]}': verwacht ID:HASH zoals `zicht audit verify` het afdrukt "
            "(bijvoorbeeld 1234:3f0c…, 64 hexadecimale tekens)."
        )
    return int(match.group(1)), match.group(2)


class Command(BaseCommand):
    help = "Controleer het auditlog: de hash-keten en de triggers die wijzigen en verwijderen weigeren."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="verify")
        verify = sub.add_parser(
            "verify", help="Controleer de keten; exitcode 0 als ze intact is, 1 met de eerste gebroken schakel."
        )
        verify.add_argument(
            "--anchor", metavar="ID:HASH",
            help="Een eerder afgedrukte kop (ID:HASH) die nog in de keten moet staan (vangt inkorten en herschrijven).",
        )

    def handle(self, *args, **options):
        anchor = parse_anchor(options.get("anchor"))
        problems = []
        missing = missing_triggers(connection)
        if missing:
            problems.append(
                "Triggers ontbreken op: " + ", ".join(missing) + ". Voer `zicht migrate` uit (als eigenaar)."
            )
        verdict = chain.verify(AuditEvent, anchor=anchor)
        if verdict.broken is not None:
            problems.insert(0, verdict.broken.message_nl())
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise SystemExit(1)
        head = f"{verdict.head_id}:{verdict.head_hash}" if verdict.head_id is not None else "(leeg)"
        self.stdout.write(f"Auditlog intact: {verdict.events} gebeurtenissen; kop {head}")
