"""Who may open which address: every URL pattern of the site and the API, for anonymous, partner A,
partner B, a municipality reader, an analyst and an administrator.

The patterns come from the URL resolver, so a new address without a rule here fails this test: every
page must say who may see it. Expectations are status codes: 200 allowed, "login" a redirect to the
login page, 403 denied, 404 not found (another partner's object: indistinguishable from a missing one).
Pages are opened with a session verified with a second factor; the delivery API with each role's token.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zicht.accounts.models import Profile
from zicht.accounts.tokens import issue_token
from zicht.catalog.models import Municipality, Partner
from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.intake.models import Submission
from zicht.publish.services import publish_period
from zicht.records.services import submit_encoded

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ("anonymous", "partner_a", "partner_b", "municipality", "analyst", "admin")
LOGIN = "login"
PUBLIC = dict.fromkeys(ROLES, 200)


def _only(allowed: dict, *, anonymous=LOGIN, default=403) -> dict:
    return {role: allowed.get(role, anonymous if role == "anonymous" else default) for role in ROLES}


ANALYSTS = _only({"analyst": 200, "admin": 200})
DELIVERERS = _only({"partner_a": 200, "partner_b": 200, "analyst": 200, "admin": 200})
OWN_PARTNER = _only({"partner_a": 200, "partner_b": 404, "analyst": 200, "admin": 200})
API_DELIVERERS = _only({"partner_a": 200, "partner_b": 200, "analyst": 200, "admin": 200}, anonymous=401)
API_OWN_PARTNER = _only({"partner_a": 200, "partner_b": 404, "analyst": 200, "admin": 200}, anonymous=401)
SIGNED_IN = {role: ({200, 302} if role != "anonymous" else LOGIN) for role in ROLES}

# name -> (kwargs from the context, expected per role). Format-suffix variants of a name share its rule.
RULES = {
    "home": (lambda c: {}, PUBLIC),
    "report-html": (lambda c: {"year": 2022}, PUBLIC),
    "report-pdf": (lambda c: {"year": 2022}, PUBLIC),
    "dashboard": (lambda c: {"year": 2022}, PUBLIC),
    "factsheets": (lambda c: {"year": 2022}, PUBLIC),
    "factsheet": (lambda c: {"year": 2022, "name": "GM0599-rotterdam.html"}, PUBLIC),
    "open-data": (lambda c: {"year": 2022, "fmt": "csv"}, PUBLIC),
    "open-data-file": (lambda c: {"year": 2022, "name": "datapackage.json"}, PUBLIC),
    "report-html-version": (lambda c: {"year": 2022, "version": 1}, PUBLIC),
    "version-artefact": (lambda c: {"year": 2022, "version": 1, "name": "monitor-2022.pdf"}, PUBLIC),
    "meldroutekaart": (lambda c: {}, PUBLIC),
    "meldroutekaart-waar-melden": (lambda c: {}, PUBLIC),
    "set_language": (lambda c: {}, dict.fromkeys(ROLES, 302)),  # a GET just goes back
    "publication-list": (lambda c: {}, PUBLIC),
    "publication-detail": (lambda c: {"year": 2022}, PUBLIC),
    "publication-version": (lambda c: {"year": 2022, "version": 1}, PUBLIC),
    "api-root": (lambda c: {}, PUBLIC),
    "api-schema": (lambda c: {}, PUBLIC),
    "drafts": (lambda c: {}, ANALYSTS),
    "draft-file": (lambda c: {"year": 2022, "name": "monitor-2022.html"},
                   _only({"analyst": 404, "admin": 404})),  # no draft built: not found, even for analysts
    "deliver": (lambda c: {}, DELIVERERS),
    "template-download": (lambda c: {"partner": "police_tmm", "year": 2022}, OWN_PARTNER),
    "submissions": (lambda c: {}, DELIVERERS),
    "submission-detail": (lambda c: {"pk": c["police_submission"]}, OWN_PARTNER),
    "linkage-runs": (lambda c: {}, ANALYSTS),
    "encoded-deliveries": (lambda c: {}, DELIVERERS),
    "municipality-home": (lambda c: {}, _only({"municipality": 200, "analyst": 200, "admin": 200})),
    "start": (lambda c: {}, dict.fromkeys(ROLES, 302)),
    "submission-api-list": (lambda c: {}, API_DELIVERERS),
    "submission-api-detail": (lambda c: {"pk": c["police_submission"]}, API_OWN_PARTNER),
    "encoded-delivery-api-list": (lambda c: {}, API_DELIVERERS),
    "encoded-delivery-api-detail": (lambda c: {"pk": c["police_encoded"]}, API_OWN_PARTNER),
    "login": (lambda c: {}, {role: {200, 302} for role in ROLES}),
    "two_factor:login": (lambda c: {}, {role: {200, 302} for role in ROLES}),
    "logout": (lambda c: {}, dict.fromkeys(ROLES, 405)),  # only a POST logs out
    "two_factor:profile": (lambda c: {}, SIGNED_IN),
    "two_factor:setup": (lambda c: {}, SIGNED_IN),
    "two_factor:qr": (lambda c: {}, {role: ({404, 200} if role != "anonymous" else LOGIN) for role in ROLES}),
    "two_factor:setup_complete": (lambda c: {}, SIGNED_IN),
    "two_factor:backup_tokens": (lambda c: {}, SIGNED_IN),
    "two_factor:disable": (lambda c: {}, {**SIGNED_IN, "anonymous": "start"}),  # unverified: back to the start
}
ANALYSTS_POST_ONLY = _only({"analyst": 405, "admin": 405})  # a GET changes nothing: method not allowed
ADMINS = _only({"admin": 200})
RULES.update({
    "cockpit": (lambda c: {}, _only({"partner_a": 302, "partner_b": 302, "municipality": 302, "analyst": 200,
                                     "admin": 200})),  # others are sent on to what they may see
    "cockpit-open": (lambda c: {}, ANALYSTS_POST_ONLY),
    "cockpit-year": (lambda c: {"year": 2022}, ANALYSTS),
    "cockpit-status": (lambda c: {"year": 2022}, ANALYSTS_POST_ONLY),
    "cockpit-deadline": (lambda c: {"year": 2022}, ANALYSTS_POST_ONLY),
    "cockpit-reminder": (lambda c: {"year": 2022}, ANALYSTS),
    "cockpit-linkage": (lambda c: {"year": 2022}, ANALYSTS),
    "cockpit-draft-start": (lambda c: {"year": 2022}, ANALYSTS_POST_ONLY),
    "cockpit-draft": (lambda c: {"year": 2022, "pk": 999}, _only({"analyst": 404, "admin": 404})),
    "cockpit-publish": (lambda c: {"year": 2022}, _only({"analyst": {200, 302}, "admin": {200, 302}})),
    "cockpit-publication": (lambda c: {"year": 2022, "pk": 999}, _only({"analyst": 404, "admin": 404})),
    "narrative-years": (lambda c: {}, ANALYSTS),
    "narrative-index": (lambda c: {"year": 2022}, ANALYSTS),
    "narrative-edit": (lambda c: {"year": 2022, "section": "inleiding"}, ANALYSTS),
    "narrative-preview": (lambda c: {"year": 2022, "section": "inleiding"}, ANALYSTS_POST_ONLY),
    "narrative-version": (lambda c: {"year": 2022, "section": "inleiding", "version": 99},
                          _only({"analyst": 404, "admin": 404})),
    "audit-log": (lambda c: {}, ANALYSTS),
    "audit-log-csv": (lambda c: {}, ANALYSTS),
    "users": (lambda c: {}, ADMINS),
    "user-detail": (lambda c: {"pk": c["partner_a_user"]}, ADMINS),
    "invitation-accept": (lambda c: {"token": "geraden-token"}, dict.fromkeys(ROLES, 404)),
    "awareness": (lambda c: {}, _only({"municipality": 200, "analyst": 200, "admin": 200})),
    "awareness-check": (lambda c: {"pk": 999}, _only({"analyst": {404, 405}, "admin": {404, 405}})),
    "cockpit-routes": (lambda c: {}, ANALYSTS),
    "headline-index": (lambda c: {}, ANALYSTS),
    "site-page": (lambda c: {"slug": "toegankelijkheid"}, PUBLIC),
    "open-data-index": (lambda c: {}, PUBLIC),
    "api-docs": (lambda c: {}, PUBLIC),
    "dashboard-latest": (lambda c: {}, dict.fromkeys(ROLES, 302)),  # on to the newest published year
    "factsheets-latest": (lambda c: {}, dict.fromkeys(ROLES, 302)),
    "headline-estimate": (lambda c: {"year": 2022}, ANALYSTS),
    "cockpit-route-edit": (lambda c: {"code": "112"}, ANALYSTS),
})
# The Django admin: staff only. Its index and the list of every registered model are opened; the other
# admin addresses (one object's change, delete and history pages) sit behind the same admin_view guard.
ADMIN_ONLY = {role: (200 if role == "admin" else "admin-login") for role in ROLES}


def _names(patterns, namespace: str = "") -> set[tuple[str, str]]:
    found = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            found.add((f"{namespace}{entry.name or ''}", str(entry.pattern)))
    return found


def test_every_url_pattern_has_a_rule():
    unruled = sorted(f"{name} ({pattern})" for name, pattern in _names(get_resolver().url_patterns)
                     if not name.startswith("admin:") and name not in RULES)
    assert not unruled, f"adressen zonder regel in de rol-URL-matrix: {unruled}"


def _user(username, role=None, partner=None, municipality=None, staff=False):
    user = User.objects.create_user(username, password="een-lang-wachtwoord-123", is_staff=staff, is_superuser=staff)
    if role:
        Profile.objects.create(user=user, role=role, partner=Partner.objects.filter(code=partner).first(),
                               municipality=Municipality.objects.filter(code=municipality).first())
    return user


def _status(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return "admin-login"
        if location == "/start/":
            return "start"
    return response.status_code


def _ok(got, expected) -> bool:
    return got in expected if isinstance(expected, set) else got == expected


def test_role_url_matrix(two_factor_login, settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    load_catalog()
    load_demo_deliveries()
    publish_period(2022, NARRATIVE_DIR)
    encoded = synthetic_encoded_deliveries(2023, tmp_path / "secret.key", secret=bytes(range(32)))
    context = {
        "police_submission": Submission.objects.filter(partner__code="police_tmm").first().pk,
        "police_encoded": submit_encoded(encoded["police_tmm"], "p.csv", "police_tmm", 2023).pk,
    }
    users = {
        "partner_a": _user("politie", Profile.Role.PARTNER, partner="police_tmm"),
        "partner_b": _user("zorg", Profile.Role.PARTNER, partner="essm_care"),
        "municipality": _user("gemeente", Profile.Role.MUNICIPALITY, municipality="GM0599"),
        "analyst": _user("analist", Profile.Role.ANALYST),
        "admin": _user("beheerder", staff=True),
    }
    context["partner_a_user"] = users["partner_a"].pk
    clients = {"anonymous": Client()}
    api_headers = {"anonymous": {}}
    for role, user in users.items():
        clients[role] = Client()
        two_factor_login(clients[role], user)
        api_headers[role] = {"HTTP_AUTHORIZATION": f"Token {issue_token(user.username, 'matrix').clear}"}

    failures = []
    for name, (kwargs_of, expected) in RULES.items():
        kwargs = kwargs_of(context)
        urls = [reverse(name, kwargs=kwargs)]
        if name.endswith(("-api-list", "-api-detail")) or name.startswith("publication-"):
            urls.append(reverse(name, kwargs={**kwargs, "format": "json"}))
        for url in urls:
            for role in ROLES:
                headers = api_headers[role] if "-api-" in name else {}
                got = _status(clients[role].get(url, **headers))
                if not _ok(got, expected[role]):
                    failures.append(f"{role:12} GET {url}: {got}, verwacht {expected[role]}")
    for model in admin.site._registry:
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for url in (reverse("admin:index"), changelist):
            for role in ROLES:
                got = _status(clients[role].get(url))
                if not _ok(got, ADMIN_ONLY[role]):
                    failures.append(f"{role:12} GET {url}: {got}, verwacht {ADMIN_ONLY[role]}")
    assert not failures, "\n".join(failures)
