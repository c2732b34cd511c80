"""The `zicht` console script: Django's management commands with Zicht's settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zicht", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
