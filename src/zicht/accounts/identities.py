"""Links between an identity at the organisation's OpenID Connect provider and a Zicht user, each made
or removed through one function that writes its audit event in the same transaction.

A link lets whoever holds that identity at the provider log in as the user (with the user's role), so
it is a change of access like giving a role: an administrator makes one in /admin/ (for a user whose
e-mail address differs at the provider), a first login makes one by verified e-mail address
(``zicht.accounts.oidc.identify``). No import of the OIDC library here: the admin loads this module
whether OIDC is on or not."""

from __future__ import annotations

from django.db import transaction

from zicht.accounts.models import OidcIdentity
from zicht.audit import events


def link_identity(user, issuer: str, subject: str, email: str = "", actor=None) -> OidcIdentity:
    """Link ``issuer`` + ``subject`` to ``user``; ``actor`` None: by the user's own first login."""
    with transaction.atomic():
        identity = OidcIdentity.objects.create(user=user, issuer=issuer.rstrip("/"), subject=subject, email=email)
        events.oidc_identity_linked(user, identity.issuer, subject, email, actor=actor)
    return identity


def unlink_identity(identity: OidcIdentity, actor) -> None:
    """Remove a link: that identity no longer logs in (the next login may link again by e-mail)."""
    with transaction.atomic():
        events.oidc_identity_unlinked(identity.user, identity.issuer, identity.subject, actor)
        identity.delete()
