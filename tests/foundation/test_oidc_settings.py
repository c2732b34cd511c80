"""OIDC login is off unless switched on, and switched on it refuses to start incomplete or unsafe
(``zicht.conf.oidc``). The login flow itself is tested against a real provider in
tests/accounts/test_oidc_login.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse

from zicht.conf import env
from zicht.conf import oidc as oidc_conf

SRC = Path(__file__).resolve().parents[2] / "src"
COMPLETE = {
    "ZICHT_OIDC_ENABLED": "1",
    "ZICHT_OIDC_ISSUER": "https://login.gemeente.example/realms/zicht",
    "ZICHT_OIDC_CLIENT_ID": "zicht",
    "ZICHT_OIDC_CLIENT_SECRET": "geheim-" + "s" * 30,
}


def read(monkeypatch, **variables) -> dict:
    for name in [n for n in env.REGISTRY if n.startswith("ZICHT_OIDC_")]:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return oidc_conf.oidc_settings(env.config, env.config_bool, env.config_int)


@pytest.mark.django_db
def test_off_by_default_no_urls_no_backend_no_middleware_no_link(client):
    assert settings.ZICHT_OIDC_ENABLED is False
    assert not any("oidc" in b for b in settings.AUTHENTICATION_BACKENDS)
    assert not any("oidc" in m for m in settings.MIDDLEWARE)
    for name in ("oidc_authentication_init", "oidc_authentication_callback", "oidc_code"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and "Of log in via" not in page.content.decode()


def test_off_reads_nothing_else(monkeypatch):
    assert read(monkeypatch, ZICHT_OIDC_CLIENT_ID="zicht") == {"ZICHT_OIDC_ENABLED": False}


def test_complete_settings_use_discovery_pkce_and_never_create_users(monkeypatch):
    values = read(monkeypatch, **COMPLETE)
    assert values["ZICHT_OIDC_ISSUER"] == COMPLETE["ZICHT_OIDC_ISSUER"]
    assert values["OIDC_OP_AUTHORIZATION_ENDPOINT"] is None  # from the discovery document
    assert values["OIDC_USE_PKCE"] and values["OIDC_USE_NONCE"] and values["OIDC_CREATE_USER"] is False
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256" and values["ZICHT_OIDC_MFA_AMR"] == ["mfa"]
    backends, middleware = oidc_conf.installed(settings.AUTHENTICATION_BACKENDS, settings.MIDDLEWARE)
    assert backends[-1] == oidc_conf.BACKEND
    assert middleware.index(oidc_conf.MIDDLEWARE) == middleware.index("django_otp.middleware.OTPMiddleware") + 1


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"ZICHT_OIDC_CLIENT_SECRET": ""}, "ZICHT_OIDC_CLIENT_SECRET"),
        ({"ZICHT_OIDC_ISSUER": ""}, "ZICHT_OIDC_ISSUER"),
        ({"ZICHT_OIDC_ISSUER": "http://login.gemeente.example/realms/zicht"}, "ZICHT_OIDC_ISSUER moet een https-adres"),
        ({"ZICHT_OIDC_TOKEN_ENDPOINT": "https://login.gemeente.example/token"}, "ZICHT_OIDC_AUTHORIZATION_ENDPOINT"),
        ({"ZICHT_OIDC_SCOPES": "email profile"}, "ZICHT_OIDC_SCOPES"),
        ({"ZICHT_OIDC_SIGN_ALGO": "HS256"}, "ZICHT_OIDC_SIGN_ALGO"),
    ],
)
def test_an_incomplete_or_unsafe_configuration_is_refused_naming_the_variable(monkeypatch, change, named):
    variables = {**COMPLETE, **change}
    with pytest.raises(ImproperlyConfigured, match=named):
        read(monkeypatch, **{k: v for k, v in variables.items() if v})


def test_explicit_endpoints_for_a_provider_without_discovery(monkeypatch):
    endpoints = {name: f"https://login.gemeente.example/{name.lower()}" for name in oidc_conf.ENDPOINT_VARIABLES}
    values = read(monkeypatch, **COMPLETE, **endpoints)
    assert values["OIDC_OP_TOKEN_ENDPOINT"] == endpoints["ZICHT_OIDC_TOKEN_ENDPOINT"]
    assert values["OIDC_OP_JWKS_ENDPOINT"] == endpoints["ZICHT_OIDC_JWKS_ENDPOINT"]


def _run(code_or_args: list[str], tmp_path, **variables) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(SRC),
             "DJANGO_SETTINGS_MODULE": "zicht.conf.settings", "ZICHT_DATA_DIR": str(tmp_path / "data"), **variables}
    return subprocess.run([sys.executable, *code_or_args], cwd=tmp_path, env=clean, capture_output=True, text=True,
                          timeout=120)


def test_zicht_refuses_to_start_with_an_incomplete_configuration(tmp_path):
    refused = _run(["-m", "zicht", "check"], tmp_path, ZICHT_OIDC_ENABLED="1",
                   ZICHT_OIDC_ISSUER=COMPLETE["ZICHT_OIDC_ISSUER"], ZICHT_OIDC_CLIENT_ID="zicht")
    assert refused.returncode != 0
    assert "ZICHT_OIDC_CLIENT_SECRET ontbreekt" in refused.stderr and "Zicht start niet" in refused.stderr


def test_switched_on_by_the_environment_the_urls_backend_and_middleware_exist(tmp_path):
    show = ("import json, django; django.setup(); from django.conf import settings as s; from django.urls import reverse;"
            "print(json.dumps([reverse('oidc_authentication_callback'), s.AUTHENTICATION_BACKENDS[-1],"
            " 'zicht.accounts.oidc.IdentityProviderMFAMiddleware' in s.MIDDLEWARE]))")
    result = _run(["-c", show], tmp_path, **COMPLETE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["/accounts/oidc/callback/", oidc_conf.BACKEND, True]
