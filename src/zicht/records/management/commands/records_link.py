"""`zicht records_link --year Y [--wait] [--json]`: link the year's encoded deliveries in the background."""

import json

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from zicht.records.models import LinkageRun
from zicht.records.services import request_linkage


class Command(BaseCommand):
    help = ("Zet een koppeling van de huidige versleutelde leveringen van een jaar in de wachtrij "
            "(uitgevoerd door `zicht db_worker`); met --wait meteen uitvoeren en het resultaat tonen.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--threshold", type=float, default=None)
        parser.add_argument("--wait", action="store_true", help="Voer de wachtrij nu uit en wacht op het resultaat.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        run = request_linkage(options["year"], threshold=options["threshold"])
        if not options["wait"]:
            self.stdout.write(f"Koppeling {run.year} in de wachtrij (run {run.pk}); start `zicht db_worker`.")
            return
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        run.refresh_from_db()
        if run.status != LinkageRun.Status.DONE:
            raise CommandError(f"Koppeling mislukt: {run.error}")
        summary = {k: run.result[k] for k in ("persons", "per_list", "threshold")}
        summary["estimate"] = {k: run.result["estimate"][k] for k in ("estimate", "ci", "ci_method", "warnings")}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            est = summary["estimate"]
            self.stdout.write(f"Unieke personen: {summary['persons']} ({', '.join(f'{k}: {v}' for k, v in summary['per_list'].items())})")
            if est["estimate"] is not None:
                self.stdout.write(f"Geschat totaal: {est['estimate']:.0f} (interval {est['ci'][0]:.0f}-{est['ci'][1]:.0f}, {est['ci_method']})")
            for warning in est["warnings"]:
                self.stdout.write(f"Let op: {warning}")
