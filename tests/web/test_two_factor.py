"""Two-factor authentication before unpublished data: password, then a TOTP code or a backup token.

Everything runs through the real login wizard, django-otp's devices and django-axes; codes are computed
with django-otp's TOTP, as an authenticator app would."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.services import load_catalog
from zicht.intake.services import submit_bytes

from ..conftest import PASSWORD, current_totp, login_with_token

pytestmark = pytest.mark.django_db

DATA = "/beheer/leveringen/"


@pytest.fixture
def analyst():
    load_catalog()
    user = User.objects.create_user("analist", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    submit_bytes(b"indicator,value\npolice.complaints,23\n", "politie.csv", "police_tmm", 2022)
    return user


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def _password_step(client, username="analist", password=PASSWORD):
    return client.post(
        "/accounts/login/?next=" + DATA,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def _data_viewed() -> int:
    return AuditEvent.objects.filter(action="data.viewed").count()


def _shows_data(response) -> bool:
    return response.status_code == 200 and "politie.csv" in response.content.decode()


def test_anonymous_is_sent_to_login(analyst):
    response = Client().get(DATA)
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={DATA}"


def test_password_only_without_device_goes_to_the_setup_wizard_not_the_data(analyst):
    client = Client()
    assert _password_step(client).status_code == 302  # logged in with the password alone...
    response = client.get(DATA)
    assert response.status_code == 302  # ...but sent to set up a second factor
    assert response["Location"].startswith("/accounts/2fa/instellen/?next=")
    wizard = client.get(response["Location"])
    assert wizard.status_code == 200 and "Tweestapsverificatie instellen" in wizard.content.decode()
    assert _data_viewed() == 0


def test_with_a_device_the_password_leads_to_the_token_step_not_the_data(analyst):
    _device(analyst)
    client = Client()
    step = _password_step(client)
    assert step.status_code == 200
    html = step.content.decode()
    assert 'name="token-otp_token"' in html and "authenticator-app" in html
    response = client.get(DATA)  # not logged in until the code is given
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert _data_viewed() == 0


def test_logged_in_but_unverified_session_is_sent_to_log_in_with_a_token(analyst):
    _device(analyst)
    client = Client()
    client.force_login(analyst)  # a session without a second factor (e.g. from before enrolment)
    response = client.get(DATA)
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={DATA}"
    assert _data_viewed() == 0


def test_correct_totp_code_opens_the_page(analyst):
    device = _device(analyst)
    client = Client()
    _password_step(client)
    response = client.post("/accounts/login/?next=" + DATA,
                           {"login_view-current_step": "token", "token-otp_token": current_totp(device)})
    assert response.status_code == 302 and response["Location"] == DATA
    assert _shows_data(client.get(DATA))
    assert _data_viewed() == 1


def test_wrong_code_is_refused_and_nothing_is_shown(analyst):
    device = _device(analyst)
    right = current_totp(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client = Client()
    _password_step(client)
    response = client.post("/accounts/login/", {"login_view-current_step": "token", "token-otp_token": wrong})
    assert response.status_code == 200 and 'name="token-otp_token"' in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert "Deze code klopt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session
    page = client.get(DATA)
    assert page.status_code == 302 and not _shows_data(page)
    assert _data_viewed() == 0


def test_backup_token_works_once(analyst):
    _device(analyst)
    backup = StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    token = backup.token_set.create(token="geheim12").token

    def log_in_with_backup(client):
        _password_step(client)
        client.post("/accounts/login/", {"login_view-current_step": "token", "wizard_goto_step": "backup"})
        return client.post("/accounts/login/", {"login_view-current_step": "backup", "backup-otp_token": token})

    first = Client()
    assert log_in_with_backup(first).status_code == 302
    assert _shows_data(first.get(DATA))
    assert backup.token_set.count() == 0

    second = Client()
    refused = log_in_with_backup(second)
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    assert second.get(DATA).status_code == 302


def test_setup_wizard_with_the_qr_code_then_the_page(analyst, settings):
    client = Client()
    _password_step(client)
    setup = client.get(DATA)["Location"]
    assert client.get(setup).status_code == 200
    generator = client.post(setup, {"zicht_setup_view-current_step": "welcome"})
    html = generator.content.decode()
    assert generator.status_code == 200 and 'name="generator-token"' in html
    qr_url = re.search(r'<img src="([^"]+)"', html).group(1)
    assert qr_url == "/accounts/2fa/qrcode/"
    qr = client.get(qr_url)
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml") and b"<svg" in qr.content
    # The policy lets the page show its own image: same origin, no inline script needed.
    img_src = dict(p.strip().split(" ", 1) for p in generator["Content-Security-Policy"].split(";") if p.strip())
    assert "'self'" in img_src["img-src"].split()
    secret = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    from base64 import b32decode

    code = TOTP(b32decode(secret)).token()
    done = client.post(setup, {"zicht_setup_view-current_step": "generator", "generator-token": f"{code:06d}"})
    assert done.status_code == 302 and done["Location"] == DATA
    assert TOTPDevice.objects.filter(user=analyst, confirmed=True).count() == 1
    assert _shows_data(client.get(DATA))
    assert "otpauth://totp/Zicht" in html


def test_setting_off_lets_a_password_session_in(analyst, settings):
    settings.ZICHT_REQUIRE_2FA = False
    client = Client()
    assert _password_step(client).status_code == 302
    assert _shows_data(client.get(DATA))
    settings.ZICHT_REQUIRE_2FA = True
    assert client.get(DATA).status_code == 302


def test_setting_is_read_from_the_environment(monkeypatch):
    from zicht.conf.env import REGISTRY, config_bool

    monkeypatch.setenv("ZICHT_REQUIRE_2FA", "false")
    assert config_bool("ZICHT_REQUIRE_2FA", True, help=REGISTRY["ZICHT_REQUIRE_2FA"].help) is False
    assert REGISTRY["ZICHT_REQUIRE_2FA"].default == "1"


def test_admin_requires_a_verified_session(analyst, settings, two_factor_login):
    admin = User.objects.create_superuser("beheerder", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"])["Location"] == "/accounts/login/?next=/admin/"  # one login page
    settings.ZICHT_REQUIRE_2FA = False
    assert client.get("/admin/").status_code == 200
    settings.ZICHT_REQUIRE_2FA = True
    verified = Client()
    two_factor_login(verified, admin)
    assert verified.get("/admin/").status_code == 200


def test_lockout_still_applies_with_two_factor_login(analyst, settings):
    device = _device(analyst)
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/accounts/login/", {"login_view-current_step": "auth",
                                           "auth-username": "analist", "auth-password": "fout-wachtwoord"})
    locked = Client()
    response = login_with_token(locked, "analist", current_totp(device))
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE  # right password and code: still locked
    assert "_auth_user_id" not in locked.session
    assert locked.get(DATA).status_code == 302
    assert _data_viewed() == 0


def test_admin_resets_a_lost_device_with_the_command(analyst, two_factor_login):
    two_factor_login(Client(), analyst)
    StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    call_command("two_factor_disable", "analist")
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    assert not StaticDevice.objects.filter(user=analyst).exists()
    client = Client()
    _password_step(client)
    assert client.get(DATA)["Location"].startswith("/accounts/2fa/instellen/")  # enrols again


def test_demo_analyst_logs_in_with_the_printed_key_and_backup_tokens(settings):
    from base64 import b32decode

    from zicht.demo.users import create_demo_analyst

    settings.ZICHT_DEMO = False
    with pytest.raises(RuntimeError):
        create_demo_analyst()
    settings.ZICHT_DEMO = True
    demo = create_demo_analyst()
    code = f"{TOTP(b32decode(demo.totp_secret)).token():06d}"
    client = Client()
    assert login_with_token(client, demo.username, code, demo.password).status_code == 302
    assert client.get("/beheer/koppelingen/").status_code == 200
    again = create_demo_analyst()  # a second run: same key, new backup tokens
    assert again.totp_secret == demo.totp_secret and set(again.backup_tokens).isdisjoint(demo.backup_tokens)
    assert len(again.backup_tokens) == 5 and "Zicht" in again.otpauth_url


def test_token_step_in_english(analyst):
    _device(analyst)
    client = Client()
    client.cookies["django_language"] = "en"  # the language switch's choice (Dutch otherwise, ADR 1111)
    step = _password_step(client).content.decode()
    assert '<html lang="en">' in step and "Step 2 of 2: enter the six-digit code" in step
    refused = client.post("/accounts/login/", {"login_view-current_step": "token", "token-otp_token": "12345x"})
    assert "Stap 2 van 2" not in refused.content.decode()
