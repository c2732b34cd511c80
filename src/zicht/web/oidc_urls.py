"""Login through the organisation's identity provider (OpenID Connect), under /accounts/oidc/.

No URL at all unless ``ZICHT_OIDC_ENABLED=1`` (``zicht.conf.oidc``). The provider's registration of Zicht
uses the callback ``https://<host>/accounts/oidc/callback/`` as redirect URI (docs/operator.md)."""

from django.conf import settings
from django.urls import path

urlpatterns = []

if getattr(settings, "ZICHT_OIDC_ENABLED", False):
    from zicht.accounts import oidc

    urlpatterns = [
        path("authenticate/", oidc.ZichtOIDCRequestView.as_view(), name="oidc_authentication_init"),
        path("callback/", oidc.ZichtOIDCCallbackView.as_view(), name="oidc_authentication_callback"),
        path("code/", oidc.code_step, name="oidc_code"),
    ]
