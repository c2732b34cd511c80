"""`zicht validate FILE --partner P --year Y [--json]`: check a delivery without storing it."""

import sys

from django.core.management.base import BaseCommand

from zicht.intake.cells import ValidationResult
from zicht.intake.management.commands._delivery import (
    add_delivery_arguments,
    print_result,
    read_file,
)
from zicht.intake.services import validate_file


class Command(BaseCommand):
    help = "Controleert een levering (XLSX of CSV) zonder iets op te slaan. Exit 0 bij geldig, 1 bij fouten."

    def add_arguments(self, parser):
        add_delivery_arguments(parser)

    def handle(self, *args, **options):
        content = read_file(options["file"])
        if isinstance(content, ValidationResult):
            print_result(self, content, options["json"])
            sys.exit(1)
        result = validate_file(content, options["file"], options["partner"], options["year"])
        print_result(self, result, options["json"])
        if not result.valid:
            sys.exit(1)
