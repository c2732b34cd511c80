"""`zicht submissions --partner P [--year Y] [--json]`: the version history of a partner's deliveries."""

import json

from django.core.management.base import BaseCommand

from zicht.audit.moments import dutch_iso, dutch_time
from zicht.intake.services import submission_history


class Command(BaseCommand):
    help = "Toont alle versies van de leveringen van een partner, de huidige gemarkeerd."

    def add_arguments(self, parser):
        parser.add_argument("--partner", required=True)
        parser.add_argument("--year", type=int)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        rows = [
            {
                "partner": s.partner.code,
                "year": s.year,
                "version": s.version,
                "current": s.is_current,
                "filename": s.filename,
                "checksum": s.checksum,
                "size": s.size,
                "submitted_by": s.submitted_by_label,
                "submitted_at": dutch_iso(s.submitted_at),
                "submitted_at_text": dutch_time(s.submitted_at),
                "reason": s.reason,
                "supersedes": s.supersedes.version if s.supersedes else None,
                "warnings": sum(1 for p in s.validation_report if p.get("severity") == "warning"),
            }
            for s in submission_history(options["partner"], options["year"]).select_related("partner", "supersedes")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("Geen leveringen gevonden.")
        for r in rows:
            mark = "huidig " if r["current"] else "vervangen"
            self.stdout.write(
                f"{r['partner']} {r['year']} v{r['version']} [{mark}] {r['filename']} "
                f"{r['submitted_at_text']} door {r['submitted_by']} sha256 {r['checksum'][:12]}…"
                + (f" – reden: {r['reason']}" if r["reason"] else "")
            )
