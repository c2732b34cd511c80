"""`zicht demo [--out DIR] [--no-serve] [--port N]`: the whole yearly cycle on the demo data.

Builds a fresh SQLite database, loads the catalog and the delivered files through the intake, builds
the 2022 monitor in HTML and PDF, and serves the web application on 127.0.0.1.
"""

import hashlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from zicht.catalog.services import load_catalog
from zicht.demo.awareness import load_demo_awareness
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.demo.users import USERS_FILE, create_demo_users
from zicht.publish.services import publish_period
from zicht.records.models import LinkageRun
from zicht.records.services import request_linkage, submit_encoded
from zicht.web.static_files import ensure_collected


class Command(BaseCommand):
    help = "Bouwt de demomonitor 2022 op een nieuwe SQLite-database en toont hem in de webapplicatie."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="zicht-demo", help="Map voor database en publicaties.")
        parser.add_argument("--no-serve", action="store_true", help="Alleen bouwen, niet serveren.")
        parser.add_argument("--port", type=int, default=8000, help="Poort op 127.0.0.1 (standaard 8000).")
        parser.add_argument("--year", type=int, default=2022)

    def handle(self, *args, **options):
        if not getattr(settings, "ZICHT_DEMO", False):
            raise CommandError("Start de demo via de opdracht `zicht demo`.")
        out = Path(settings.BASE_DIR)
        out.mkdir(parents=True, exist_ok=True)
        db_path = Path(settings.DATABASES["default"]["NAME"])
        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        self._clear_published_files(out)
        self.stdout.write(f"Nieuwe database: {db_path}")
        call_command("migrate", verbosity=0)
        load_catalog()
        outcomes = load_demo_deliveries()
        self.stdout.write(f"Leveringen ingelezen: {len(outcomes)} bestanden, "
                          f"{sum(len(o.result.cells) for o in outcomes)} cijfers.")
        for year in (options["year"] - 1, options["year"]):  # two years: the hidden number as a series
            self._link_synthetic_records(year, out, secret_year=options["year"])
        self.stdout.write(f"Bewustwordingsactiviteiten: {load_demo_awareness(options['year'])}")
        _, built = publish_period(options["year"], NARRATIVE_DIR)
        self.stdout.write(f"HTML: {built.html_path}")
        self.stdout.write(f"PDF:  {built.pdf_path}")
        self.stdout.write(f"Open data: {built.csv_path}, {built.json_path}")
        self.stdout.write(f"Onderdrukte cellen (onthullingscontrole): {built.suppressed_cells}")
        self._demo_logins(options["port"], out)
        if options["no_serve"]:
            return
        ensure_collected()  # the admin's and the API's styles, served by WhiteNoise from the demo folder
        self.stdout.write(f"Webapplicatie: http://127.0.0.1:{options['port']}/ (stoppen met Ctrl+C)")
        call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False, skip_checks=True)

    def _clear_published_files(self, out: Path) -> None:
        """A fresh demo database has no publications, so the demo folder's publication and draft
        trees from an earlier run go too (publication versions are written once and never over)."""
        for folder in (Path(settings.ZICHT_PUBLISH_DIR), Path(settings.ZICHT_DRAFTS_DIR)):
            folder = folder.resolve()
            if folder.is_dir() and out.resolve() in folder.parents:
                shutil.rmtree(folder)

    def _demo_logins(self, port: int, out: Path) -> None:
        """One account per role; the pages need a password and a second factor, in the demo too."""
        logins = create_demo_users(out)
        self.stdout.write(f"Inloggen op http://127.0.0.1:{port}/accounts/login/ met wachtwoord en daarna een code van "
                          "zes cijfers uit een authenticator-app (of `oathtool --totp -b SLEUTEL`):")
        roles = {"analyst": "analist", "partner": "contactpersoon partner", "municipality": "lezer gemeente",
                 "admin": "beheerder"}
        for login in logins:
            organisation = f", {login.organisation_name}" if login.organisation_name else ""
            self.stdout.write(
                f"  {roles[login.role]}{organisation}: gebruiker {login.username}, wachtwoord {login.password}, "
                f"sleutel {login.totp_secret}; reservecodes (elk één keer): {', '.join(login.backup_tokens)}"
            )
        self.stdout.write(f"  Alle accounts ook in {out / USERS_FILE}")

    def _link_synthetic_records(self, year: int, out: Path, secret_year: int) -> None:
        """Partners' side simulated: synthetic case records encoded with a secret that stays in the
        demo folder; the monitor side stores the encoded files and links them in the background worker."""
        # A secret derived from a fixed phrase: demo data only, so that every demo shows the same figures.
        # Real partners make theirs with `zicht keygen` and never give it to the monitor.
        # The partners keep one secret over the years (the demo's: that of the monitor's year).
        secret = hashlib.sha256(f"zicht-demo-{secret_year}".encode()).digest()
        files = synthetic_encoded_deliveries(year, out / "partnerkant" / "gedeeld-geheim.key", seed=year,
                                             secret=secret)
        for partner, content in files.items():
            submit_encoded(content, f"{partner}-{year}-versleuteld.csv", partner, year, synthetic=True)
        run = request_linkage(year)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        run.refresh_from_db()
        if run.status != LinkageRun.Status.DONE:
            raise CommandError(f"Koppeling mislukt: {run.error}")
        estimate = run.result["estimate"]
        self.stdout.write(
            f"Synthetische casusbestanden {year} gekoppeld: {run.result['persons']} unieke personen; "
            f"geschat totaal {estimate['estimate']:.0f} (95%-interval {estimate['ci'][0]:.0f}-{estimate['ci'][1]:.0f})"
            + _latent_summary(run.result.get("estimate_latent_class"))
        )


def _latent_summary(latent: dict | None) -> str:
    if not latent:
        return "."
    if latent.get("estimate") is None:
        return f"; latente klassen: geen schatting ({latent.get('status')})."
    lo, hi = latent["ci"]
    return f"; latente klassen {latent['estimate']:.0f} ({lo:.0f}-{hi:.0f}, R-hat {latent['rhat']:.2f})."
