"""gunicorn, started from Python with Zicht's own settings (no gunicorn.conf.py to keep in step).

Why gunicorn's ``BaseApplication`` rather than the ``gunicorn`` command: the worker count, timeouts
and request limits then come from the same environment settings (``zicht.conf.env``, documented in
docs/operator.md) as the rest of Zicht, and ``zicht serve`` can check the installation before it
binds a port. gunicorn itself handles signals: TERM stops gracefully (running requests get
``ZICHT_WEB_GRACEFUL_TIMEOUT`` seconds), HUP reloads the workers, INT/QUIT stop at once."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """2 x cores + 1 (gunicorn's advice), at most 8: each worker holds Django and the report code."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def server_options(settings, *, bind: str | None = None, workers: int | None = None) -> dict:
    """gunicorn options from Django settings, with the command line's ``--bind``/``--workers`` first."""
    return {
        "bind": [bind or settings.ZICHT_WEB_BIND],
        "workers": workers or settings.ZICHT_WEB_WORKERS or default_workers(),
        # Threads let a worker answer a quick page while another thread waits on a slow client.
        "worker_class": "gthread",
        "threads": settings.ZICHT_WEB_THREADS,
        "timeout": settings.ZICHT_WEB_TIMEOUT,
        "graceful_timeout": settings.ZICHT_WEB_GRACEFUL_TIMEOUT,
        "keepalive": 5,
        "max_requests": settings.ZICHT_WEB_MAX_REQUESTS,
        "max_requests_jitter": settings.ZICHT_WEB_MAX_REQUESTS // 10,
        # Load Django once in the master, then fork: faster worker (re)starts and shared memory.
        "preload_app": True,
        # Request line and headers: gunicorn's own caps; the body is capped by RequestSizeLimitMiddleware.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "zicht",
        # No gunicornc control socket in $HOME: systemd's signals are the interface (and two servers
        # on one machine, e.g. a test beside an instance, would fight over one socket path).
        "control_socket_disable": True,
        # The reverse proxy on the same machine may set X-Forwarded-* (Django decides what to trust).
        "forwarded_allow_ips": "127.0.0.1,::1",
    }


class ZichtServer(BaseApplication):
    """The WSGI application of Zicht under gunicorn with the given options."""

    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key.lower(), value)

    def load(self):
        return self.application
