"""`zicht submit FILE --partner P --year Y [--json]`: validate and store a delivery, whole or not at all."""

import sys

from django.core.management.base import BaseCommand

from zicht.intake.cells import ValidationResult
from zicht.intake.management.commands._delivery import (
    add_delivery_arguments,
    print_result,
    read_file,
)
from zicht.intake.services import SubmissionRefused, submit_bytes


class Command(BaseCommand):
    help = "Controleert en bewaart een levering als nieuwe versie. Exit 0 bij opgeslagen, 1 bij fouten."

    def add_arguments(self, parser):
        add_delivery_arguments(parser)
        parser.add_argument("--provenance", default="", help="Herkomst van de levering (vrije tekst).")

    def handle(self, *args, **options):
        content = read_file(options["file"])
        if isinstance(content, ValidationResult):
            print_result(self, content, options["json"])
            sys.exit(1)
        try:
            outcome = submit_bytes(
                content, options["file"], options["partner"], options["year"],
                provenance=options["provenance"],
            )
        except SubmissionRefused as refused:
            print_result(self, refused.result, options["json"])
            self.stderr.write("Niets opgeslagen.")
            sys.exit(1)
        print_result(self, outcome.result, options["json"])
        sub = outcome.submission
        if outcome.created:
            extra = f", vervangt versie {sub.supersedes.version}" if sub.supersedes else ""
            self.stderr.write(f"Opgeslagen als versie {sub.version}{extra} (sha256 {sub.checksum[:12]}…).")
        else:
            self.stderr.write(f"Dit bestand is al opgeslagen als versie {sub.version}; niets gewijzigd.")
