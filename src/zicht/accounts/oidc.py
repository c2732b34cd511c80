"""Login through the organisation's identity provider (OpenID Connect) for users that exist in Zicht.

Only loaded when ``ZICHT_OIDC_ENABLED=1`` (``zicht.conf.oidc``). Built on mozilla-django-oidc's
authorization-code flow, which keeps ``state``, ``nonce`` and the PKCE verifier (S256) per login in the
session and checks them; Zicht adds:

- **No new users.** An identity (issuer plus ``sub``) logs in as the Zicht user it is linked to
  (``OidcIdentity``). The first login of an unlinked identity is linked to the one active user with the
  same e-mail address, only when the provider says the address is verified (``email_verified``), and that
  link is audited. Anything else is refused with a Dutch message and an audit event; roles are only ever
  given in Zicht.
- **Stricter token checks**: issuer, audience (and ``azp`` with several audiences) and expiry of the ID
  token, besides the library's signature and nonce; ``sub`` of the userinfo answer must be the ID token's.
- **Second factor** (docs/adr/1214-oidc-login-for-existing-users.md): the provider's second factor counts
  as Zicht's when the *signed ID token* proves it (an ``amr`` value in ``ZICHT_OIDC_MFA_AMR`` or an
  ``acr`` in ``ZICHT_OIDC_MFA_ACR``); otherwise Zicht asks its own code (``code_step``), or enrolment.
- **Audit and lockout**: every login and every refusal is an audit event with the client address; a
  refused callback counts as a failed login for django-axes (per address), and a locked address cannot
  log in this way either.
- Endpoints from the provider's discovery document, fetched at the first login and kept for an hour (a
  password login never waits for the provider).
"""

from __future__ import annotations

import functools
import logging
import time
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_otp import DEVICE_ID_SESSION_KEY, match_token
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from zicht.accounts.identities import link_identity
from zicht.accounts.lockout import client_address
from zicht.accounts.models import OidcIdentity
from zicht.accounts.two_factor import has_device, two_factor_required
from zicht.audit import events

logger = logging.getLogger(__name__)

SESSION_KEY = "zicht_oidc"  # (read by two_factor.logged_in_through_provider) {"user": pk, "mfa": bool}: this session was logged in through the provider
DISCOVERY_SECONDS = 3600
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, tuple[float, dict[str, str]]] = {}

# What the person sees (Dutch, translated); the audit event gets the English-free reason.
UNKNOWN = _(
    "Je bent bij %(label)s ingelogd, maar dat account hoort bij geen gebruiker van Zicht. Een beheerder van "
    "Zicht kan je account aanmaken of koppelen; er is niets gewijzigd."
)
UNVERIFIED = _(
    "%(label)s meldt dat je e-mailadres niet bevestigd is, dus Zicht kan je account er niet aan herkennen. "
    "Bevestig je e-mailadres bij %(label)s of vraag een beheerder van Zicht om je account te koppelen."
)
INACTIVE = _("Dit account van Zicht is uitgeschakeld. Vraag een beheerder van Zicht om het weer aan te zetten.")
STALE = _(
    "Dit inlogverzoek is verlopen of hoort niet bij deze browser. Begin opnieuw met inloggen."
)
CANCELLED = _("Inloggen via %(label)s is afgebroken. Je bent niet ingelogd.")
FAILED = _("Inloggen via %(label)s is niet gelukt. Probeer het opnieuw of log in met wachtwoord en code.")
UNAVAILABLE = _(
    "Inloggen via %(label)s lukt nu niet: de identiteitsprovider antwoordt niet goed. Probeer het later "
    "opnieuw of log in met wachtwoord en code."
)
LOCKED = _("Te veel mislukte inlogpogingen vanaf dit adres: inloggen is tijdelijk geblokkeerd.")
WRONG_CODE = _("Deze code klopt niet. Controleer de code en probeer het opnieuw.")


def provider_label() -> str:
    """The provider's name on the pages: ``ZICHT_OIDC_LABEL``, or "je organisatie" in the page's language."""
    return settings.ZICHT_OIDC_LABEL or str(_("je organisatie"))


class Refusal(Exception):
    """A login that must not happen: ``reason`` for the audit log, ``message`` for the person."""

    def __init__(self, reason: str, message=FAILED, user=None, **details):
        super().__init__(reason)
        self.reason, self.text, self.user, self.details = reason, message, user, details

    def message(self) -> str:
        return str(self.text) % {"label": provider_label()}


