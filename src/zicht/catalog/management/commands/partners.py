"""`zicht partners [--json]`: the partners and the indicators each delivers."""

import json

from django.core.management.base import BaseCommand

from zicht.catalog.definitions import get_catalog


class Command(BaseCommand):
    help = "Toont de partners met hun codes en de indicatoren die elk levert."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Uitvoer als JSON.")

    def handle(self, *args, **options):
        catalog = get_catalog()
        if options["json"]:
            data = [
                {
                    "code": p.code,
                    "name": p.name,
                    "short": p.short,
                    "kind": p.kind,
                    "indicators": [
                        {"code": i.code, "name": i.nl, "unit": i.unit, "dimensions": list(i.dimensions)}
                        for i in p.indicators
                    ],
                }
                for p in catalog.partners.values()
            ]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for p in catalog.partners.values():
            self.stdout.write(f"{p.code:14} {p.name}")
            for i in p.indicators:
                dims = ", ".join(i.dimensions) or "totaal"
                self.stdout.write(f"{'':14}   - {i.code} ({i.unit_nl}; {dims})")
