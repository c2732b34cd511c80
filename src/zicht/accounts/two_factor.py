"""Two-factor authentication (TOTP app plus one-time backup tokens) for pages with unpublished data.

Built on django-two-factor-auth and django-otp. ``ZICHT_REQUIRE_2FA`` (default on) decides whether a
session must be verified with a second factor before it sees unpublished data:

- not logged in: to the login page (password, then a code);
- logged in without a device: to the setup wizard (scan the QR code, confirm one code);
- logged in with a device but this session not verified with it: to the login page again, which asks
  the password and then the code.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import devices_for_user
from two_factor.admin import AdminSiteOTPRequiredMixin

ISSUER = "Zicht"


def two_factor_required() -> bool:
    return bool(getattr(settings, "ZICHT_REQUIRE_2FA", True))


def is_verified(user) -> bool:
    """True when this session was verified with one of the user's devices (set by django-otp)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def logged_in_through_provider(request) -> bool:
    """This session was logged in through the organisation's identity provider (``zicht.accounts.oidc``)."""
    if not getattr(settings, "ZICHT_OIDC_ENABLED", False):
        return False
    return (request.session.get("zicht_oidc") or {}).get("user") == request.user.pk


def second_factor_redirect(request) -> HttpResponseRedirect | None:
    """Where a logged-in user must go before seeing unpublished data, or None when they may pass."""
    if not two_factor_required() or is_verified(request.user):
        return None
    next_url = request.get_full_path()
    if has_device(request.user):
        if logged_in_through_provider(request):  # OIDC login without the provider's second factor
            return HttpResponseRedirect(f"{reverse('oidc_code')}?{urlencode({'next': next_url})}")
        return redirect_to_login(next_url)
    return HttpResponseRedirect(f"{reverse('two_factor:setup')}?{urlencode({'next': next_url})}")


class ZichtAdminSite(AdminSiteOTPRequiredMixin, AdminSite):
    """The admin shows unpublished data too: it logs in through the two-factor login page and, while
    ``ZICHT_REQUIRE_2FA`` is on, lets only verified sessions in."""

    def has_permission(self, request):
        if not two_factor_required():
            return AdminSite.has_permission(self, request)
        return super().has_permission(request)
