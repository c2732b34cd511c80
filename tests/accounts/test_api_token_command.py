"""`zicht api_token`: create (the token is printed once), list, revoke; audited; only a digest is kept."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from zicht.accounts.models import ApiToken, Profile
from zicht.accounts.tokens import authenticate_token, digest_of
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def police_user():
    load_catalog()
    user = User.objects.create_user("politie-systeem")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="police_tmm"))
    return user


def test_create_prints_the_token_once_and_stores_its_digest(police_user):
    out, err = _run("--user", "politie-systeem", "--name", "BVH-export")
    clear = out.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert clear.startswith(f"zicht_{token.prefix}_") and len(clear) > 40
    assert token.digest == digest_of(clear) and clear not in (token.digest, token.prefix, token.name)
    assert "rol: partner, partner: police_tmm" in out and not err
    assert authenticate_token(clear).user == police_user
    created = AuditEvent.objects.get(action="api_token.created")
    assert created.details == {"prefix": token.prefix, "name": "BVH-export", "user": "politie-systeem"}
    assert clear not in json.dumps(created.details) + created.message
    listing, _ = _run("--list")
    assert token.prefix in listing and "BVH-export" in listing and "actief" in listing and clear not in listing


def test_revoke_by_prefix_and_list_as_json(police_user):
    out, _ = _run("--user", "politie-systeem", "--name", "BVH-export")
    clear = out.strip().splitlines()[-1]
    prefix = ApiToken.objects.get().prefix
    out, _ = _run("--revoke", prefix)
    assert "ingetrokken" in out
    assert authenticate_token(clear) is None
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1
    rows = json.loads(_run("--list", "--json")[0])
    assert rows[0]["prefix"] == prefix and rows[0]["revoked_at"] is not None
    with pytest.raises(CommandError, match="al ingetrokken"):
        _run("--revoke", prefix)
    with pytest.raises(CommandError, match="Geen token"):
        _run("--revoke", "ffffffff")


def test_refusals(police_user):
    with pytest.raises(CommandError, match="Onbekende gebruiker"):
        _run("--user", "niemand", "--name", "x")
    with pytest.raises(CommandError, match="--name"):
        _run("--user", "politie-systeem")
    User.objects.create_user("zonder-rol")
    out, err = _run("--user", "zonder-rol", "--name", "proef")
    assert "geen rol" in err
    assert ApiToken.objects.count() == 1
