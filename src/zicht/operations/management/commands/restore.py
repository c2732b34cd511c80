"""`zicht restore FILE`: restore a backup into an empty database and data folder, or change nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.operations.services import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Herstelt een back-up van `zicht backup` in een lege database en een lege datamap. Controleert "
            "eerst elke controlesom (een beschadigd archief verandert niets), migreert, laadt de gegevens, "
            "zet de bestanden terug en controleert daarna elk gepubliceerd bestand tegen zijn SHA-256.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Het archief van `zicht backup`.")

    def handle(self, *args, **options):
        try:
            report = restore_backup(Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Hersteld: {sum(report.counts.values())} rijen, {report.files} bestanden; "
                          f"{report.artefacts_checked} publicatiebestanden gecontroleerd (SHA-256 klopt).")
