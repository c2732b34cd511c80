"""`zicht factsheets --year J --out MAP [--versie N] [--no-pdf]`: a published year's factsheets per
municipality as HTML and PDF, for a council's agenda.

The HTML files are the published artefacts themselves, checked against their SHA-256; each PDF is
printed from exactly that HTML (A4, one or two pages), so it holds the published figures and nothing
else. Unpublished years are refused: drafts stay with the analysts (`zicht report`)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.publish.models import Publication
from zicht.publish.municipal_reading import FACTSHEET_FOLDER
from zicht.publish.storage import ArtefactError, read_artefact


class Command(BaseCommand):
    help = "Schrijft de gepubliceerde factsheets per gemeente van een jaar als HTML en PDF naar een map."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", required=True, help="Map waarin de factsheets komen.")
        parser.add_argument("--versie", type=int, dest="publication_version", default=None,
                            help="Versie van de publicatie (standaard de huidige).")
        parser.add_argument("--no-pdf", action="store_true", help="Alleen HTML.")

    def handle(self, *args, **options):
        year, wanted = options["year"], options["publication_version"]
        publications = Publication.objects.filter(year=year)
        publication = publications.filter(version=wanted).first() if wanted else publications.order_by("-version").first()
        if publication is None:
            which = f"versie {wanted} van " if wanted else ""
            raise CommandError(f"Er is geen gepubliceerde {which}monitor {year}; factsheets komen uit een publicatie "
                               "(een concept maakt u met `zicht report`).")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        artefacts = publication.artefacts.filter(name__startswith=FACTSHEET_FOLDER).exclude(
            name=f"{FACTSHEET_FOLDER}index.html").order_by("name")
        written = 0
        for artefact in artefacts:
            try:
                data = read_artefact(publication.folder, artefact.name, artefact.sha256)
            except ArtefactError as error:
                raise CommandError(f"Factsheet {artefact.name} klopt niet met de publicatie: {error}") from None
            target = out / artefact.name.removeprefix(FACTSHEET_FOLDER)
            target.write_bytes(data)
            if not options["no_pdf"] and target.suffix == ".html":
                from zicht.publish.report import (
                    pdf_bytes,  # WeasyPrint loads only when PDFs are asked for
                )

                target.with_suffix(".pdf").write_bytes(pdf_bytes(data.decode("utf-8")))
            written += 1
        self.stdout.write(f"{written} factsheets van de monitor {year} (versie {publication.version}) in {out}.")
