"""`zicht meldroutes`: check a routes file and list which routes the region must (re)check."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zicht.signalling.routing import DEFAULT_FILE, RouteMapError, load_route_map


class Command(BaseCommand):
    help = (
        "Controleer het bestand met meldroutes (routes.yaml) en toon per route de laatste controle. "
        "Stopt met een foutmelding als het bestand niet klopt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bestand",
            default=str(DEFAULT_FILE),
            help="Pad naar het routesbestand (standaard: het meegeleverde routes.yaml).",
        )

    def handle(self, *args, **options):
        try:
            rm = load_route_map(options["bestand"])
        except RouteMapError as exc:
            raise CommandError(str(exc)) from exc
        today = timezone.localdate()
        self.stdout.write(
            f"Meldroutekaart {rm.region}, versie {rm.version}: {len(rm.forms)} vormen, "
            f"{len(rm.routes)} routes, {len(rm.rules)} regels; alle {len(rm.all_answers())} "
            "antwoordcombinaties gecontroleerd."
        )
        due = 0
        for route in rm.routes:
            checked = route.last_checked.isoformat() if route.last_checked else "nooit"
            if route.check_due(today, rm.review_interval_days):
                due += 1
                reason = "niet bevestigd" if not route.verified else "controle verlopen"
                status = f"TE CONTROLEREN ({reason})"
            else:
                status = "in orde"
            self.stdout.write(f"  {route.code:<13} laatst gecontroleerd: {checked:<10}  {status}")
        self.stdout.write(
            f"{due} van {len(rm.routes)} routes moeten door de regio worden gecontroleerd."
        )
