"""`zicht link A.csv B.csv [...] [--threshold T] [--json] [--clusters OUT.csv]`: distinct persons."""

import json

from django.core.management.base import BaseCommand, CommandError

from zicht.engines.linkage.files import CsvReadError, list_name, read_csv
from zicht.engines.linkage.matching import DEFAULT_THRESHOLD, link_lists
from zicht.engines.linkage.validation import EncodedFileError, check_lists


class Command(BaseCommand):
    help = (
        "Koppelt gecodeerde lijsten van partners: telt unieke personen, personen per lijst en "
        "de vangstgeschiedenissen (hoeveel personen in precies welke combinatie van lijsten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Gecodeerde CSV-bestanden; de lijstnaam is de bestandsnaam zonder extensie.")
        parser.add_argument("--threshold", type=float, default=None,
                            help=f"Drempel voor de koppelkans (0-1), standaard {DEFAULT_THRESHOLD}.")  # fmt: skip
        parser.add_argument("--json", action="store_true", help="Uitvoer als JSON.")
        parser.add_argument("--clusters", help="Schrijf list,record_id,person_id voor elk record naar dit CSV-bestand.")

    def handle(self, *args, **options):
        threshold = options["threshold"]
        if threshold is not None and not 0.0 < threshold < 1.0:
            raise CommandError(f"--threshold moet tussen 0 en 1 liggen, niet {threshold}.")
        lists = {}
        for path in options["files"]:
            name = list_name(path)
            if name in lists:
                raise CommandError(f"Twee bestanden heten '{name}'; lijsten worden op bestandsnaam onderscheiden.")
            try:
                lists[name] = read_csv(path)
            except CsvReadError as exc:
                raise CommandError(str(exc)) from exc
        try:
            check_lists(lists)
        except EncodedFileError as exc:
            raise CommandError(str(exc)) from exc
        result = link_lists(lists, threshold=threshold)
        if options["clusters"]:
            result.clusters[["list", "record_id", "person_id"]].to_csv(options["clusters"], index=False)
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Unieke personen: {result.persons} (drempel {result.threshold})")
        for name, count in result.per_list.items():
            self.stdout.write(f"  {name}: {count} personen")
        self.stdout.write("Vangstgeschiedenissen (personen in precies deze lijsten):")
        for history in result.histories:
            self.stdout.write(f"  {' + '.join(history['lists'])}: {history['count']}")
