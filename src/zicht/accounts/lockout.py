"""Login lockout per account and per address, on django-axes.

Why not axes' plain settings: axes has one failure limit for every lockout parameter. Counting per
address at the account's limit (5) locks a whole shared address (a municipal NAT, the reverse proxy)
after five typos on any name, even names that do not exist; not counting per address at all lets one
address try one password against every account (password spraying). So:

- **account**: ``AXES_FAILURE_LIMIT`` failures on one user name, from any address, lock that name;
- **address**: ``ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT`` failures from one address, on any names, lock
  that address (0: never).

Both locks last ``AXES_COOLOFF_TIME`` hours after the last failure. The client's address is the
connecting address, or, behind ``ZICHT_TRUSTED_PROXIES`` reverse proxies, the address the outermost
trusted proxy saw (``X-Forwarded-For`` read from the right, so a forged entry on the left is ignored).
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.db.models import Sum

LOCKOUT_PARAMETERS = ["username", "ip_address"]  # the order get_failures relies on


def client_address(request) -> str | None:
    """The address failures are counted for (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = int(getattr(settings, "ZICHT_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    # Each trusted proxy appends the address it received the request from; the last ``proxies``
    # entries (minus the nearest proxy, which is REMOTE_ADDR) were written by our proxies.
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return forwarded[0] if forwarded else remote


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit for the address.

    axes locks when ``get_failures() >= AXES_FAILURE_LIMIT``. The address count is scaled to that
    limit (``n * account_limit // address_limit`` reaches ``account_limit`` exactly when ``n`` reaches
    ``address_limit``), so both locks go through axes' own checks, signals and lockout response."""

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = self.get_user_attempts(request, credentials)
        account = _sum(per_account) if get_client_username(request, credentials) else 0
        address_limit = int(getattr(settings, "ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT", 0) or 0)
        if address_limit <= 0:
            return account
        account_limit = int(settings.AXES_FAILURE_LIMIT)
        return max(account, _sum(per_address) * account_limit // address_limit)
