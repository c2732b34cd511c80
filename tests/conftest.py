"""Shared test fixtures."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """The test run serves plain HTTP on loopback, like the demo: no HTTPS redirect and no secure-only
    cookies (set here, before any server or client loads the middleware). The production defaults
    themselves are tested in a subprocess (tests/foundation/test_production_settings.py)."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    # Test users get a fast password hash (Django's advice for test suites): PBKDF2's many iterations
    # cost about half a second per user on this machine. Production hashing is untouched; processes the
    # tests start (zicht serve) keep the real hashers and make their own users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Factsheet PDFs (25 municipalities through WeasyPrint) cost about 10 s per publication on this
    # machine; only the tests of the exporters make them (tests/publish/test_exporters.py turns them on).
    settings.ZICHT_EXPORTERS_OFF = ("factsheet-pdf",)
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, settings):
    """Keep every test's files (stored submissions, built reports) in its own temporary folder."""
    settings.BASE_DIR = tmp_path
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    settings.ZICHT_DRAFTS_DIR = tmp_path / "concepten"
    yield


PASSWORD = "een-lang-wachtwoord-123"


def current_totp(device) -> str:
    """The code an authenticator app shows now for ``device`` (django-otp's own TOTP)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_with_token(client, username: str, token: str, password: str = PASSWORD):
    """The real two-factor login: the password step, then the token step. Returns the last response."""
    first = client.post(
        "/accounts/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )
    if first.status_code != 200:  # refused or locked out at the password step
        return first
    return client.post("/accounts/login/", {"login_view-current_step": "token", "token-otp_token": token})


@pytest.fixture
def two_factor_login():
    """Give a user a TOTP device and log ``client`` in with password and a real code: a verified session."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user, password: str = PASSWORD):
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        response = login_with_token(client, user.username, current_totp(device), password)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert client.session.get("otp_device_id") == device.persistent_id
        return device

    return login
