"""`zicht period --year J [--close | --reopen --reason R] [--json]`: the reporting year's status.

Without an option: the status and, per partner, what has been delivered for the year, so the
analyst sees who is still missing before closing. --close stops deliveries (web, CLI, API);
--reopen accepts them again and needs a reason; both are audited.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from zicht.catalog.models import Period
from zicht.catalog.periods import (
    PeriodError,
    close_period,
    open_period,
    period_status,
    reopen_period,
)
from zicht.records.overview import delivery_overview

STATUS_NL = {Period.Status.OPEN: "open voor leveringen", Period.Status.CLOSED: "gesloten voor leveringen",
             Period.Status.PUBLISHED: "gepubliceerd"}  # fmt: skip


class Command(BaseCommand):
    help = (
        "Toont de status van een verslagjaar en wie er geleverd heeft; sluit of heropent het jaar."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Verslagjaar.")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--open", action="store_true", help="Open een nieuw jaar voor leveringen.")
        action.add_argument("--close", action="store_true", help="Sluit het jaar voor leveringen.")
        action.add_argument(
            "--reopen", action="store_true", help="Heropen een gesloten jaar (met --reason)."
        )
        parser.add_argument(
            "--reason", default="", help="Reden (verplicht bij --reopen; komt in het auditlog)."
        )
        parser.add_argument("--json", action="store_true", help="Uitvoer als JSON.")

    def handle(self, *args, **options):
        year = options["year"]
        try:
            if options["open"]:
                open_period(year, reason=options["reason"])
            elif options["close"]:
                close_period(year, reason=options["reason"])
            elif options["reopen"]:
                reopen_period(year, reason=options["reason"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        status = period_status(year)
        rows = delivery_overview(year)
        if options["json"]:
            self.stdout.write(json.dumps({"year": year, "status": status, "partners": rows},
                                         ensure_ascii=False, indent=2))  # fmt: skip
            return
        self.stdout.write(f"Verslagjaar {year}: {STATUS_NL[status]}.")
        missing = [r["name"] for r in rows
                   if r["figures"] is None and r["case_records"] is None and not r["internal"]]
        for r in rows:
            parts = []
            if r["figures"]:
                f = r["figures"]
                parts.append(f"cijfers v{f['version']} ({f['filename']}, {f['submitted_at'][:10]})")
            if r["case_records"]:
                c = r["case_records"]
                parts.append(
                    f"casusbestand v{c['version']} ({c['records']} records, {c['submitted_at'][:10]})"
                )
            self.stdout.write(f"  {r['partner']:<16} {'; '.join(parts) or 'nog niets geleverd'}")
        if missing:
            partners = sum(1 for r in rows if not r["internal"])
            self.stdout.write(f"Nog niets geleverd: {len(missing)} van {partners} partners "
                              "(de eigen bronnen van de alliantie niet meegeteld).")