def _https_or_loopback(url: str) -> bool:
    parts = urlsplit(url or "")
    return (parts.scheme == "https" and bool(parts.hostname)) or (
        parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
    )


def provider_endpoints() -> dict[str, str]:
    """The provider's four endpoints: from the settings when all are set, else from discovery."""
    explicit = {name: getattr(settings, name, None) for name in DISCOVERY_KEYS}
    if all(explicit.values()):
        return explicit
    issuer = settings.ZICHT_OIDC_ISSUER
    cached = _discovered.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    try:
        answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        answer.raise_for_status()
        document = answer.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OIDC discovery at %s failed: %s", issuer, exc)
        raise Refusal("discovery mislukt", UNAVAILABLE, issuer=issuer) from exc
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise Refusal("discovery noemt een andere issuer", UNAVAILABLE, issuer=issuer,
                      discovered=str(document.get("issuer", ""))[:200])
    endpoints = {name: document.get(key) for name, key in DISCOVERY_KEYS.items()}
    if not all(isinstance(url, str) and _https_or_loopback(url) for url in endpoints.values()):
        raise Refusal("discovery zonder bruikbare https-endpoints", UNAVAILABLE, issuer=issuer)
    _discovered[issuer] = (time.monotonic(), endpoints)
    return endpoints


def idp_mfa(id_token_claims: dict) -> bool:
    """Whether the signed ID token proves a second factor at the provider (``amr``/``acr``, configured)."""
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(map(str, amr)) & set(settings.ZICHT_OIDC_MFA_AMR):
        return True
    return str(id_token_claims.get("acr", "")) in set(settings.ZICHT_OIDC_MFA_ACR)


def identify(issuer: str, claims: dict):
    """The existing Zicht user of an identity; links a first login by verified e-mail (audited, same
    transaction). Raises ``Refusal``; never creates a user."""
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "").strip()
    if not subject:
        raise Refusal("geen sub in het ID-token")
    with transaction.atomic():
        identity = OidcIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
        if identity is not None:
            user, how = identity.user, "sub"
            if not user.is_active:
                raise Refusal("account uitgeschakeld", INACTIVE, user=user, subject=subject)
        else:
            if not settings.ZICHT_OIDC_MATCH_EMAIL or not email:
                raise Refusal("onbekende identiteit", UNKNOWN, subject=subject, email=email)
            if claims.get("email_verified") not in (True, "true"):
                raise Refusal("e-mailadres niet bevestigd door de provider", UNVERIFIED, subject=subject, email=email)
            matches = list(get_user_model().objects.filter(email__iexact=email)[:2])
            if len(matches) != 1:
                reason = "onbekende identiteit" if not matches else "e-mailadres hoort bij meer gebruikers"
                raise Refusal(reason, UNKNOWN, subject=subject, email=email)
            user, how = matches[0], "e-mail"
            if not user.is_active:
                raise Refusal("account uitgeschakeld", INACTIVE, user=user, subject=subject)
            if OidcIdentity.objects.filter(issuer=issuer, user=user).exists():
                raise Refusal("gebruiker is al aan een andere identiteit gekoppeld", UNKNOWN, user=user,
                              subject=subject, email=email)
            identity = link_identity(user, issuer, subject, email)
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["last_login_at"])
    return user, how


class ZichtOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend for Zicht's callback only, mapping to existing users."""

    def __init__(self, *args, **kwargs):
        # No endpoint here: Django makes a backend for every authenticate() call, password logins included.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.OIDC_OP_JWKS_ENDPOINT = None
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or request.path != reverse("oidc_authentication_callback"):
            return None  # a password login, or anything else than Zicht's callback view
        try:
            for name, url in provider_endpoints().items():
                setattr(self, name, url)
            return super().authenticate(request, **kwargs)
        except Refusal as refusal:
            request.zicht_oidc_refusal = refusal
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError, KeyError,
                TypeError) as exc:
            logger.warning("OIDC login failed: %s: %s", type(exc).__name__, exc)
            request.zicht_oidc_refusal = Refusal(f"token of antwoord van de provider ongeldig ({type(exc).__name__})")
        return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature (JWKS), algorithm, expiry, nonce
        if str(payload.get("iss", "")).rstrip("/") != settings.ZICHT_OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token with several audiences and another azp")
        if "exp" not in payload:
            raise SuspiciousOperation("ID token without expiry")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise Refusal("sub van userinfo wijkt af van het ID-token")
        user, how = identify(settings.ZICHT_OIDC_ISSUER, {**userinfo, **payload})
        self.request.zicht_oidc_login = {"how": how, "mfa": idp_mfa(payload), "subject": str(payload["sub"])}
        return user


