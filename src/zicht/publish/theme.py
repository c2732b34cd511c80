"""The one stylesheet of Zicht, inlined in web pages, the report and its PDF."""

from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static" / "publish"


@cache
def theme_css() -> str:
    return (STATIC_DIR / "report.css").read_text(encoding="utf-8")
