"""`zicht publish --year Y [--out DIR]`: publish a year once: report, factsheets, open data, frozen."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.models import Submission
from zicht.publish.services import AlreadyPublished, publish_period


class Command(BaseCommand):
    help = ("Publiceert de monitor van een jaar: monitor (HTML, PDF), factsheets, open data en API, "
            "na onthullingscontrole. Een gepubliceerd jaar ligt daarna vast.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", default=None, help="Map voor de publicatie (standaard ZICHT_PUBLISH_DIR).")
        parser.add_argument("--narrative", default=None, help="Map met de tekst per hoofdstuk (<jaar>/<hoofdstuk>.md).")

    def handle(self, *args, **options):
        year = options["year"]
        if not Submission.objects.filter(year=year).exists():
            raise CommandError(f"Er zijn geen leveringen voor {year}; er valt niets te publiceren.")
        out = Path(options["out"] or settings.ZICHT_PUBLISH_DIR)
        narrative = Path(options["narrative"]) if options["narrative"] else settings.ZICHT_NARRATIVE_DIR
        try:
            publication, built = publish_period(year, out, narrative)
        except AlreadyPublished as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Gepubliceerd: {year} ({len(publication.tables)} tabellen, "
                          f"{publication.suppressed_cells} onderdrukte cellen)")
        for path in (built.html_path, built.pdf_path, built.csv_path, built.json_path):
            self.stdout.write(f"  {path}")
