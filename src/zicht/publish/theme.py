"""The one stylesheet of Zicht, inlined in web pages, the report and its PDF."""

from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static" / "publish"


@cache
def theme_css() -> str:
    # matter.css: the key figures and the Verantwoording (web and print).
    return "\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in ("report.css", "matter.css"))


@cache
def print_css() -> str:
    """The printed monitor's own layout (cover, colophon, running header), after the theme."""
    return (STATIC_DIR / "print.css").read_text(encoding="utf-8")
