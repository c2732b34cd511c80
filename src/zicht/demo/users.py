"""The demo's accounts, one for each role, usable with two-factor authentication on (as everywhere).

Demo only: passwords and TOTP keys are fixed and printed, so every demo run can be logged into with
the same authenticator-app entries; the one-time backup tokens are new each run. Outside `zicht demo`
(ZICHT_DEMO unset) this module refuses to create anything. The accounts are also written to
``demo-users.json`` in the demo folder, so that every page can be tried at once and checked by machine.
"""

from __future__ import annotations

import hashlib
import json
from base64 import b32encode
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Profile
from zicht.catalog.models import Municipality, Partner

DEMO_USERNAME = "analist"
DEMO_PASSWORD = "zicht-demo-analist"
# 20 bytes from a fixed phrase: the same demo key every run. Never used outside the demo database.
DEMO_TOTP_KEY = hashlib.sha256(b"zicht-demo-totp").digest()[:20]
BACKUP_TOKENS = 5
USERS_FILE = "demo-users.json"


@dataclass(frozen=True)
class DemoAccount:
    """One demo account to create: role as in demo-users.json (analyst, partner, municipality, admin)."""

    username: str
    role: str
    organisation: str = ""  # partner code or CBS municipality code


DEMO_ACCOUNTS = (
    DemoAccount(DEMO_USERNAME, "analyst", "var"),
    DemoAccount("partner-politie", "partner", "police_tmm"),
    DemoAccount("gemeente-rotterdam", "municipality", "GM0599"),
    DemoAccount("beheerder", "admin"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    totp_secret: str  # base32, as authenticator apps and `oathtool --totp -b` take it
    otpauth_url: str
    backup_tokens: list[str]
    role: str = "analyst"
    organisation: str = ""
    organisation_name: str = field(default="", compare=False)


def _password(account: DemoAccount) -> str:
    return DEMO_PASSWORD if account.username == DEMO_USERNAME else f"zicht-demo-{account.username}"


def _totp_key(account: DemoAccount) -> bytes:
    if account.username == DEMO_USERNAME:
        return DEMO_TOTP_KEY
    return hashlib.sha256(f"zicht-demo-totp-{account.username}".encode()).digest()[:20]


def _require_demo() -> None:
    if not getattr(settings, "ZICHT_DEMO", False):
        raise RuntimeError("Demo-account alleen in `zicht demo` (ZICHT_DEMO).")


def _profile_fields(account: DemoAccount) -> tuple[dict, str]:
    """The profile's role and organisation, and the organisation's name for the printed list."""
    if account.role == "partner":
        partner = Partner.objects.get(code=account.organisation)
        return {"role": Profile.Role.PARTNER, "partner": partner, "municipality": None}, partner.name
    if account.role == "municipality":
        municipality = Municipality.objects.get(code=account.organisation)
        return {"role": Profile.Role.MUNICIPALITY, "partner": None, "municipality": municipality}, municipality.name
    return {"role": Profile.Role.ANALYST, "partner": None, "municipality": None}, ""


def create_demo_account(account: DemoAccount) -> DemoLogin:
    """The account with a confirmed TOTP device (fixed demo key) and fresh one-time backup tokens."""
    _require_demo()
    key = _totp_key(account)
    with transaction.atomic():
        user, _ = get_user_model().objects.get_or_create(username=account.username)
        user.set_password(_password(account))
        user.is_staff = user.is_superuser = account.role == "admin"
        user.save()
        profile, organisation_name = _profile_fields(account)
        Profile.objects.update_or_create(user=user, defaults=profile)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        totp = TOTPDevice.objects.create(user=user, name="default", key=key.hex(), confirmed=True)
        backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        tokens = [backup.token_set.create(token=StaticToken.random_token()).token for _ in range(BACKUP_TOKENS)]
    return DemoLogin(
        username=account.username,
        password=_password(account),
        totp_secret=b32encode(key).decode("ascii"),
        otpauth_url=totp.config_url,
        backup_tokens=tokens,
        role=account.role,
        organisation=account.organisation,
        organisation_name=organisation_name,
    )


def create_demo_analyst() -> DemoLogin:
    """The analyst alone (tests that need one logged-in analyst)."""
    return create_demo_account(DEMO_ACCOUNTS[0])


def create_demo_users(out: Path | None = None) -> list[DemoLogin]:
    """One account per role; with ``out``, also written to ``out/demo-users.json``."""
    logins = [create_demo_account(account) for account in DEMO_ACCOUNTS]
    if out is not None:
        rows = [{key: value for key, value in asdict(login).items()
                 if key in ("username", "password", "totp_secret", "role", "organisation")}
                for login in logins]
        (Path(out) / USERS_FILE).write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return logins
