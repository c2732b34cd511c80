"""Login through an organisation's identity provider (OpenID Connect), against a REAL provider.

The provider is django-oauth-toolkit's OpenID Connect provider (RS256 keys, PKCE required, consent
asked), a separate Django project in its own process on a loopback port with its own SQLite database
(tests/oidc_provider/). Zicht runs as a live server in this process (its database is the test run's:
SQLite or PostgreSQL), with OIDC switched on through the same ``ZICHT_OIDC_*`` variables an operator
sets (``zicht.conf.oidc``). A ``requests`` session is the browser: it follows redirects, posts the
provider's login form and its consent form, and comes back to Zicht's callback. Nothing is replaced:
the token exchange, the JWKS lookup, the signature, nonce, state and PKCE checks are the real ones.
"""

from __future__ import annotations

import importlib
import json
import socket
import subprocess
import sys
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import clear_url_caches
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from zicht.accounts.models import OidcIdentity, Profile
from zicht.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDER = Path(__file__).resolve().parents[1] / "oidc_provider" / "serve.py"
CLIENT_ID = "zicht-test"
CLIENT_SECRET = "client-geheim-" + "s" * 30
IDP_PASSWORD = "idp-wachtwoord-123"
ZICHT_PASSWORD = "een-lang-wachtwoord-123"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key (hex)
# Identities at the provider: e-mail and the claims it puts in the ID token.
IDP_USERS = [
    {"username": "anna", "email": "anna@gemeente.example", "claims": {"amr": ["pwd", "mfa"]}},
    {"username": "bram", "email": "bram@politie.example", "claims": {"amr": ["pwd"]}},
    {"username": "onbekend", "email": "onbekend@elders.example", "claims": {"amr": ["pwd", "mfa"]}},
    {"username": "carla", "email": "carla@gemeente.example", "claims": {"email_verified": False, "amr": ["mfa"]}},
]
NEXT = "/beheer/aanleveren/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def zicht_port() -> int:
    return _free_port()


@pytest.fixture(scope="module")
def provider(tmp_path_factory, zicht_port):
    """The identity provider process; yields its issuer URL."""
    folder = tmp_path_factory.mktemp("idp")
    spec = {
        "data_dir": str(folder / "data"), "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        "redirect_uri": f"http://127.0.0.1:{zicht_port}/accounts/oidc/callback/",
        "users": [{**user, "password": IDP_PASSWORD} for user in IDP_USERS],
    }
    (folder / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    log = folder / "provider.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, str(PROVIDER), str(folder / "spec.json")], stdout=out,
                                stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while "READY " not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"identity provider did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield log.read_text().split("READY ", 1)[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _reload_urls() -> None:
    import zicht.web.oidc_urls
    import zicht.web.urls

    importlib.reload(zicht.web.oidc_urls)
    importlib.reload(zicht.web.urls)
    clear_url_caches()


@pytest.fixture(scope="module")
def zicht(provider, zicht_port, django_db_setup, django_db_blocker):
    """Zicht with OIDC switched on by its environment variables, served on ``zicht_port``."""
    from django.conf import settings

    from zicht.conf import env
    from zicht.conf import oidc as oidc_conf

    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"ZICHT_OIDC_ENABLED": "1", "ZICHT_OIDC_ISSUER": provider,
                            "ZICHT_OIDC_CLIENT_ID": CLIENT_ID, "ZICHT_OIDC_CLIENT_SECRET": CLIENT_SECRET,
                            "ZICHT_OIDC_LABEL": "Testorganisatie"}.items():
            patch.setenv(name, value)
        values = oidc_conf.oidc_settings(env.config, env.config_bool, env.config_int)
    backends, middleware = oidc_conf.installed(settings.AUTHENTICATION_BACKENDS, settings.MIDDLEWARE)
    override = override_settings(**values, AUTHENTICATION_BACKENDS=backends, MIDDLEWARE=middleware)
    override.enable()
    try:
        _reload_urls()  # the OIDC URLs exist only when switched on, as at a server's start
        with django_db_blocker.unblock():
            server = LiveServer(f"127.0.0.1:{zicht_port}")
        try:
            yield server.url
        finally:
            server.stop()
    finally:
        override.disable()
        _reload_urls()


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") in ("hidden", "text", "password", None):
            self.fields[attrs["name"]] = unescape(attrs.get("value") or "")


