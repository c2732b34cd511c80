"""`zicht protect`: disclosure control of a tidy counts file, for analysts and tests.

A thin wrapper: reading the CSV and printing; all logic is in zicht.engines.disclosure.
"""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.engines.disclosure import (
    InfeasibleError,
    InputError,
    Policy,
    SolverTimeoutError,
    TableSpec,
    protect_publication,
)
from zicht.engines.disclosure.text import render_text


class Command(BaseCommand):
    help = (
        "Beveilig tabellen tegen onthulling (primaire en secundaire celonderdrukking, "
        "gezamenlijk voor de hele publicatie). Invoer: CSV met een kolom per dimensie en "
        "een kolom 'count'."
    )

    def add_arguments(self, parser):
        parser.add_argument("counts", help="CSV-bestand: een kolom per dimensie en 'count'.")
        parser.add_argument(
            "--publish",
            action="append",
            required=True,
            metavar="DIMS",
            help="Komma-gescheiden dimensies van een gepubliceerde tabel (met alle totalen); "
            "herhaal voor meer tabellen.",
        )
        parser.add_argument(
            "--threshold", type=int, default=5, help="Aantallen van 1 tot deze drempel zijn onveilig."
        )
        parser.add_argument("--json", action="store_true", help="Uitvoer als JSON.")

    def handle(self, *args, **options):
        rows = _read_csv(Path(options["counts"]))
        if options["threshold"] < 1:
            raise CommandError("--threshold moet minstens 1 zijn.")
        specs = []
        for text in options["publish"]:
            dims = tuple(d.strip() for d in text.split(",") if d.strip())
            if not dims:
                raise CommandError(f"--publish '{text}' noemt geen dimensies.")
            specs.append(TableSpec(dims))
        try:
            publication = protect_publication(
                rows, specs, Policy(threshold=options["threshold"])
            )
        except (InputError, InfeasibleError, SolverTimeoutError, ValueError) as error:
            raise CommandError(f"{options['counts']}: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(publication.to_json(), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(render_text(publication))


def _read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        raise CommandError(f"Bestand niet gevonden: {path}")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.DictReader(handle, dialect=dialect)
            rows = []
            for number, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise CommandError(f"{path}, regel {number}: aantal kolommen klopt niet.")
                rows.append(row)
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: het bestand is geen UTF-8-tekst.") from error
    if not rows:
        raise CommandError(f"{path}: het bestand bevat geen rijen.")
    return rows
