"""Who is acting when a command is run on the server: a person, never an anonymous "systeem".

A partner's data contact or the analyst may run `zicht submit` or `zicht records_submit` on the
server. The version history must then name a person: the Zicht account given with ``--user`` (which
must exist, be active and be allowed to deliver for the partner), or else the operating-system login
that ran the command, marked as such."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model


class UnknownActor(ValueError):
    """The account named on the command line does not exist or is inactive (Dutch message)."""


def os_login_label() -> str:
    """The operating-system login that runs this command, as shown in version histories."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        login = os.environ.get("USER") or f"uid {os.getuid()}"
    return f"{login} (opdrachtregel)"


def command_line_actor(username: str | None):
    """The active Zicht user named ``username``, or ``None`` when no name was given."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UnknownActor(f"Onbekende gebruiker '{username}'; geef een bestaand Zicht-account met --user.")
    if not user.is_active:
        raise UnknownActor(f"Gebruiker '{username}' is gedeactiveerd.")
    return user
