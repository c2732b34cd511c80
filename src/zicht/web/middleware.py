"""Request-size cap: a body larger than the upload limit plus a margin is refused before it is read.

Django reads a multipart upload whole (into memory or a temporary file) before a view can look at its
size, so a 200 MB upload would be received in full before the 25 MiB check of the intake. This
middleware decides from the ``Content-Length`` header alone and answers 413 at once. A body without a
``Content-Length`` (chunked transfer) is not read by Django at all, so it cannot slip past the cap.
The reverse proxy should carry the same limit (``client_max_body_size`` in nginx, docs/operator.md)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse

logger = logging.getLogger("zicht.web")


def max_request_bytes() -> int:
    """The cap: ``ZICHT_MAX_REQUEST_BYTES`` if set, else the upload limit plus 1 MiB for the form."""
    explicit = getattr(settings, "ZICHT_MAX_REQUEST_BYTES", None)
    if explicit:
        return int(explicit)
    return int(settings.ZICHT_MAX_UPLOAD_BYTES) + 1024 * 1024


class RequestSizeLimitMiddleware:
    """Answer 413 (in Dutch) to a request whose declared body is over the cap; nothing else is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            size = int(declared)
        except ValueError:
            return HttpResponse("Ongeldige Content-Length in het verzoek.", status=400,
                                content_type="text/plain; charset=utf-8")
        limit = max_request_bytes()
        if size > limit:
            self._audit(request, size, limit)
            mib = limit / (1024 * 1024)
            response = HttpResponse(
                f"Het verzoek is te groot: {size} bytes, de grens is {limit} bytes ({mib:.0f} MiB). "
                "Lever een kleiner bestand aan of splits de levering.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Content-Length"] = str(len(response.content))  # before CommonMiddleware would
            return response
        return self.get_response(request)

    @staticmethod
    def _audit(request, size: int, limit: int) -> None:
        from zicht.audit import events

        try:
            events.request_too_large(request.path, size, limit, request.META.get("REMOTE_ADDR", ""))
        except Exception:  # the refusal must not turn into a 500 when the database is unavailable
            logger.exception("audit of an oversized request failed")
