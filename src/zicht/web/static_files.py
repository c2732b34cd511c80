"""Static files (admin, browsable API, two-factor pages) collected once into ``STATIC_ROOT``.

WhiteNoise serves them from the web process itself (no separate file server to configure). When
``STATIC_ROOT`` holds a collection, WhiteNoise serves it with compressed variants; when it does not
(tests, a checkout before ``make install``), settings let WhiteNoise find the files in the apps."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

# One file every collection holds (Django's admin); its presence means collectstatic has run.
MARKER = Path("admin") / "css" / "base.css"


def is_collected(static_root: Path | str | None = None) -> bool:
    root = Path(static_root if static_root is not None else settings.STATIC_ROOT)
    return (root / MARKER).is_file()


def ensure_collected() -> bool:
    """Run ``collectstatic`` when ``STATIC_ROOT`` has no collection yet; True if it ran now."""
    if is_collected():
        return False
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    # From now on serve the collection (with its compressed variants), not the app folders.
    settings.WHITENOISE_USE_FINDERS = False
    return True
