"""Who may see what: analysts see everything unpublished; a partner contact sees and delivers only
for their own partner; a municipality reader sees published figures only. Unpublished data also needs
a session verified with a second factor (see ``zicht.accounts.two_factor``)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from zicht.accounts.models import Profile
from zicht.accounts.two_factor import second_factor_redirect


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ANALYST
    profile = Profile.objects.filter(user=user).first()
    return profile.role if profile else None


def partner_of(user):
    profile = Profile.objects.filter(user=user).select_related("partner").first()
    return profile.partner if profile else None


def may_deliver_for(user, partner_code: str) -> bool:
    role = role_of(user)
    if role == Profile.Role.ANALYST:
        return True
    partner = partner_of(user)
    return role == Profile.Role.PARTNER and partner is not None and partner.code == partner_code


def require_role(*roles: str):
    """Login required, a session verified with a second factor (unless ``ZICHT_REQUIRE_2FA`` is off),
    and one of ``roles``; otherwise a redirect to the login page or the 2FA setup wizard, or 403 (and
    nothing is shown)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            redirect = second_factor_redirect(request)
            if redirect is not None:
                return redirect
            if role_of(request.user) not in roles:
                raise PermissionDenied("Geen toegang tot deze gegevens.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
