"""The `zicht` console script: Django's management commands with Zicht's settings preset.

On a fresh checkout the first command that needs the database finds none: the embedded SQLite
database (and its folder) is then made and migrated first, as `zicht demo` does. A server database
(PostgreSQL) is never migrated behind the operator's back: a command that finds its tables missing
says in one sentence what to run, instead of a traceback."""

import os
import sys
from pathlib import Path

# Commands that never touch the database (or prepare it themselves): no database is made for them,
# so `zicht --help` and the pure engines start fast and leave no files behind.
NO_DATABASE = frozenset({
    "help", "version", "check", "demo", "migrate", "makemigrations", "squashmigrations", "sqlmigrate",
    "compilemessages", "makemessages", "collectstatic", "estimate", "protect", "keygen", "encode",
    "link", "meldroutes", "template", "startapp", "startproject", "diffsettings",
})
NOT_MIGRATED = "De database is nog niet ingericht: draai eerst `zicht migrate`."


def _demo_environment(args: list[str]) -> None:
    """`zicht demo` always runs on a fresh embedded SQLite database inside its output folder."""
    out = "zicht-demo"
    for i, arg in enumerate(args):
        if arg == "--out" and i + 1 < len(args):
            out = args[i + 1]
        elif arg.startswith("--out="):
            out = arg.split("=", 1)[1]
    os.environ["ZICHT_DEMO"] = "1"
    os.environ["ZICHT_DATA_DIR"] = str(Path(out).resolve())


def prepare_embedded_database(command: str) -> Path | None:
    """Make and migrate the embedded SQLite database when it does not exist yet; its path, or None."""
    if not command or command.startswith("-") or command in NO_DATABASE:
        return None
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    path = Path(database["NAME"])
    if path.is_file() and path.stat().st_size > 0:
        return None
    import django
    from django.core.management import call_command

    django.setup()
    path.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    sys.stderr.write(f"Nieuwe database aangemaakt en ingericht: {path}\n")
    return path


def _tables_missing(exc: BaseException) -> bool:
    """A query on a table that does not exist: the database was never migrated."""
    from django.db.utils import DatabaseError

    if not isinstance(exc, DatabaseError):
        return False
    return "no such table" in str(exc) or getattr(exc.__cause__, "sqlstate", None) == "42P01"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "demo":
        _demo_environment(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    from django.core.management import execute_from_command_line

    prepare_embedded_database(args[0] if args else "")
    try:
        execute_from_command_line(["zicht", *args])
    except Exception as exc:
        if not _tables_missing(exc):
            raise
        sys.stderr.write(NOT_MIGRATED + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
