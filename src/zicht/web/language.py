"""Dutch first: the language is Dutch unless the visitor chose English with the switch.

Django's ``LocaleMiddleware`` falls back on the browser's ``Accept-Language``; an English Windows in a
town hall would then get English headings around the Dutch tables of the monitor (issue 11). This
middleware reads only the explicit choice (the ``django_language`` cookie that ``set_language`` writes)
and otherwise activates ``LANGUAGE_CODE`` (ADR 1111)."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request) -> str:
    """The language the visitor chose with the switch, else Dutch; never the browser's."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and translation.check_for_language(code) and code in dict(settings.LANGUAGES):
        return code
    return settings.LANGUAGE_CODE


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without the ``Accept-Language`` fallback (and without URL prefixes)."""

    def process_request(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        # The page depends on the cookie, not on Accept-Language: caches must key on the cookie.
        from django.utils.cache import patch_vary_headers

        patch_vary_headers(response, ("Cookie",))
        return response