def _refuse(request, refusal: Refusal) -> HttpResponseRedirect:
    events.oidc_login_refused(refusal.reason, client_address(request), user=refusal.user, **refusal.details)
    messages.error(request, refusal.message())
    return HttpResponseRedirect(reverse("login"))


class ZichtOIDCRequestView(OIDCAuthenticationRequestView):
    """Start: to the provider's authorization endpoint with state, nonce and a PKCE challenge."""

    def __init__(self, *args, **kwargs):
        View.__init__(self, *args, **kwargs)  # the endpoint is looked up per request (discovery)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_endpoints()["OIDC_OP_AUTHORIZATION_ENDPOINT"]
        except Refusal as refusal:
            return _refuse(request, refusal)
        return super().get(request)


class ZichtOIDCCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: a refused callback never answers 400 or 500, always the login page with
    a Dutch message, an audit event and nobody logged in."""

    refusal: Refusal | None = None

    def get(self, request):
        if request.GET.get("error"):
            error = str(request.GET["error"])[:100]
            self.refusal = Refusal(f"provider meldt {error}", CANCELLED, error=error)
        elif "code" in request.GET and "state" in request.GET:
            if request.GET["state"] not in (request.session.get("oidc_states") or {}):
                self.refusal = Refusal("onbekende of al gebruikte state", STALE)
                return self.login_failure()
        else:
            self.refusal = Refusal("terugkeer zonder code en state")
            return self.login_failure()
        return super().get(request)  # state, nonce and PKCE checked, then ZichtOIDCBackend

    def login_failure(self):
        request = self.request
        refusal = getattr(request, "zicht_oidc_refusal", None) or self.refusal
        if refusal is None:
            locked = getattr(request, "axes_locked_out", False)
            refusal = Refusal("adres geblokkeerd (te veel mislukte pogingen)", LOCKED) if locked else Refusal(
                "niet ingelogd")
        return _refuse(request, refusal)

    def login_success(self):
        response = super().login_success()  # django.contrib.auth.login, unless already this user
        request = self.request
        info = getattr(request, "zicht_oidc_login", {})
        mfa = bool(info.get("mfa"))
        request.session[SESSION_KEY] = {"user": self.user.pk, "mfa": mfa}
        events.oidc_login(self.user, settings.ZICHT_OIDC_ISSUER, info.get("subject", ""), info.get("how", ""),
                          mfa, client_address(request))
        if two_factor_required() and not mfa and not request.session.get(DEVICE_ID_SESSION_KEY) and has_device(
                self.user):
            return HttpResponseRedirect(f"{reverse('oidc_code')}?{urlencode({'next': self.success_url})}")
        return response


def logged_in_by_oidc(request) -> bool:
    user = getattr(request, "user", None)
    state = request.session.get(SESSION_KEY) or {}
    return bool(user is not None and user.is_authenticated and state.get("user") == user.pk)


def _with_idp_mfa(request, user):
    if user.is_authenticated and getattr(user, "otp_device", None) is None:
        state = request.session.get(SESSION_KEY) or {}
        if state.get("mfa") and state.get("user") == user.pk:
            user.is_verified = lambda: True  # the provider's second factor, proven in the ID token
    return user


class IdentityProviderMFAMiddleware:
    """After django-otp's middleware: a session logged in through the provider with a proven second
    factor counts as verified (``user.is_verified()``), for Zicht's pages and the admin alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(functools.partial(_with_idp_mfa, request, user))
        return self.get_response(request)


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code uit je authenticator-app of een reservecode"), max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def code_step(request):
    """After a provider login without a proven second factor: Zicht's own code (not the password again)."""
    next_url = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = settings.LOGIN_REDIRECT_URL
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.is_verified() or not logged_in_by_oidc(request):
        return HttpResponseRedirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["otp_token"].strip())
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
        events.oidc_login_refused("code onjuist na inloggen via de provider", client_address(request),
                                  user=request.user)
        form.add_error("otp_token", WRONG_CODE)
    return render(request, "two_factor/oidc_code.html", {"form": form, "next": next_url})
