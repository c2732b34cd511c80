"""`zicht keygen --out KEY`: make the region's shared linkage secret (at a partner, never at the monitor)."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.engines.linkage.encoding import generate_secret, secret_to_text


class Command(BaseCommand):
    help = (
        "Maakt een sterke geheime sleutel (32 willekeurige bytes) voor het coderen van "
        "namen en geboortedata. Deel de sleutel buiten Zicht om met de partners; de monitor "
        "krijgt hem nooit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Pad van het nieuwe sleutelbestand.")
        parser.add_argument(
            "--force", action="store_true", help="Een bestaand sleutelbestand overschrijven."
        )

    def handle(self, *args, **options):
        path = Path(options["out"])
        if path.exists() and not options["force"]:
            raise CommandError(
                f"Sleutelbestand '{path}' bestaat al; een nieuwe sleutel maakt oude coderingen "
                "onkoppelbaar. Gebruik --force als u dat echt wilt."
            )
        if not path.parent.exists():
            raise CommandError(f"Map '{path.parent}' bestaat niet.")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secret_to_text(generate_secret()))
        self.stdout.write(
            f"Sleutel geschreven naar '{path}' (alleen leesbaar voor u). Deel hem buiten Zicht "
            "om met de partners, nooit met de monitor."
        )
