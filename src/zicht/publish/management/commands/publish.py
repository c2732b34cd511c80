"""`zicht publish --year Y [--correction NOTE]`: publish a year's next version: report, factsheets,
open data and API, written once under ZICHT_PUBLISH_DIR/<year>/v<version>/ and frozen."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.models import Submission
from zicht.publish.choices_text import write_choices
from zicht.publish.narrative import NarrativeDisclosureError
from zicht.publish.recoding import RecodingError, parse_choice
from zicht.publish.services import (
    AlreadyPublished,
    CorrectionNoteMissing,
    HeadlineChoiceRefused,
    choose_headline_estimate,
    publish_period,
)


class Command(BaseCommand):
    help = ("Publiceert de monitor van een jaar: monitor (HTML, PDF), factsheets, open data en API, "
            "na onthullingscontrole. Een gepubliceerde versie ligt daarna vast; een correctie (na heropenen "
            "met `zicht period --reopen`) wordt een nieuwe versie met een correctienotitie.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--narrative", default=None, help="Map met de tekst per hoofdstuk (<jaar>/<hoofdstuk>.md).")
        parser.add_argument("--correction", default="",
                            help="Voor versie 2 en later: wat er verandert ten opzichte van de vorige versie en waarom.")
        parser.add_argument("--headline-estimate", default=None, choices=["default", "log-linear", "latent-class"],
                            help="Kies de kopschatting (standaard: de gedocumenteerde regel); wordt met reden en "
                                 "auditregel vastgelegd en op de publicatie bewaard.")
        parser.add_argument("--headline-reason", default="", help="Reden voor de keuze van de kopschatting (verplicht "
                                                                  "bij --headline-estimate).")
        parser.add_argument("--recode", action="append", default=None, metavar="INDICATOR:DIMENSIE[=code,code]",
                            help="Kleine categorieën samenvoegen in plaats van onderdrukken (zie `zicht report`); "
                                 "de keuze wordt op de publicatie vastgelegd.")

    def handle(self, *args, **options):
        year = options["year"]
        if not Submission.objects.filter(year=year).exists():
            raise CommandError(f"Er zijn geen leveringen voor {year}; er valt niets te publiceren.")
        narrative = Path(options["narrative"]) if options["narrative"] else settings.ZICHT_NARRATIVE_DIR
        if options["headline_estimate"]:
            try:
                choose_headline_estimate(year, options["headline_estimate"], None, options["headline_reason"])
            except HeadlineChoiceRefused as exc:
                raise CommandError(str(exc)) from exc
        try:
            recode = [parse_choice(text, year) for text in options["recode"]] if options["recode"] else None
            publication, built = publish_period(year, narrative, correction_note=options["correction"], recode=recode)
        except (AlreadyPublished, CorrectionNoteMissing, NarrativeDisclosureError, RecodingError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Gepubliceerd: {year} versie {publication.version} ({len(publication.tables)} tabellen, "
                          f"{publication.suppressed_cells} onderdrukte cellen)")
        self.stdout.write(f"  {built.folder} ({len(built.files)} bestanden, SHA-256 vastgelegd)")
        write_choices(self.stdout, built)
