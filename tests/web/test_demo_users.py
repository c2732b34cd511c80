"""`make demo` makes one account per role and writes them to demo-users.json, so that every page can be
tried at once and checked by machine: each account logs in with its password and a code computed from
the printed TOTP secret, and lands on its role's start page."""

import json
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from tests.conftest import login_with_token

from zicht.catalog.services import load_catalog
from zicht.demo.users import USERS_FILE, create_demo_users

pytestmark = pytest.mark.django_db

LANDING = {"analyst": None, "partner": "/beheer/aanleveren/", "municipality": "/gemeente/", "admin": None}


def _code(secret: str) -> str:
    return f"{TOTP(b32decode(secret)).token():06d}"


def test_every_role_has_a_demo_account_that_logs_in(settings, tmp_path):
    settings.ZICHT_DEMO = True
    load_catalog()
    create_demo_users(tmp_path)
    rows = json.loads((tmp_path / USERS_FILE).read_text(encoding="utf-8"))
    assert sorted(r["role"] for r in rows) == ["admin", "analyst", "municipality", "partner"]
    assert all(set(r) == {"username", "password", "totp_secret", "role", "organisation"} for r in rows)
    by_role = {r["role"]: r for r in rows}
    assert by_role["partner"]["organisation"] == "police_tmm" and by_role["municipality"]["organisation"] == "GM0599"
    clients = {}
    for row in rows:
        client = clients[row["role"]] = Client()
        response = login_with_token(client, row["username"], _code(row["totp_secret"]), row["password"])
        assert response.status_code == 302, row["username"]
        landing = client.get("/start/")
        if LANDING[row["role"]]:
            assert landing["Location"].endswith(LANDING[row["role"]])
        page = client.get(landing["Location"], follow=True)
        assert page.status_code == 200, (row["role"], landing["Location"])
    assert clients["admin"].get("/admin/").status_code == 200
    assert clients["analyst"].get("/admin/").status_code == 302  # the analyst is no administrator


def test_demo_accounts_are_refused_outside_the_demo(settings):
    settings.ZICHT_DEMO = False
    with pytest.raises(RuntimeError):
        create_demo_users()
