"""Roles: analyst, partner contact (for one partner), municipality reader (for one municipality); API
tokens for machine accounts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    class Role(models.TextChoices):
        ANALYST = "analyst", _("analist")
        PARTNER = "partner", _("contactpersoon partner")
        MUNICIPALITY = "municipality", _("lezer gemeente")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices)
    partner = models.ForeignKey("catalog.Partner", null=True, blank=True, on_delete=models.PROTECT)
    municipality = models.ForeignKey(
        "catalog.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(models.Model):
    """A machine account's credential for the API, acting for one user (with that user's role and
    partner). Only the SHA-256 digest of the token is stored; the clear token is shown once, when it
    is created (``zicht.accounts.tokens.issue_token``). The prefix identifies a token in lists and
    logs without revealing it.

    Machine-facing (operators and scripts), so the labels are plain Dutch and not translated."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField("naam", max_length=100)
    prefix = models.CharField("voorvoegsel", max_length=16, unique=True)
    digest = models.CharField("SHA-256 van de token", max_length=64, unique=True)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    last_used_at = models.DateTimeField("laatst gebruikt op", null=True, blank=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        state = " (ingetrokken)" if self.revoked_at else ""
        return f"{self.prefix} {self.name} voor {self.user}{state}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class OidcIdentity(models.Model):
    """An identity at the organisation's OpenID Connect provider (issuer plus ``sub``) that logs in as
    this Zicht user. Made by the first login of a user whose verified e-mail address matches (audited)
    or by an administrator; never a new user (``zicht.accounts.oidc``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities")
    issuer = models.CharField("issuer", max_length=255)
    subject = models.CharField("sub", max_length=255)
    email = models.CharField("e-mailadres bij de koppeling", max_length=254, blank=True)
    linked_at = models.DateTimeField("gekoppeld op", auto_now_add=True)
    last_login_at = models.DateTimeField("laatst ingelogd op", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique_subject"),
            models.UniqueConstraint(fields=["issuer", "user"], name="oidc_identity_one_per_user"),
        ]
        verbose_name = "OIDC-identiteit"
        verbose_name_plural = "OIDC-identiteiten"

    def __str__(self) -> str:
        return f"{self.subject} ({self.issuer}) -> {self.user}"
class Invitation(models.Model):
    """A one-time link, sent by e-mail, with which an invited person sets a password (and then enrols a
    second factor). Only the SHA-256 digest of the link's token is stored. Made and used through
    ``zicht.accounts.invitations`` (both audited)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField("e-mailadres")
    digest = models.CharField("SHA-256 van de token", max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("uitgenodigd op", auto_now_add=True)
    expires_at = models.DateTimeField("geldig tot")
    used_at = models.DateTimeField("gebruikt op", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d})"
