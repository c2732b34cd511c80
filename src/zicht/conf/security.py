"""Settings that refuse to be unsafe: the secret key, and the check every production entry point runs.

Without ``ZICHT_SECRET_KEY`` Zicht still works for the demo, the tests and the command line: it makes a
random key once and keeps it in the data directory (``<ZICHT_DATA_DIR>/secret_key``, mode 600), so
sessions survive a restart and nobody shares a public default. A production server must not rely on
that file (it would differ per machine and live beside the data), so ``refuse_unsafe_production`` stops
the WSGI application and ``zicht serve`` when debug is off and the key does not come from the
environment. ``zicht check --deploy`` reports the same (``zicht.E001``).

No Django imports at module level: settings.py imports this before Django is configured.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_KEY_VARIABLE = "ZICHT_SECRET_KEY"
KEY_FILE_NAME = "secret_key"

UNSAFE_MESSAGE = (
    "Zicht start niet: de omgevingsvariabele ZICHT_SECRET_KEY is niet gezet. Zet een lange willekeurige "
    "waarde (bijvoorbeeld uit `python3 -c \"import secrets; print(secrets.token_urlsafe(50))\"`) in de "
    "omgeving van de server (of ZICHT_DEBUG=1 om te ontwikkelen); zie docs/operator.md."
)


def secret_key(from_environment: str | None, data_dir: Path) -> tuple[str, bool]:
    """The secret key and whether it came from the environment.

    Unset: the key kept in ``data_dir`` (made on first use, published with one atomic link so that a
    process starting at the same moment never reads half a key); a data directory that cannot be
    written gives a key for this process only (sessions then end with the process)."""
    if from_environment:
        return from_environment, True
    path = Path(data_dir) / KEY_FILE_NAME
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key, False
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:
        return secrets.token_urlsafe(50), False
    key = secrets.token_urlsafe(50)
    draft = path.with_name(f".{KEY_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:  # another process was first (or an empty file is there): use that one
            existing = path.read_text(encoding="ascii").strip()
            if existing:
                return existing, False
            os.replace(draft, path)
    except OSError:
        return key, False
    finally:
        draft.unlink(missing_ok=True)
    return key, False


def proxy_ssl_header(value: str | None) -> tuple[str, str] | None:
    """``"X-Forwarded-Proto: https"`` -> ``("HTTP_X_FORWARDED_PROTO", "https")``; empty -> None."""
    if not value or not value.strip():
        return None
    name, sep, expected = value.partition(":")
    if not sep or not name.strip() or not expected.strip():
        raise ValueError(
            f"ZICHT_PROXY_SSL_HEADER moet de vorm 'Kopnaam: waarde' hebben, bijvoorbeeld "
            f"'X-Forwarded-Proto: https'; gevonden: {value!r}"
        )
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip()


def unsafe_production_problems(settings) -> list[str]:
    """What makes these settings unfit to serve the web application in production (empty: fit)."""
    if settings.DEBUG or getattr(settings, "ZICHT_DEMO", False):
        return []
    if not getattr(settings, "ZICHT_SECRET_KEY_FROM_ENV", False):
        return [UNSAFE_MESSAGE]
    return []


def refuse_unsafe_production() -> None:
    """Call from every production entry point (the WSGI application, ``zicht serve``) before serving.

    Raises ``django.core.exceptions.ImproperlyConfigured`` with a message that names the variable."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    problems = unsafe_production_problems(settings)
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


def check_secret_key(app_configs=None, **kwargs):
    """``zicht check --deploy``: the secret key must come from the environment (``zicht.E001``)."""
    from django.conf import settings
    from django.core.checks import Error

    if getattr(settings, "ZICHT_SECRET_KEY_FROM_ENV", False) or getattr(settings, "ZICHT_DEMO", False):
        return []
    return [
        Error(
            "ZICHT_SECRET_KEY is niet gezet: de sleutel komt uit de datamap, niet uit de omgeving.",
            hint="Zet ZICHT_SECRET_KEY op een lange willekeurige waarde; zie docs/operator.md.",
            id="zicht.E001",
        )
    ]
