"""DRF authentication for machine accounts: ``Authorization: Token <token>``.

The token acts with its user's role and partner (``zicht.accounts.permissions``). It does not ask for
the web's second factor: it is a machine credential (see docs/adr/0103-machine-uploads-api.md)."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from zicht.accounts.tokens import authenticate_token

KEYWORD = "Token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """No ``Authorization`` header: anonymous (the view's permissions then answer 401). A header with
    an unknown, malformed or revoked token: 401, never a fall-back to anonymous."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-kop: gebruik 'Token <token>'.")
        try:
            clear = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Ongeldige token.") from exc
        token = authenticate_token(clear)
        if token is None:
            raise exceptions.AuthenticationFailed("Onbekende of ingetrokken token.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD
