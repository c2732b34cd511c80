"""The admin for accounts: profiles (role, partner, municipality), API tokens and second-factor devices,
without ever showing a secret.

- An API token's digest and prefix are read-only; the clear token exists only once, when
  `zicht api_token` makes it, so the admin cannot add tokens; it can revoke them (audited) but not
  delete them (the row stays for the record).
- OIDC identities (login through the organisation's identity provider) can be added and removed, never
  changed; each link and unlink is audited (``zicht.accounts.identities``).
- TOTP devices and backup codes are view-and-delete only: the key, the QR code and the backup codes
  never appear (django-otp's own admin shows them to a superuser). Deleting a device in the admin
  removes every device of that user, audited, as `zicht two_factor_disable` does; the user enrols
  again at the next login.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.identities import link_identity, unlink_identity
from zicht.accounts.models import ApiToken, OidcIdentity, Profile
from zicht.accounts.second_factor import remove_second_factor
from zicht.accounts.tokens import TokenError, revoke_token


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "partner", "municipality"]
    list_filter = ["role", "partner"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["user", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", *readonly_fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # the clear token is shown once by `zicht api_token --user U --name N`

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead; the row stays for the record

    @admin.action(description="Geselecteerde tokens intrekken")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_token(token.prefix, actor=request.user)
            except TokenError as exc:
                self.message_user(request, str(exc), messages.WARNING)
            else:
                self.message_user(request, f"Token {token.prefix} ingetrokken.")


class _DeviceAdmin(admin.ModelAdmin):
    """View and delete only; no field that holds a secret."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # a user enrols through the setup wizard, never with a key chosen by someone else

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        remove_second_factor(obj.user, request.user, "verwijderd in /admin/")

    def delete_queryset(self, request, queryset):
        for user in {device.user for device in queryset.select_related("user")}:
            remove_second_factor(user, request.user, "verwijderd in /admin/")


for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, _DeviceAdmin)


@admin.register(OidcIdentity)
class OidcIdentityAdmin(admin.ModelAdmin):
    """Which identity at the provider logs in as which user. Add (issuer and ``sub`` as the provider
    shows them) or delete; a change would move access silently, so there is none."""

    list_display = ["user", "subject", "issuer", "email", "linked_at", "last_login_at"]
    search_fields = ["user__username", "subject", "email"]
    raw_id_fields = ["user"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "issuer", "subject"]
        return ["user", "issuer", "subject", "email", "linked_at", "last_login_at"]

    def get_changeform_initial_data(self, request):
        from django.conf import settings

        return {"issuer": getattr(settings, "ZICHT_OIDC_ISSUER", "")}

    def has_change_permission(self, request, obj=None):
        return False  # view, add and delete only

    def save_model(self, request, obj, form, change):
        if not change:
            saved = link_identity(obj.user, obj.issuer, obj.subject, actor=request.user)
            obj.pk = saved.pk

    def delete_model(self, request, obj):
        unlink_identity(obj, request.user)

    def delete_queryset(self, request, queryset):
        for identity in queryset.select_related("user"):
            unlink_identity(identity, request.user)
