"""`zicht submit FILE --partner P --year Y [--json]`: validate and store a delivery, whole or not at all."""

import sys

from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.acting import UnknownActor, command_line_actor, os_login_label
from zicht.accounts.permissions import may_deliver_for
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
        parser.add_argument("--reason", default="", help="Reden van de correctie, bij een nieuwe versie.")
        parser.add_argument("--user", default=None,
                            help="Zicht-account namens wie u levert (anders: uw inlognaam op de server).")

    def handle(self, *args, **options):
        try:
            user = command_line_actor(options["user"])
        except UnknownActor as error:
            raise CommandError(str(error)) from None
        if user is not None and not may_deliver_for(user, options["partner"]):
            raise CommandError(f"Gebruiker '{user.username}' mag niet leveren voor partner '{options['partner']}'.")
        content = read_file(options["file"])
        if isinstance(content, ValidationResult):
            print_result(self, content, options["json"])
            sys.exit(1)
        try:
            outcome = submit_bytes(
                content, options["file"], options["partner"], options["year"],
                provenance=options["provenance"], reason=options["reason"],
                user=user, by_label=os_login_label(),
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
