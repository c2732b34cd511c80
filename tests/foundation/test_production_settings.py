"""Settings that refuse to be unsafe, checked in fresh processes with a clean environment (nothing but
the variables named in each test), as an operator's server would start."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
KEY = "k" * 20 + "-Zicht-test-sleutel-0123456789-abcdefghij"
HOST = "monitor.example.nl"

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in ("
    "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_AGE', 'ZICHT_SESSION_IDLE_SECONDS', "
    "'ZICHT_SECRET_KEY_FROM_ENV')}))"
)


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "PYTHONPATH": str(SRC),
             "DJANGO_SETTINGS_MODULE": "zicht.conf.settings", **env}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120)


def shown(cwd: Path, **env: str) -> dict:
    result = run(["-c", SHOW], cwd, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_only_the_three_variables(tmp_path):
    result = run(["-m", "zicht", "check", "--deploy"], tmp_path,
                 ZICHT_SECRET_KEY=KEY, ZICHT_DEBUG="0", ZICHT_ALLOWED_HOSTS=HOST)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr + result.stdout, result.stderr


def test_check_deploy_names_the_missing_secret_key(tmp_path):
    result = run(["-m", "zicht", "check", "--deploy"], tmp_path, ZICHT_DEBUG="0", ZICHT_ALLOWED_HOSTS=HOST)
    assert result.returncode != 0
    assert "zicht.E001" in result.stderr and "ZICHT_SECRET_KEY" in result.stderr


def test_wsgi_application_refuses_to_start_without_the_secret_key(tmp_path):
    refused = run(["-c", "import zicht.conf.wsgi"], tmp_path, ZICHT_DEBUG="0", ZICHT_ALLOWED_HOSTS=HOST)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "ZICHT_SECRET_KEY is niet gezet" in refused.stderr
    started = run(["-c", "import zicht.conf.wsgi as w; print(callable(w.application))"], tmp_path,
                  ZICHT_SECRET_KEY=KEY, ZICHT_DEBUG="0", ZICHT_ALLOWED_HOSTS=HOST)
    assert started.returncode == 0 and started.stdout.strip() == "True", started.stderr


def test_without_the_variable_a_random_key_is_kept_in_the_data_directory(tmp_path):
    first = shown(tmp_path, ZICHT_DATA_DIR=str(tmp_path / "data"))
    key_file = tmp_path / "data" / "secret_key"
    assert first["ZICHT_SECRET_KEY_FROM_ENV"] is False and key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 50 and "insecure" not in key
    again = run(["-c", "from django.conf import settings; print(settings.SECRET_KEY)"], tmp_path,
                ZICHT_DATA_DIR=str(tmp_path / "data"))
    assert again.stdout.strip() == key  # the same key on the next start
    other = run(["-c", "from django.conf import settings; print(settings.SECRET_KEY)"], tmp_path,
                ZICHT_DATA_DIR=str(tmp_path / "andere"))
    assert other.stdout.strip() != key  # never a shared default


def test_secure_transport_is_the_default_when_debug_is_off(tmp_path):
    values = shown(tmp_path, ZICHT_SECRET_KEY=KEY)
    assert values == {
        "SECURE_SSL_REDIRECT": True, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000, "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_AGE": 8 * 3600, "ZICHT_SESSION_IDLE_SECONDS": 1800, "ZICHT_SECRET_KEY_FROM_ENV": True,
    }


def test_the_demo_relaxes_only_the_redirect_and_the_cookie_flags(tmp_path):
    values = shown(tmp_path, ZICHT_DEMO="1", ZICHT_DATA_DIR=str(tmp_path / "demo"))
    assert values["SECURE_SSL_REDIRECT"] is False and values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000 and values["SESSION_COOKIE_AGE"] == 8 * 3600
    assert (tmp_path / "demo" / "secret_key").is_file()


def test_every_part_is_settable(tmp_path):
    values = shown(tmp_path, ZICHT_SECRET_KEY=KEY, ZICHT_SSL_REDIRECT="0", ZICHT_SECURE_COOKIES="0",
                   ZICHT_HSTS_SECONDS="600", ZICHT_PROXY_SSL_HEADER="X-Scheme: https",
                   ZICHT_SESSION_MAX_SECONDS="3600", ZICHT_SESSION_IDLE_SECONDS="300")
    assert values["SECURE_SSL_REDIRECT"] is False and values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 600 and values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_SCHEME", "https"]
    assert values["SESSION_COOKIE_AGE"] == 3600 and values["ZICHT_SESSION_IDLE_SECONDS"] == 300
    assert shown(tmp_path, ZICHT_SECRET_KEY=KEY, ZICHT_PROXY_SSL_HEADER="")["SECURE_PROXY_SSL_HEADER"] is None


def test_a_malformed_proxy_header_is_refused_with_its_name(tmp_path):
    result = run(["-c", SHOW], tmp_path, ZICHT_SECRET_KEY=KEY, ZICHT_PROXY_SSL_HEADER="https")
    assert result.returncode != 0 and "ZICHT_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.django_db
def test_plain_http_is_redirected_and_https_behind_the_proxy_gets_hsts(settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    plain = Client().get("/meldroutekaart/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/meldroutekaart/"
    secure = Client().get("/meldroutekaart/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_processes_starting_together_share_one_key(tmp_path):
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(SRC),
             "ZICHT_DATA_DIR": str(tmp_path / "data")}
    code = "from zicht.conf.security import secret_key; import os; print(secret_key(None, os.environ['ZICHT_DATA_DIR'])[0])"
    starts = [subprocess.Popen([sys.executable, "-c", code], env=clean, stdout=subprocess.PIPE, text=True)
              for _ in range(4)]
    keys = {p.communicate(timeout=60)[0].strip() for p in starts}
    assert keys == {(tmp_path / "data" / "secret_key").read_text().strip()}
