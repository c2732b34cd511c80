"""`zicht report --year Y --out DIR`: the monitor as HTML and tagged PDF, from the store only."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.models import Submission
from zicht.publish.report import build_report


class Command(BaseCommand):
    help = "Bouwt de Mensenhandelmonitor van een jaar als HTML en PDF uit de opgeslagen leveringen."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Verslagjaar.")
        parser.add_argument("--out", default=None, help="Map voor monitor-<jaar>.html en .pdf.")
        parser.add_argument("--narrative", default=None, help="Map met de tekst per hoofdstuk (<jaar>/<hoofdstuk>.md).")
        parser.add_argument("--no-pdf", action="store_true", help="Alleen HTML.")

    def handle(self, *args, **options):
        year = options["year"]
        if not Submission.objects.filter(year=year).exists():
            raise CommandError(f"Er zijn geen leveringen voor {year}; lever eerst cijfers aan met `zicht submit`.")
        out = Path(options["out"] or settings.ZICHT_PUBLISH_DIR)
        narrative = Path(options["narrative"]) if options["narrative"] else settings.ZICHT_NARRATIVE_DIR
        built = build_report(year, out, narrative, pdf=not options["no_pdf"])
        self.stdout.write(f"HTML: {built.html_path}")
        if built.pdf_path:
            self.stdout.write(f"PDF:  {built.pdf_path}")
        self.stdout.write(f"Onderdrukte cellen (onthullingscontrole): {built.suppressed_cells}")
