"""Warm a web process before it serves: import every view (the URL configuration pulls in the
publishing code) and read the catalog.

`zicht serve` calls this in gunicorn's master before it forks its workers (``preload_app``), so every
worker, also one that replaces another after ``ZICHT_WEB_MAX_REQUESTS``, starts with all of this in
memory it shares with its siblings, instead of spending about a second on its first request while
other requests queue behind it. Nothing here opens a database connection: a connection must not
be shared across a fork."""

from __future__ import annotations


def warm_up() -> None:
    from django.urls import get_resolver

    from zicht.catalog.definitions import get_catalog

    get_resolver().url_patterns  # noqa: B018 - imports every view module of the URL configuration
    get_catalog()
    import zicht.web.dashboard  # noqa: F401 - its view imports it lazily
