"""The `zicht` console script: Django's management commands with Zicht's settings preset."""

import os
import sys
from pathlib import Path


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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "demo":
        _demo_environment(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zicht", *args])


if __name__ == "__main__":
    main()
