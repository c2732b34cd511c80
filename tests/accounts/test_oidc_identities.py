"""Links between an identity at the OIDC provider and a Zicht user, managed in /admin/, audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from zicht.accounts.models import OidcIdentity
from zicht.audit.models import AuditEvent

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
ISSUER = "https://login.gemeente.example/realms/zicht"


@pytest.fixture
def admin_client(two_factor_login):
    superuser = User.objects.create_superuser("beheerder", password=PASSWORD)
    client = Client()
    two_factor_login(client, superuser)
    return client, superuser


def test_an_administrator_links_and_unlinks_an_identity_audited(admin_client):
    client, superuser = admin_client
    analyst = User.objects.create_user("analist", password=PASSWORD)
    added = client.post("/admin/accounts/oidcidentity/add/",
                        {"user": analyst.pk, "issuer": ISSUER + "/", "subject": "f81d4fae-7dec"})
    assert added.status_code == 302, added.content.decode()[:2000]
    identity = OidcIdentity.objects.get()
    assert (identity.user, identity.issuer, identity.subject) == (analyst, ISSUER, "f81d4fae-7dec")
    linked = AuditEvent.objects.get(action="login.oidc_linked")
    assert linked.actor == superuser and linked.details["subject"] == "f81d4fae-7dec"
    assert "door beheerder" in linked.message

    # Never changed in place (that would move access silently): the page is read-only.
    page = client.get(f"/admin/accounts/oidcidentity/{identity.pk}/change/")
    assert page.status_code == 200 and 'name="subject"' not in page.content.decode()
    moved = client.post(f"/admin/accounts/oidcidentity/{identity.pk}/change/",
                        {"user": superuser.pk, "issuer": ISSUER, "subject": "ander"})
    assert moved.status_code == 403
    identity.refresh_from_db()
    assert identity.user == analyst and identity.subject == "f81d4fae-7dec"

    # The same identity cannot be linked to a second user.
    twice = client.post("/admin/accounts/oidcidentity/add/", {"user": superuser.pk, "issuer": ISSUER,
                                                               "subject": "f81d4fae-7dec"})
    assert twice.status_code == 200 and OidcIdentity.objects.count() == 1

    removed = client.post(f"/admin/accounts/oidcidentity/{identity.pk}/delete/", {"post": "yes"})
    assert removed.status_code == 302 and not OidcIdentity.objects.exists()
    unlinked = AuditEvent.objects.get(action="login.oidc_unlinked")
    assert unlinked.actor == superuser and unlinked.details["user"] == "analist"
