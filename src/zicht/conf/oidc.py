"""Optional login through the organisation's identity provider (OpenID Connect), read from ``ZICHT_OIDC_*``.

Off by default: without ``ZICHT_OIDC_ENABLED=1`` none of this reaches the settings, there is no OIDC
URL, backend or middleware, and login is the password plus a code as before. Switched on with a
missing or unsafe part, Zicht refuses to start (every command, not only the web server) with a
message that names the variable, like ``zicht.conf.security`` does for the secret key.

The provider's endpoints come from its discovery document (``<issuer>/.well-known/openid-configuration``),
fetched at the first login and kept for an hour (``zicht.accounts.oidc``), or, for providers without
discovery, from the four ``ZICHT_OIDC_*_ENDPOINT`` variables (all four or none).

No Django imports at module level: settings.py imports this before Django is configured.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

ENDPOINT_VARIABLES = {
    "ZICHT_OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "ZICHT_OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "ZICHT_OIDC_USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "ZICHT_OIDC_JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
BACKEND = "zicht.accounts.oidc.ZichtOIDCBackend"
MIDDLEWARE = "zicht.accounts.oidc.IdentityProviderMFAMiddleware"


def installed(backends: list[str], middleware: list[str]) -> tuple[list[str], list[str]]:
    """The authentication backends and the middleware with OIDC's added (its backend last, its
    middleware right after django-otp's)."""
    middleware = list(middleware)
    middleware.insert(middleware.index("django_otp.middleware.OTPMiddleware") + 1, MIDDLEWARE)
    return [*backends, BACKEND], middleware


def _refuse(message: str):
    from django.core.exceptions import ImproperlyConfigured

    return ImproperlyConfigured(f"Zicht start niet: {message} Zie docs/operator.md (Inloggen via de eigen organisatie).")


def _https_or_loopback(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return  # a provider on the same machine (tests, a local proxy)
    raise _refuse(f"{name} moet een https-adres zijn (gevonden: {url!r}).")


def _words(raw: str | None) -> list[str]:
    return [w for w in (raw or "").replace(",", " ").split() if w]


def oidc_settings(config: Callable, config_bool: Callable, config_int: Callable) -> dict:
    """The Django settings for OIDC login, from the environment; ``{"ZICHT_OIDC_ENABLED": False}`` when off.

    ``config*`` are ``zicht.conf.env``'s readers (so every variable is registered with its help text)."""
    enabled = config_bool(
        "ZICHT_OIDC_ENABLED", False,
        help="Log in through the organisation's identity provider (OpenID Connect) besides password and code.",
    )
    values = {
        "ZICHT_OIDC_ISSUER": config(
            "ZICHT_OIDC_ISSUER", None,
            help="OIDC: the provider's issuer URL (https), exactly as in its discovery document and its tokens.",
        ),
        "ZICHT_OIDC_CLIENT_ID": config(
            "ZICHT_OIDC_CLIENT_ID", None, help="OIDC: the client id Zicht is registered under at the provider."
        ),
        "ZICHT_OIDC_CLIENT_SECRET": config(
            "ZICHT_OIDC_CLIENT_SECRET", None, help="OIDC: the client secret of that registration."
        ),
    }
    endpoints = {
        name: config(name, None, help="OIDC: endpoint of a provider without discovery (set all four or none).")
        for name in ENDPOINT_VARIABLES
    }
    scopes = config("ZICHT_OIDC_SCOPES", "openid email profile", help="OIDC: scopes asked of the provider.")
    sign_algo = config("ZICHT_OIDC_SIGN_ALGO", "RS256", help="OIDC: signature algorithm of the ID token (RS256 or ES256).")
    mfa_amr = config(
        "ZICHT_OIDC_MFA_AMR", "mfa",
        help="OIDC: 'amr' values of the ID token that prove the provider asked a second factor (then Zicht asks no code).",
    )
    mfa_acr = config(
        "ZICHT_OIDC_MFA_ACR", "",
        help="OIDC: 'acr' values of the ID token that prove a second factor at the provider (also requested as acr_values).",
    )
    match_email = config_bool(
        "ZICHT_OIDC_MATCH_EMAIL", True,
        help="OIDC: link a first login to the Zicht user with the same verified e-mail address.",
    )
    label = config(
        "ZICHT_OIDC_LABEL", "", help="OIDC: name of the provider on the login page (empty: 'je organisatie')."
    )
    timeout = config_int("ZICHT_OIDC_TIMEOUT", 10, help="OIDC: seconds Zicht waits for the provider.")
    if not enabled:
        return {"ZICHT_OIDC_ENABLED": False}

    missing = [name for name, value in values.items() if not value]
    if missing:
        raise _refuse(f"ZICHT_OIDC_ENABLED=1, maar {', '.join(missing)} ontbreekt.")
    _https_or_loopback("ZICHT_OIDC_ISSUER", values["ZICHT_OIDC_ISSUER"])
    given = {name: value for name, value in endpoints.items() if value}
    if given and len(given) != len(endpoints):
        absent = [name for name in endpoints if name not in given]
        raise _refuse(f"zet alle vier de OIDC-endpoints of geen (dan via discovery); {', '.join(absent)} ontbreekt.")
    for name, value in given.items():
        _https_or_loopback(name, value)
    if "openid" not in _words(scopes):
        raise _refuse(f"ZICHT_OIDC_SCOPES moet 'openid' bevatten (gevonden: {scopes!r}).")
    if sign_algo not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}:
        raise _refuse(f"ZICHT_OIDC_SIGN_ALGO moet RS256, RS384, RS512, ES256, ES384 of ES512 zijn (gevonden: {sign_algo!r}).")

    acr = _words(mfa_acr)
    settings = {
        "ZICHT_OIDC_ENABLED": True,
        "ZICHT_OIDC_ISSUER": values["ZICHT_OIDC_ISSUER"].rstrip("/"),
        "ZICHT_OIDC_MFA_AMR": _words(mfa_amr),
        "ZICHT_OIDC_MFA_ACR": acr,
        "ZICHT_OIDC_MATCH_EMAIL": match_email,
        "ZICHT_OIDC_LABEL": label or "",
        # mozilla-django-oidc's own names
        "OIDC_RP_CLIENT_ID": values["ZICHT_OIDC_CLIENT_ID"],
        "OIDC_RP_CLIENT_SECRET": values["ZICHT_OIDC_CLIENT_SECRET"],
        "OIDC_RP_SCOPES": " ".join(_words(scopes)),
        "OIDC_RP_SIGN_ALGO": sign_algo,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_CREATE_USER": False,  # never: users and their roles are made in Zicht, audited
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_TIMEOUT": timeout,
        "OIDC_VERIFY_SSL": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"acr_values": " ".join(acr)} if acr else {},
        "OIDC_REDIRECT_FIELD_NAME": "next",
    }
    for name, setting in ENDPOINT_VARIABLES.items():
        settings[setting] = given.get(name)  # None: from the discovery document
    return settings
