"""`zicht report --year Y [--out DIR]`: a draft of the monitor (HTML, tagged PDF, factsheets, open
data), marked CONCEPT on every page, in the drafts area that no public URL reaches."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.models import Submission
from zicht.publish.choices_text import write_choices
from zicht.publish.recoding import RecodingError, parse_choice
from zicht.publish.report import build_report
from zicht.publish.services import HeadlineChoiceRefused, choose_headline_estimate
from zicht.publish.storage import publish_root


class Command(BaseCommand):
    help = ("Bouwt een concept van de Mensenhandelmonitor van een jaar (HTML, PDF, factsheets, open data), "
            "gemarkeerd als CONCEPT, in de conceptenmap (ZICHT_DRAFTS_DIR); legt niets vast en publiceert niets.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Verslagjaar.")
        parser.add_argument("--out", default=None,
                            help="Map voor het concept (standaard ZICHT_DRAFTS_DIR/<jaar>; niet in de publicatiemap).")
        parser.add_argument("--narrative", default=None, help="Map met de tekst per hoofdstuk (<jaar>/<hoofdstuk>.md).")
        parser.add_argument("--no-pdf", action="store_true", help="Alleen HTML.")
        parser.add_argument("--headline-estimate", default=None, choices=["default", "log-linear", "latent-class"],
                            help="Kies de kopschatting (standaard: de gedocumenteerde regel); wordt met reden en "
                                 "auditregel vastgelegd en op de publicatie bewaard.")
        parser.add_argument("--headline-reason", default="", help="Reden voor de keuze van de kopschatting (verplicht "
                                                                  "bij --headline-estimate).")
        parser.add_argument("--recode", action="append", default=None, metavar="INDICATOR:DIMENSIE[=code,code]",
                            help="Kleine categorieën samenvoegen in plaats van onderdrukken (herhaalbaar).")

    def handle(self, *args, **options):
        year = options["year"]
        if not Submission.objects.filter(year=year).exists():
            raise CommandError(f"Er zijn geen leveringen voor {year}; lever eerst cijfers aan met `zicht submit`.")
        out = Path(options["out"]).resolve() if options["out"] else None
        if out is not None and (out == publish_root().resolve() or publish_root().resolve() in out.parents):
            raise CommandError("Een concept mag niet in de publicatiemap (ZICHT_PUBLISH_DIR) staan: "
                               "kies een andere map of laat --out weg.")
        narrative = Path(options["narrative"]) if options["narrative"] else settings.ZICHT_NARRATIVE_DIR
        if options["headline_estimate"]:
            try:
                choose_headline_estimate(year, options["headline_estimate"], None, options["headline_reason"])
            except HeadlineChoiceRefused as exc:
                raise CommandError(str(exc)) from exc
        try:
            recode = [parse_choice(text, year) for text in options["recode"]] if options["recode"] else None
            built = build_report(year, out, narrative, pdf=not options["no_pdf"], recode=recode)
        except RecodingError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Concept (niet gepubliceerd): {built.folder}")
        self.stdout.write(f"HTML: {built.html_path}")
        if built.pdf_path:
            self.stdout.write(f"PDF:  {built.pdf_path}")
        self.stdout.write(f"Onderdrukte cellen (onthullingscontrole): {built.suppressed_cells}")
        write_choices(self.stdout, built)