def form_fields(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.fields


def through_provider(browser: requests.Session, zicht: str, username: str, *, back_to_zicht: bool = True):
    """Start at Zicht, log in at the provider and consent. Returns the last response: Zicht's page
    after the callback (``back_to_zicht``), or the provider's redirect to the callback."""
    start = browser.get(f"{zicht}/accounts/oidc/authenticate/?{urlencode({'next': NEXT})}", timeout=30)
    assert start.status_code == 200 and "Test identity provider" in start.text, (start.url, start.text[:500])
    to_provider = urlsplit(start.history[0].headers["Location"])  # Zicht's authorization request
    assert to_provider.path == "/o/authorize/"
    query = parse_qs(to_provider.query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]  # PKCE
    assert query["state"][0] and query["nonce"][0] and query["client_id"] == [CLIENT_ID]
    fields = form_fields(start.text)
    consent = browser.post(start.url, data={**fields, "username": username, "password": IDP_PASSWORD}, timeout=30)
    assert consent.status_code == 200 and 'name="allow"' in consent.text, consent.text[:1000]
    return browser.post(consent.url, data={**form_fields(consent.text), "allow": "Authorize"},
                        allow_redirects=back_to_zicht, timeout=30)


def zicht_user(username: str, email: str, *, device: bool = False) -> User:
    user = User.objects.create_user(username, email=email, password=ZICHT_PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    if device:
        TOTPDevice.objects.create(user=user, name="default", key=TOTP_KEY, confirmed=True)
    return user


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_a_known_identity_with_the_providers_second_factor_is_logged_in_and_audited(zicht):
    anna = zicht_user("anna-zicht", "Anna@Gemeente.example", device=True)
    browser = requests.Session()
    page = through_provider(browser, zicht, "anna")
    # Back at Zicht, on the page asked for, without Zicht's own code (the ID token says amr "mfa").
    assert page.status_code == 200 and page.url == f"{zicht}{NEXT}", (page.url, page.text[:500])
    assert "Uitloggen (anna-zicht)" in page.text
    identity = OidcIdentity.objects.get()
    assert identity.user == anna and identity.email == "anna@gemeente.example"
    [linked] = events("login.oidc_linked")
    [login] = events("login.oidc")
    assert linked.actor == anna and login.actor == anna
    assert login.details["idp_mfa"] is True and login.details["how"] == "e-mail"
    assert login.details["subject"] == identity.subject and login.details["address"] == "127.0.0.1"

    # The next login finds the identity by its subject, whatever the e-mail address says.
    User.objects.filter(pk=anna.pk).update(email="anna.nieuw@gemeente.example")
    again = through_provider(requests.Session(), zicht, "anna")
    assert again.url == f"{zicht}{NEXT}" and "Uitloggen (anna-zicht)" in again.text
    assert events("login.oidc")[-1].details["how"] == "sub"
    assert OidcIdentity.objects.count() == 1 and User.objects.count() == 1


def test_without_the_providers_second_factor_zicht_asks_its_own_code(zicht):
    from django_otp.oath import TOTP

    zicht_user("bram-zicht", "bram@politie.example", device=True)
    browser = requests.Session()
    page = through_provider(browser, zicht, "bram")
    assert urlsplit(page.url).path == "/accounts/oidc/code/", page.url
    assert "authenticator-app" in page.text and "wachtwoord" not in page.text.lower()
    # Logged in, not verified: pages with unpublished data send back to the code step.
    detour = browser.get(f"{zicht}{NEXT}", timeout=30)
    assert urlsplit(detour.url).path == "/accounts/oidc/code/"
    csrf = form_fields(page.text)["csrfmiddlewaretoken"]
    wrong = browser.post(page.url, data={"csrfmiddlewaretoken": csrf, "next": NEXT, "otp_token": "000000"},
                         timeout=30)
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.text
    assert events("login.oidc_refused")[-1].details["reason"] == "code onjuist na inloggen via de provider"
    time.sleep(1.1)  # django-otp makes the next try wait a second after a wrong code
    code = f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"
    right = browser.post(page.url, data={"csrfmiddlewaretoken": csrf, "next": NEXT, "otp_token": code}, timeout=30)
    assert right.status_code == 200 and right.url == f"{zicht}{NEXT}", (right.url, right.text[:300])
    assert events("login.oidc")[-1].details["idp_mfa"] is False


def test_an_unknown_identity_is_refused_with_a_dutch_message_and_no_user_is_made(zicht):
    from axes.models import AccessAttempt

    zicht_user("anna-zicht", "anna@gemeente.example")
    users = User.objects.count()
    browser = requests.Session()
    page = through_provider(browser, zicht, "onbekend")
    assert urlsplit(page.url).path == "/accounts/login/"
    assert "hoort bij geen gebruiker van Zicht" in page.text and "Testorganisatie" in page.text
    assert User.objects.count() == users and not OidcIdentity.objects.exists()
    [refused] = events("login.oidc_refused")
    assert refused.details["reason"] == "onbekende identiteit" and refused.details["email"] == "onbekend@elders.example"
    assert not events("login.oidc")
    assert AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()  # counted for the address lockout
    closed = browser.get(f"{zicht}{NEXT}", timeout=30)
    assert urlsplit(closed.url).path == "/accounts/login/"  # not logged in


def test_an_unverified_email_address_is_not_trusted(zicht):
    zicht_user("carla-zicht", "carla@gemeente.example")
    page = through_provider(requests.Session(), zicht, "carla")
    assert urlsplit(page.url).path == "/accounts/login/" and "niet bevestigd" in page.text
    assert events("login.oidc_refused")[-1].details["reason"] == "e-mailadres niet bevestigd door de provider"
    assert not OidcIdentity.objects.exists() and not events("login.oidc")


def test_a_wrong_state_is_refused_and_a_callback_works_only_once(zicht):
    zicht_user("anna-zicht", "anna@gemeente.example")
    browser = requests.Session()
    to_callback = through_provider(browser, zicht, "anna", back_to_zicht=False)
    assert to_callback.status_code == 302
    callback = urlsplit(to_callback.headers["Location"])
    assert callback.path == "/accounts/oidc/callback/"
    params = parse_qs(callback.query)
    forged = urlunsplit(callback._replace(query=urlencode({"code": params["code"][0], "state": "vervalst"})))
    refused = browser.get(forged, timeout=30)
    assert urlsplit(refused.url).path == "/accounts/login/" and refused.status_code == 200
    assert "Dit inlogverzoek is verlopen of hoort niet bij deze browser" in refused.text
    assert events("login.oidc_refused")[-1].details["reason"] == "onbekende of al gebruikte state"
    assert urlsplit(browser.get(f"{zicht}{NEXT}", timeout=30).url).path == "/accounts/login/"

    # Another browser (no state in its session) cannot use the code either.
    stranger = requests.get(urlunsplit(callback), timeout=30)
    assert urlsplit(stranger.url).path == "/accounts/login/" and "Dit inlogverzoek is verlopen" in stranger.text

    # The real callback logs in once; the same callback again is refused (state used up).
    accepted = browser.get(urlunsplit(callback), timeout=30)
    assert accepted.url == f"{zicht}{NEXT}" and "Uitloggen (anna-zicht)" in accepted.text
    replay = browser.get(urlunsplit(callback), timeout=30)
    assert urlsplit(replay.url).path == "/accounts/login/" and "Dit inlogverzoek is verlopen" in replay.text
    assert len(events("login.oidc")) == 1 and len(events("login.oidc_refused")) == 3


def test_the_login_page_offers_the_provider_and_password_login_still_works(zicht):
    from django_otp.oath import TOTP

    zicht_user("dirk", "dirk@gemeente.example", device=True)
    browser = requests.Session()
    page = browser.get(f"{zicht}/accounts/login/?next={NEXT}", timeout=30)
    assert "Of log in via Testorganisatie" in page.text and "/accounts/oidc/authenticate/?next=" in page.text
    step1 = browser.post(page.url, data={"csrfmiddlewaretoken": form_fields(page.text)["csrfmiddlewaretoken"],
                                         "login_view-current_step": "auth",
                                         "auth-username": "dirk", "auth-password": ZICHT_PASSWORD}, timeout=30)
    assert "token-otp_token" in step1.text
    code = f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"
    step2 = browser.post(step1.url, data={"csrfmiddlewaretoken": form_fields(step1.text)["csrfmiddlewaretoken"],
                                          "login_view-current_step": "token", "token-otp_token": code}, timeout=30)
    assert step2.url == f"{zicht}{NEXT}" and "Uitloggen (dirk)" in step2.text
    assert not events("login.oidc") and not events("login.oidc_refused")



def test_a_locked_address_cannot_log_in_through_the_provider_either(zicht, settings):
    settings.ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT = 2  # two refused callbacks lock 127.0.0.1
    zicht_user("anna-zicht", "anna@gemeente.example")
    refused = through_provider(requests.Session(), zicht, "onbekend")
    assert "hoort bij geen gebruiker van Zicht" in refused.text
    locking = through_provider(requests.Session(), zicht, "onbekend")  # the failure that reaches the limit
    assert locking.status_code == 429
    browser = requests.Session()
    locked = through_provider(browser, zicht, "anna")
    assert locked.status_code == 429 and "Te veel mislukte inlogpogingen" in locked.text, locked.text[:300]
    assert events("login.oidc_refused")[-1].details["reason"] == "adres geblokkeerd (te veel mislukte pogingen)"
    assert not events("login.oidc") and not OidcIdentity.objects.exists()
    assert urlsplit(browser.get(f"{zicht}{NEXT}", timeout=30).url).path == "/accounts/login/"


def test_a_provider_that_is_down_or_names_another_issuer_gives_a_message_not_an_error(zicht, provider, settings):
    settings.ZICHT_OIDC_ISSUER = f"http://127.0.0.1:{_free_port()}/o"  # nothing listens there
    down = requests.get(f"{zicht}/accounts/oidc/authenticate/", timeout=30)
    assert urlsplit(down.url).path == "/accounts/login/" and "lukt nu niet" in down.text
    assert events("login.oidc_refused")[-1].details["reason"] == "discovery mislukt"

    # The same provider under another name: its discovery document names its own issuer.
    settings.ZICHT_OIDC_ISSUER = provider.replace("127.0.0.1", "localhost")
    other = requests.get(f"{zicht}/accounts/oidc/authenticate/", timeout=30)
    assert urlsplit(other.url).path == "/accounts/login/" and "lukt nu niet" in other.text
    assert events("login.oidc_refused")[-1].details["reason"] == "discovery noemt een andere issuer"
    assert not events("login.oidc")
