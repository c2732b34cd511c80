"""`zicht template PARTNER --year Y -o FILE.xlsx`: write the Excel template of a partner and year."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.catalog.definitions import get_catalog
from zicht.intake.limits import Limits
from zicht.intake.templates import build_template


class Command(BaseCommand):
    help = "Maakt het Excel-aanleversjabloon (.xlsx) van een partner voor een verslagjaar."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="Code van de partner (zie `zicht partners`).")
        parser.add_argument("--year", required=True, type=int, help="Verslagjaar.")
        parser.add_argument("-o", "--output", required=True, help="Pad van het te schrijven .xlsx-bestand.")

    def handle(self, *args, **options):
        catalog = get_catalog()
        partner = options["partner"]
        if partner not in catalog.partners:
            known = ", ".join(sorted(catalog.partners))
            raise CommandError(f"Onbekende partner '{partner}'. Bekende partners: {known}.")
        output = Path(options["output"])
        if output.suffix.lower() != ".xlsx":
            raise CommandError(f"Het uitvoerbestand moet op .xlsx eindigen: {output}")
        if not output.parent.is_dir():
            raise CommandError(f"De map bestaat niet: {output.parent}")
        content = build_template(partner, options["year"], catalog, Limits.from_settings(settings))
        output.write_bytes(content)
        self.stdout.write(f"Sjabloon geschreven: {output} ({len(content)} bytes)")
