"""`zicht records_submit FILE --partner P --year Y [--json]`: store an encoded case-record delivery."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.records.services import EncodedDeliveryRefused, submit_encoded


class Command(BaseCommand):
    help = ("Controleert en bewaart een versleuteld casusbestand (gemaakt met `zicht encode`). "
            "Bestanden met leesbare namen of geboortedata worden geweigerd.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partner", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            delivery = submit_encoded(path.read_bytes(), path.name, options["partner"], options["year"])
        except EncodedDeliveryRefused as refused:
            if options["json"]:
                self.stdout.write(json.dumps(refused.result.as_list(), ensure_ascii=False, indent=2))
            for problem in refused.result.errors:
                self.stderr.write(f"FOUT {problem.location_nl()}: {problem.message}")
            self.stderr.write("Niets opgeslagen.")
            sys.exit(1)
        self.stdout.write(f"Opgeslagen: {delivery}")
