"""Login lockout per account and per address (django-axes), through the real two-step login.

Each client comes from its own address (``REMOTE_ADDR``, or ``X-Forwarded-For`` behind the configured
number of proxies). Failures on one account lock that account wherever they come from; failures from
one address lock that address only at its own, higher limit, so a shared address (a municipal NAT,
the reverse proxy) is not locked out by a few typos on any name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from zicht.accounts.models import Profile

from ..conftest import PASSWORD, current_totp, login_with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    user = User.objects.create_user("analist", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


@pytest.fixture
def colleague():
    user = User.objects.create_user("collega", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def _fail(username: str, address: str, **headers) -> int:
    response = Client(REMOTE_ADDR=address, **headers).post(
        "/accounts/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": "fout-wachtwoord"},
    )
    return response.status_code


def _log_in(user, address: str, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    # A code works once (django-otp remembers its time step): forget the last one, as if the next
    # 30-second code were used.
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    device = TOTPDevice.objects.get(user=user)
    response = login_with_token(client, user.username, current_totp(device))
    return response, client


def _logged_in(response, client) -> bool:
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_failures_are_recorded_with_the_account_name(analyst):
    _fail("analist", "10.0.0.1")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "analist" and attempt.ip_address == "10.0.0.1"


def test_guessing_one_password_from_many_addresses_locks_that_account(analyst, colleague, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _fail("analist", f"198.51.100.{i + 1}")
    response, client = _log_in(analyst, "203.0.113.7")  # the right password and code, a fresh address
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE and not _logged_in(response, client)
    assert "geblokkeerd" in response.content.decode()
    assert _logged_in(*_log_in(colleague, "198.51.100.1"))  # other accounts from those addresses: fine


def test_one_fewer_failure_than_the_limit_does_not_lock(analyst, settings):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail("analist", f"198.51.100.{i + 1}")
    assert _logged_in(*_log_in(analyst, "203.0.113.7"))


def test_a_shared_address_is_not_locked_by_typos_on_other_names(analyst, settings):
    nat = "192.0.2.10"
    for name in ("collega", "bestaat-niet", "analsit", "admin", "root", "gast"):
        _fail(name, nat)
    assert _logged_in(*_log_in(analyst, nat))


def test_many_names_from_one_address_lock_that_address_at_its_own_limit(analyst, settings):
    sprayer = "192.0.2.66"
    assert settings.ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT  # the default
    settings.ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT = limit = 8  # fewer slow password checks in this test
    for i in range(limit - 1):
        _fail(f"naam{i}", sprayer)
    assert _logged_in(*_log_in(analyst, sprayer))  # one below the address limit
    _fail("naam-laatste", sprayer)
    response, client = _log_in(analyst, sprayer)
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE and not _logged_in(response, client)
    assert _logged_in(*_log_in(analyst, "203.0.113.8"))  # the account itself is not locked


def test_behind_a_proxy_the_forwarded_address_counts_and_spoofed_entries_do_not(analyst, settings):
    settings.ZICHT_TRUSTED_PROXIES = 1
    settings.ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT = 7
    proxy = "127.0.0.1"
    # The client puts a fake address in front; the proxy appends the address it saw.
    _fail("analist", proxy, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.23")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.23"
    for i in range(settings.ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT):
        _fail(f"naam{i}", proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 198.51.100.24")
    locked, _ = _log_in(analyst, proxy, HTTP_X_FORWARDED_FOR="198.51.100.24")
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert _logged_in(*_log_in(analyst, proxy, HTTP_X_FORWARDED_FOR="198.51.100.25"))


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(analyst, settings):
    settings.ZICHT_TRUSTED_PROXIES = 0
    _fail("analist", "198.51.100.30", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.30"


def test_the_lock_ends_after_the_cool_off_time(analyst, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _fail("analist", f"198.51.100.{i + 1}")
    assert _log_in(analyst, "203.0.113.7")[0].status_code == settings.AXES_HTTP_RESPONSE_CODE
    with freeze_time(timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)):
        assert _logged_in(*_log_in(analyst, "203.0.113.7"))


def test_an_admin_unlocks_the_account_with_axes_reset_username(analyst, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _fail("analist", f"198.51.100.{i + 1}")
    assert _log_in(analyst, "203.0.113.7")[0].status_code == settings.AXES_HTTP_RESPONSE_CODE
    call_command("axes_reset_username", "analist")
    assert _logged_in(*_log_in(analyst, "203.0.113.7"))
