"""`zicht serve` as an operator runs it: a real gunicorn process on a loopback port, its own data
folder and database (PostgreSQL when DATABASE_URL points at one, else SQLite), driven over HTTP.

The steps of docs/operator.md ("Productie"): migrate, an analyst with a second factor, serve; then
log in with password and TOTP code, deliver a file on /beheer/aanleveren/ (CSRF token from the form),
publish from the cockpit (a draft, then the confirmation, each run by a `zicht worker --batch`
process on the same database, as the background worker would), read the public pages, the API and a static file, and stop with SIGTERM.
Requests carry ``X-Forwarded-Proto: https`` and an https Referer, as they do behind the nginx of the
guide. No part of the server is replaced: this is the command, the settings and the database."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django_otp.oath import TOTP

pytestmark = pytest.mark.slow  # about a minute: migrations, a gunicorn start, a draft and a publication

SRC = Path(__file__).resolve().parents[2] / "src"
PASSWORD = "een-lang-wachtwoord-123"
TOTP_KEY = "3132333435363738393031323334353637383930"  # 20 bytes (hex), the RFC 6238 test key
CARE = b"indicator,gender,value\nessm_care.clients,,143\n"

SETUP_ANALYST = f"""
import django
django.setup()
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from zicht.accounts.models import Profile
from zicht.catalog.services import load_catalog
load_catalog()
user = User.objects.create_user("analist-serve", password="{PASSWORD}")
Profile.objects.create(user=user, role=Profile.Role.ANALYST)
TOTPDevice.objects.create(user=user, name="default", key="{TOTP_KEY}", confirmed=True)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_url():
    """A fresh database for the server: its own PostgreSQL database, or None for SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'zicht'}_serve"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_env(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZICHT_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH", "")])),
        "DJANGO_SETTINGS_MODULE": "zicht.conf.settings",
        "ZICHT_DATA_DIR": str(tmp_path / "data"),
        "ZICHT_SECRET_KEY": "test-only-" + "k" * 50,
        "ZICHT_DEBUG": "0",
        "ZICHT_LOG_LEVEL": "WARNING",
    })
    if database_url:
        env["DATABASE_URL"] = database_url
    (tmp_path / "data").mkdir()  # the operator guide creates it, owned by the service account
    return env


def _zicht(env, *args, timeout=180) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "zicht", *args], env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"zicht {' '.join(args)}: {result.stdout}\n{result.stderr}"
    return result


class Browser:
    """Just enough of a browser: cookies (also those marked Secure, as the proxy's client would send
    them over TLS), the proxy's headers, no automatic redirects."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.session = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{urlsplit(self.base).netloc}{path}",
                   **kwargs.pop("headers", {})}
        self.session.cookies.clear()
        response = self.session.request(method, self.base + path, headers=headers, cookies=dict(self.cookies),
                                        allow_redirects=False, timeout=60, **kwargs)
        self.cookies.update({c.name: c.value for c in response.cookies})
        return response

    def csrf_from_form(self, path: str) -> str:
        page = self.request("GET", path)
        assert page.status_code == 200, (path, page.status_code)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _wait_until_serving(proc: subprocess.Popen, base: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"zicht serve stopte meteen:\n{proc.stdout.read()}")
        try:
            requests.get(base + "/", timeout=2, allow_redirects=False)  # HTTP -> HTTPS redirect: serving
            return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise AssertionError("zicht serve antwoordde niet binnen de tijd")


def anonymous_sees_no_monitor(base: str) -> bool:
    return Browser(base).request("GET", "/api/v1/publications/", headers={"Accept": "application/json"}).json() in (
        [], {"count": 0, "next": None, "previous": None, "results": []})


