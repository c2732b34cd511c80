"""How a moment is shown to people: Dutch time (Europe/Amsterdam) with the zone, on pages and in the CLI.

A partner in Rotterdam reading "02:12" must not have to guess whether that is UTC; the zone (CET or
CEST) is always written. Machine output (JSON) carries the ISO time with its UTC offset in the same zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DUTCH_ZONE = ZoneInfo("Europe/Amsterdam")


def dutch_time(moment: dt.datetime | None, empty: str = "-") -> str:
    """``05-12-2026 03:12 CET``; ``empty`` when there is no moment."""
    if moment is None:
        return empty
    local = moment.astimezone(DUTCH_ZONE)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname()}"


def dutch_iso(moment: dt.datetime | None) -> str | None:
    """``2026-12-05T03:12:00+01:00``: ISO 8601 in Dutch time, with its offset."""
    return moment.astimezone(DUTCH_ZONE).isoformat() if moment is not None else None
