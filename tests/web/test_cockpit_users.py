"""Users and roles in the browser: administrators invite, change roles, deactivate and reset a second
factor (each audited); the invited person sets a password with the one-time link; nobody else may."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.invitations import AccountError, change_role, deactivate_user, invite_user
from zicht.accounts.models import Invitation, Profile
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog

pytestmark = pytest.mark.django_db


def _client(name, role, login, partner=None, superuser=False):
    user = User.objects.create_user(name, password="een-lang-wachtwoord-123", is_superuser=superuser)
    if role:
        Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = Client()
    login(client, user)
    return client


@pytest.fixture
def clients(two_factor_login):
    load_catalog()
    return {
        "admin": _client("beheerder", None, two_factor_login, superuser=True),
        "analyst": _client("analist", Profile.Role.ANALYST, two_factor_login),
        "partner": _client("essm", Profile.Role.PARTNER, two_factor_login, "essm_care"),
        "reader": _client("gemeente", Profile.Role.MUNICIPALITY, two_factor_login),
    }


def test_invite_accept_and_enrol(clients):
    admin = clients["admin"]
    page = admin.post("/beheer/gebruikers/", {"email": "Nieuw@Example.org", "role": "partner", "partner": "nla"},
                      follow=True)
    assert "Uitnodiging verstuurd naar nieuw@example.org" in page.content.decode()
    user = User.objects.get(username="nieuw@example.org")
    assert not user.is_active and user.profile.partner.code == "nla"
    assert len(mail.outbox) == 1 and "nieuw@example.org" in mail.outbox[0].to
    link = re.search(r"http://\S+/beheer/uitnodiging/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert Invitation.objects.get().digest not in mail.outbox[0].body  # only the digest is stored
    visitor = Client()
    assert visitor.get(path).status_code == 200
    short = visitor.post(path, {"password": "kort", "again": "kort"})
    assert short.status_code == 400 and not User.objects.get(pk=user.pk).is_active
    done = visitor.post(path, {"password": "een-ander-lang-wachtwoord", "again": "een-ander-lang-wachtwoord"})
    assert done.status_code == 302 and done["Location"] == "/accounts/2fa/instellen/"
    assert User.objects.get(pk=user.pk).is_active
    assert Client().get(path).status_code == 404  # used up
    assert Client().get("/beheer/uitnodiging/geraden/").status_code == 404
    actions = list(AuditEvent.objects.filter(action__startswith="user.").values_list("action", flat=True))
    assert {"user.invited", "user.invitation_accepted", "user.invitation_refused"} <= set(actions)


def test_bad_invitations_are_refused_and_audited(clients):
    admin = clients["admin"]
    for data in ({"email": "geen-adres", "role": "analyst"},
                 {"email": "a@example.org", "role": "partner"},
                 {"email": "b@example.org", "role": "municipality", "partner": "nla"},
                 {"email": "c@example.org", "role": "koning"}):
        assert admin.post("/beheer/gebruikers/", data).status_code == 400
    admin.post("/beheer/gebruikers/", {"email": "d@example.org", "role": "analyst"})
    again = admin.post("/beheer/gebruikers/", {"email": "D@example.org", "role": "analyst"})
    assert again.status_code == 400 and "al een account" in again.content.decode()
    assert User.objects.filter(username__endswith="example.org").count() == 1
    assert AuditEvent.objects.filter(action="user.invite_refused").exists()


def test_role_change_deactivate_and_reset_are_audited(clients):
    admin = clients["admin"]
    target = User.objects.get(username="gemeente")
    url = f"/beheer/gebruikers/{target.pk}/"
    assert admin.get(url).status_code == 200
    admin.post(url, {"action": "role", "role": "partner", "partner": "riec"})
    target.refresh_from_db()
    assert target.profile.role == "partner" and target.profile.partner.code == "riec"
    change = AuditEvent.objects.get(action="user.role_changed")
    assert change.details["before"]["label"] == "lezer gemeente" and change.details["after"]["organisation"] == "RIEC Rotterdam"
    assert admin.post(url, {"action": "deactivate", "reason": ""}).status_code == 400
    admin.post(url, {"action": "deactivate", "reason": "uit dienst"})
    target.refresh_from_db()
    assert not target.is_active
    admin.post(url, {"action": "reset-2fa"})
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert AuditEvent.objects.filter(action="two_factor.removed", details__how="hersteld door beheerder").exists()
    assert clients["reader"].get("/beheer/tekst/").status_code in (302, 403)  # deactivated: logged out


def test_no_change_of_ones_own_account():
    admin = User.objects.create_user("b", is_superuser=True)
    with pytest.raises(AccountError):
        deactivate_user(admin, admin, "weg")
    with pytest.raises(AccountError):
        change_role(admin, "partner", admin, partner_code="nla")
    assert AuditEvent.objects.filter(action="user.change_refused").count() == 2


def test_an_admin_invitation_makes_an_administrator(clients):
    invite_user("baas@example.org", "admin", User.objects.get(username="beheerder"), link_base="http://x/")
    assert User.objects.get(username="baas@example.org").is_superuser


@pytest.mark.parametrize("who", ["analyst", "partner", "reader"])
def test_only_administrators(clients, who):
    target = User.objects.get(username="essm")
    client = clients[who]
    assert client.get("/beheer/gebruikers/").status_code == 403
    assert client.post("/beheer/gebruikers/", {"email": "x@example.org", "role": "admin"}).status_code == 403
    assert client.post(f"/beheer/gebruikers/{target.pk}/", {"action": "deactivate", "reason": "x"}).status_code == 403
    assert User.objects.get(pk=target.pk).is_active and not User.objects.filter(username="x@example.org").exists()


def test_a_mail_server_that_is_down_leaves_nothing_behind(clients, settings):
    """A real SMTP connection to a closed port: the page says so, nothing is created, the refusal is audited."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 5
    page = clients["admin"].post("/beheer/gebruikers/", {"email": "x@example.org", "role": "analyst"})
    assert page.status_code == 400 and "niet per e-mail worden verstuurd" in page.content.decode()
    assert not User.objects.filter(username="x@example.org").exists() and not Invitation.objects.exists()
    assert AuditEvent.objects.filter(action="user.invite_refused", details__email="x@example.org").exists()
    assert not AuditEvent.objects.filter(action="user.invited").exists()
