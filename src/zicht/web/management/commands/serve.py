"""`zicht serve [--bind HOST:PORT] [--workers N]`: the production web server (gunicorn).

Before it binds a port it refuses an unsafe or unfinished installation, each with one Dutch sentence
that says what to do: no ``ZICHT_SECRET_KEY`` with debug off, or migrations not yet applied. It
collects the static files when ``STATIC_ROOT`` has none yet. Stop it with TERM (systemd's default):
running requests finish first. Put it behind a reverse proxy with TLS (docs/operator.md, Productie).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from zicht.web.gunicorn_app import ZichtServer, server_options
from zicht.web.static_files import ensure_collected


def refuse_unsafe_start() -> None:
    """No production start with debug on or without a secret key from the environment: the shared
    check of every production entry point (``zicht.conf.security``), plus debug, which a production
    server never runs with."""
    from django.core.exceptions import ImproperlyConfigured

    from zicht.conf.security import refuse_unsafe_production

    if settings.DEBUG:
        raise CommandError("ZICHT_DEBUG staat aan: `zicht serve` is voor productie; zet ZICHT_DEBUG=0.")
    try:
        refuse_unsafe_production()
    except ImproperlyConfigured as exc:
        raise CommandError(str(exc)) from exc


def refuse_unmigrated() -> None:
    """No start on a database without Zicht's tables: the first request would end in a 500."""
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(f"De database is niet bereikbaar ({exc}): controleer DATABASE_URL of "
                           "ZICHT_DATA_DIR en draai eerst `zicht migrate`.") from exc
    finally:
        connections.close_all()
    if pending:
        raise CommandError(f"De database mist {len(pending)} migratie(s): draai eerst `zicht migrate`.")


def _bind(value: str) -> str:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"--bind {value!r}: gebruik HOST:POORT, bijvoorbeeld 127.0.0.1:8000.")
    return value


class Command(BaseCommand):
    help = ("Start de productiewebserver (gunicorn) met aantal workers en time-outs uit de instellingen; "
            "statische bestanden via WhiteNoise. Zet hem achter een reverse proxy met TLS.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=None,
                            help=f"HOST:POORT (standaard ZICHT_WEB_BIND, nu {settings.ZICHT_WEB_BIND}).")
        parser.add_argument("--workers", type=int, default=None,
                            help="Aantal workerprocessen (standaard ZICHT_WEB_WORKERS of 2 x kernen + 1).")

    def handle(self, *args, **options):
        refuse_unsafe_start()
        bind = _bind(options["bind"]) if options["bind"] else None
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers moet 1 of meer zijn.")
        refuse_unmigrated()
        if ensure_collected():
            self.stdout.write(f"Statische bestanden verzameld in {settings.STATIC_ROOT}")
        opts = server_options(settings, bind=bind, workers=options["workers"])
        self.stdout.write(f"Zicht op http://{opts['bind'][0]}/ met {opts['workers']} worker(s) "
                          f"x {opts['threads']} threads (stoppen: Ctrl+C of SIGTERM)")
        self.stdout.flush()
        from zicht.conf.wsgi import application  # the same entry point as any other WSGI server
        from zicht.web.warm import warm_up

        warm_up()  # every view and the catalog in the master: workers fork warm (zicht.web.warm)
        connections.close_all()  # no connection may cross the fork into the workers
        ZichtServer(application, opts).run()
