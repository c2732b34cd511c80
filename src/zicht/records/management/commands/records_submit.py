"""`zicht records_submit FILE --partner P --year Y [--json]`: store an encoded case-record delivery."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.acting import UnknownActor, command_line_actor, os_login_label
from zicht.accounts.permissions import may_deliver_for
from zicht.records.services import EncodedDeliveryRefused, submit_encoded


class Command(BaseCommand):
    help = ("Controleert en bewaart een versleuteld casusbestand (gemaakt met `zicht encode`). "
            "Bestanden met leesbare namen of geboortedata worden geweigerd.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partner", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--user", default=None,
                            help="Zicht-account namens wie u levert (anders: uw inlognaam op de server).")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            user = command_line_actor(options["user"])
        except UnknownActor as error:
            raise CommandError(str(error)) from None
        if user is not None and not may_deliver_for(user, options["partner"]):
            raise CommandError(f"Gebruiker '{user.username}' mag niet leveren voor partner '{options['partner']}'.")
        try:
            delivery = submit_encoded(path.read_bytes(), path.name, options["partner"], options["year"],
                                      user=user, by_label=os_login_label())
        except EncodedDeliveryRefused as refused:
            if options["json"]:
                self.stdout.write(json.dumps(refused.result.as_list(), ensure_ascii=False, indent=2))
            for problem in refused.result.errors:
                self.stderr.write(f"FOUT {problem.location_nl()}: {problem.message}")
            self.stderr.write("Niets opgeslagen.")
            sys.exit(1)
        self.stdout.write(f"Opgeslagen: {delivery}")