def test_serve_refuses_an_unmigrated_database_and_a_missing_secret_key(server_env):
    if "DATABASE_URL" in server_env:
        # PostgreSQL is never migrated behind the operator's back (the embedded SQLite database is
        # created and migrated on first use by every command, `zicht serve` included).
        migrate_first = subprocess.run([sys.executable, "-m", "zicht", "serve", "--bind",
                                        f"127.0.0.1:{_free_port()}"],
                                       env=server_env, capture_output=True, text=True, timeout=120)
        assert migrate_first.returncode != 0 and "zicht migrate" in migrate_first.stderr
    no_key = {k: v for k, v in server_env.items() if k != "ZICHT_SECRET_KEY"}
    refused = subprocess.run([sys.executable, "-m", "zicht", "serve"], env=no_key, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode != 0 and "ZICHT_SECRET_KEY" in refused.stderr


def test_operator_steps_log_in_deliver_publish_and_read_through_the_production_server(server_env):
    _zicht(server_env, "migrate", "-v0")
    setup = subprocess.run([sys.executable, "-c", SETUP_ANALYST], env=server_env, capture_output=True, text=True,
                           timeout=120)
    assert setup.returncode == 0, setup.stderr
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "zicht", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                            env=server_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_until_serving(proc, base)
        browser = Browser(base)

        # Static files from the same server, collected by `zicht serve` into the data folder.
        css = browser.request("GET", "/static/admin/css/base.css", headers={"Accept-Encoding": "gzip"})
        assert css.status_code == 200 and "text/css" in css.headers["Content-Type"]
        assert css.headers.get("Content-Encoding") == "gzip"
        assert (Path(server_env["ZICHT_DATA_DIR"]) / "static" / "admin" / "css" / "base.css").is_file()

        # Password, then the code of the authenticator app.
        token = browser.csrf_from_form("/accounts/login/")
        step1 = browser.request("POST", "/accounts/login/", data={
            "csrfmiddlewaretoken": token, "login_view-current_step": "auth",
            "auth-username": "analist-serve", "auth-password": PASSWORD})
        assert step1.status_code == 200 and "token-otp_token" in step1.text, (step1.headers.get("Location"), step1.text[:500])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', step1.text).group(1)
        code = f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"
        step2 = browser.request("POST", "/accounts/login/", data={
            "csrfmiddlewaretoken": token, "login_view-current_step": "token", "token-otp_token": code})
        assert step2.status_code == 302, step2.text[:500]

        # A delivery through the page, with the form's CSRF token.
        token = browser.csrf_from_form("/beheer/aanleveren/")
        stored = browser.request("POST", "/beheer/aanleveren/",
                                 data={"csrfmiddlewaretoken": token, "partner": "essm_care", "year": "2022",
                                       "store": "on"},
                                 files={"file": ("zorg.csv", CARE, "text/csv")})
        assert stored.status_code == 200 and "Opgeslagen als versie 1" in stored.text, stored.text[:2000]

        # An oversized body is refused from its Content-Length, before it is sent (413): the answer
        # comes while the client has sent 1 KiB of the 200 MiB it announced.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            raw.sendall(b"POST /beheer/aanleveren/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/octet-stream\r\n"
                        + f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode() + b"x" * 1024)
            answer, deadline = b"", time.monotonic() + 20
            while b"te groot" not in answer and time.monotonic() < deadline:  # headers and body may
                chunk = raw.recv(65536)                                       # come in two packets
                if not chunk:
                    break
                answer += chunk
            answer = answer.decode("utf-8", "replace")
        assert answer.startswith("HTTP/1.1 413") and "te groot" in answer, answer[:300]

        # Publish from the cockpit: a draft, then the confirmation; each is a job for the worker,
        # run here as the operator's `zicht worker` would, in its own process on the same database.
        token = browser.csrf_from_form("/beheer/jaar/2022/")
        draft = browser.request("POST", "/beheer/jaar/2022/concept/", data={"csrfmiddlewaretoken": token})
        assert draft.status_code == 302 and "/beheer/jaar/2022/concept/" in draft.headers["Location"], draft.text[:500]
        _zicht(server_env, "worker", "--batch", "--no-startup-delay", timeout=300)
        confirm = browser.request("GET", "/beheer/jaar/2022/publiceren/")
        assert confirm.status_code == 200 and "Ja, publiceer de monitor 2022" in confirm.text, confirm.text[:2000]
        build = re.search(r'name="build" value="(\d+)"', confirm.text).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
        queued = browser.request("POST", "/beheer/jaar/2022/publiceren/",
                                 data={"csrfmiddlewaretoken": token, "build": build})
        assert queued.status_code == 302, queued.text[:500]
        job = urlsplit(queued.headers["Location"]).path
        assert re.fullmatch(r"/beheer/jaar/2022/publiceren/\d+/", job), job
        waiting = browser.request("GET", job)
        assert "in de wachtrij" in waiting.text and 'id="refresh-link"' in waiting.text
        assert anonymous_sees_no_monitor(base)
        _zicht(server_env, "worker", "--batch", "--no-startup-delay", timeout=300)
        done = browser.request("GET", job)
        assert done.status_code == 200 and "De monitor 2022 is gepubliceerd als versie 1." in done.text, done.text[:2000]

        anonymous = Browser(base)
        for path, expect in [("/", "2022"), ("/monitor/2022/", "2022"), ("/dashboard/2022/", "2022")]:
            page = anonymous.request("GET", path)
            assert page.status_code == 200 and expect in page.text, (path, page.status_code)
        api = anonymous.request("GET", "/api/v1/publications/", headers={"Accept": "application/json"})
        assert api.status_code == 200
        body = api.json()
        rows = body["results"] if isinstance(body, dict) else body
        assert [(p["year"], p["version"]) for p in rows] == [(2022, 1)]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        log = proc.stdout.read()
    assert code == 0, log
    assert "Shutting down" in log or "Handling signal: term" in log, log
