"""`zicht factsheets --year J --out MAP [--versie N] [--no-pdf]`: a published year's factsheets per
municipality as HTML and PDF, for a council's agenda.

Every file is a published artefact, checked against its SHA-256: the HTML, and the PDFs that the
publication's factsheet-PDF exporter made. A publication without them (made before that exporter,
or with it switched off) gets its PDFs from the same exporter now, printed from exactly the
published HTML (A4, one or two pages). Unpublished years are refused: drafts stay with the
analysts (`zicht report`)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.publish.exporters import Bundle, get
from zicht.publish.exporters.documents import FACTSHEET_FOLDER, FACTSHEET_INDEX
from zicht.publish.models import Publication
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
        artefacts = publication.artefacts.filter(name__startswith=FACTSHEET_FOLDER).exclude(
            name=FACTSHEET_INDEX).order_by("name")
        kinds = (".html",) if options["no_pdf"] else (".html", ".pdf")
        files = {a.name: self._read(publication, a) for a in artefacts if a.name.endswith(kinds)}
        sheets = [name for name in files if name.endswith(".html")]
        if not options["no_pdf"] and not any(name.endswith(".pdf") for name in files):
            exporter = get("factsheet-pdf")  # WeasyPrint loads inside render, only when PDFs are asked for
            files.update(exporter.render(Bundle(year, status=None, files={n: files[n] for n in sheets})))
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (out / name.removeprefix(FACTSHEET_FOLDER)).write_bytes(data)
        self.stdout.write(f"{len(sheets)} factsheets van de monitor {year} (versie {publication.version}) in {out}.")

    @staticmethod
    def _read(publication, artefact) -> bytes:
        try:
            return read_artefact(publication.folder, artefact.name, artefact.sha256)
        except ArtefactError as error:
            raise CommandError(f"Factsheet {artefact.name} klopt niet met de publicatie: {error}") from None
