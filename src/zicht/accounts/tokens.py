"""API tokens for machine accounts: issue (the clear token is returned once), revoke, authenticate.

A token looks like ``zicht_<prefix>_<secret>``: the prefix (8 hex characters) is stored in clear to
identify the token in lists and logs; the whole token is stored only as its SHA-256 digest. The
secret has 256 bits of randomness, so a plain (unsalted) SHA-256 is enough: nobody can guess or
brute-force the input, and the digest can be looked up directly (an indexed, unique column).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import ApiToken
from zicht.audit import events

TOKEN_PREFIX = "zicht_"


class TokenError(Exception):
    """A token operation that cannot be done (unknown user or prefix, already revoked); Dutch message."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    clear: str  # shown once; never stored


def digest_of(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


def issue_token(username: str, name: str, actor=None) -> IssuedToken:
    """Create a token acting for ``username``; the clear token is only in the returned value."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise TokenError(f"Onbekende gebruiker '{username}'.")
    if not user.is_active:
        raise TokenError(f"Gebruiker '{username}' is niet actief.")
    name = name.strip()
    if not name:
        raise TokenError("Geef de token een naam (bijvoorbeeld het systeem dat hem gebruikt).")
    with transaction.atomic():
        while True:
            prefix = secrets.token_hex(4)
            if not ApiToken.objects.filter(prefix=prefix).exists():
                break
        clear = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, digest=digest_of(clear))
        events.api_token_created(token, actor)
    return IssuedToken(token, clear)


def revoke_token(prefix: str, actor=None) -> ApiToken:
    """Revoke the token with this prefix; it is refused from then on (and kept for the record)."""
    prefix = prefix.strip().removeprefix(TOKEN_PREFIX).split("_", 1)[0]
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("user").filter(prefix=prefix).first()
        if token is None:
            raise TokenError(f"Geen token met voorvoegsel '{prefix}'.")
        if token.revoked_at is not None:
            raise TokenError(f"Token {prefix} is al ingetrokken op {timezone.localtime(token.revoked_at):%d-%m-%Y %H:%M}.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.api_token_revoked(token, actor)
    return token


def token_list(include_revoked: bool = True):
    qs = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    return qs if include_revoked else qs.filter(revoked_at__isnull=True)


def authenticate_token(clear: str) -> ApiToken | None:
    """The active token whose digest matches, with its user, or None (unknown, revoked, inactive user).

    Records the time of use."""
    if not clear.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(clear)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token
