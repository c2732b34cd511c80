"""Template context shared by the web pages."""

from functools import cache
from pathlib import Path

REPORT_CSS = Path(__file__).resolve().parent.parent / "publish" / "static" / "publish" / "report.css"


@cache
def _css() -> str:
    return REPORT_CSS.read_text(encoding="utf-8")


def zicht(request):
    from zicht.accounts.permissions import role_of

    return {"zicht_css": _css(), "zicht_role": role_of(request.user) if hasattr(request, "user") else None}
