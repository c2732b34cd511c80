"""Who may see what: analysts see everything unpublished; a partner contact sees and delivers only
for their own partner; a municipality reader sees published figures only."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from zicht.accounts.models import Profile


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
    """Login required, and one of ``roles``; otherwise 403 (and nothing is shown)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if role_of(request.user) not in roles:
                raise PermissionDenied("Geen toegang tot deze gegevens.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
