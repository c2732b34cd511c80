"""How long a login lasts: at most ``SESSION_COOKIE_AGE`` seconds in all (8 hours), and it ends after
``ZICHT_SESSION_IDLE_SECONDS`` without a request (30 minutes). Logged-in pages show unpublished victim
data, so a forgotten browser tab must not stay open for Django's default of two weeks.

Django's session expiry alone cannot do both: the cookie age is renewed on every saved change, so it
is neither absolute nor idle. This middleware keeps the login time and the last request time in the
session and logs out when either limit is passed; the next page then asks for a new login.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

STARTED = "zicht_login_started"
LAST_SEEN = "zicht_last_seen"
RESOLUTION = 60  # seconds: record activity at most once a minute (a session write per request is waste)


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._enforce(request)
        return self.get_response(request)

    @staticmethod
    def _enforce(request) -> None:
        now = int(time.time())
        session = request.session
        started = session.get(STARTED)
        last_seen = session.get(LAST_SEEN)
        if started is None or last_seen is None:
            session[STARTED] = session[LAST_SEEN] = now
            return
        idle = int(getattr(settings, "ZICHT_SESSION_IDLE_SECONDS", 1800))
        if now - started > settings.SESSION_COOKIE_AGE or (idle > 0 and now - last_seen > idle):
            logout(request)  # flushes the session; request.user becomes anonymous
            return
        if now - last_seen >= RESOLUTION:
            session[LAST_SEEN] = now
