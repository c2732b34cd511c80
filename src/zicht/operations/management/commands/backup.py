"""`zicht backup --out FILE`: one archive with the database, the files and a manifest of checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.operations.services import BackupError, make_backup


class Command(BaseCommand):
    help = ("Maakt een back-up in één archief (tar.gz): de database (alle gegevens, in één consistente "
            "momentopname), de gepubliceerde bestanden, de concepten en de overige bestanden in de datamap, "
            "met een manifest met de SHA-256 van elk bestand, de Zicht-versie en de migratiestand. "
            "Herstellen met `zicht restore BESTAND`.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Het archief dat wordt geschreven (bestaat nog niet).")

    def handle(self, *args, **options):
        try:
            report = make_backup(Path(options["out"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(report.counts.values())
        self.stdout.write(f"Back-up geschreven: {report.path} ({report.size:_} bytes, {report.members} bestanden, "
                          f"{rows} rijen)".replace("_", "."))
        for name in report.skipped:
            self.stderr.write(f"Niet in de back-up (hoort bij geen publicatie, bijv. een afgebroken publicatie): {name}")
