"""Size and count limits for a delivered file.

A plain dataclass (no Django) so the pure intake code can be tested and benchmarked on its own; the
Django side passes ``settings.ZICHT_MAX_*`` in. Why each limit exists: ``docs/partners/limits.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Reporting years a delivery may be for (as the upload form and the API say); the CLI takes any integer,
and a year such as 99999999999 must be a message, not an overflow in the database."""


@dataclass(frozen=True)
class Limits:
    """Upper bounds that keep a hostile or mistaken file from exhausting the server."""

    max_bytes: int = 25 * MIB
    """Largest file accepted, checked before anything is read or unpacked."""
    max_uncompressed_bytes: int = 100 * MIB
    """Largest total unpacked size of an XLSX (a zip archive): declared sizes and bytes actually read."""
    max_rows: int = 1_000_000
    """Most data rows in one delivery (all sheets together)."""
    max_compression_ratio: int = 200
    """Largest unpacked/packed ratio of one archive member larger than 1 MiB (zip-bomb signature)."""
    max_archive_members: int = 2_000
    """Most files inside an XLSX archive (a template has a few dozen)."""
    max_problems: int = 1_000
    """Most problems reported; beyond this the report says it stopped counting."""

    @classmethod
    def from_settings(cls, settings) -> Limits:
        """Limits from an object with ``ZICHT_MAX_*`` attributes (Django settings), defaults elsewhere."""
        return cls(
            max_bytes=getattr(settings, "ZICHT_MAX_UPLOAD_BYTES", cls.max_bytes),
            max_uncompressed_bytes=getattr(
                settings, "ZICHT_MAX_UNCOMPRESSED_BYTES", cls.max_uncompressed_bytes
            ),
            max_rows=getattr(settings, "ZICHT_MAX_ROWS", cls.max_rows),
        )


def year_problem_nl(year: int) -> str | None:
    """Why ``year`` cannot be a reporting year (Dutch), or None when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"Verslagjaar {year} bestaat niet in Zicht: kies een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}."


def human_size(n: int) -> str:
    """A size in Dutch notation for messages (``25 MiB``, ``512 KiB``)."""
    if n >= MIB:
        return f"{n / MIB:.0f} MiB" if n % MIB == 0 else f"{n / MIB:.1f} MiB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} bytes"
