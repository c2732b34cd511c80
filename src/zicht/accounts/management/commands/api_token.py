"""`zicht api_token --user U --name N` | `--revoke PREFIX` | `--list [--json]`: API tokens of machine accounts."""

import json

from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.permissions import partner_of, role_of
from zicht.accounts.tokens import TokenError, issue_token, revoke_token, token_list
from zicht.audit.moments import dutch_iso
from zicht.audit.moments import dutch_time as _when


class Command(BaseCommand):
    help = ("Beheert API-tokens voor machine-accounts: aanmaken (de token wordt één keer getoond), "
            "intrekken en tonen. Een token handelt met de rol en partner van zijn gebruiker.")

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--user", help="Maak een token voor deze gebruiker (met --name).")
        action.add_argument("--revoke", metavar="VOORVOEGSEL", help="Trek de token met dit voorvoegsel in.")
        action.add_argument("--list", action="store_true", help="Toon alle tokens (zonder de tokens zelf).")
        parser.add_argument("--name", help="Naam van de token, bijvoorbeeld het systeem dat hem gebruikt.")
        parser.add_argument("--json", action="store_true", help="Bij --list: als JSON.")

    def handle(self, *args, **options):
        try:
            if options["list"]:
                return self._list(options["json"])
            if options["revoke"]:
                token = revoke_token(options["revoke"])
                self.stdout.write(f"Token {token.prefix} ({token.name}) van {token.user.username} ingetrokken.")
                return
            if not options["name"]:
                raise CommandError("Geef een naam met --name (bijvoorbeeld het systeem dat de token gebruikt).")
            issued = issue_token(options["user"], options["name"])
        except TokenError as exc:
            raise CommandError(str(exc)) from exc
        user = issued.token.user
        role, partner = role_of(user), partner_of(user)
        self.stdout.write(f"Token {issued.token.prefix} ({issued.token.name}) aangemaakt voor {user.username} "
                          f"(rol: {role or 'geen'}, partner: {partner.code if partner else '-'}).")
        if role is None:
            self.stderr.write("Let op: deze gebruiker heeft geen rol; de API weigert de token tot er een rol is.")
        self.stdout.write("Bewaar de token nu veilig; hij wordt niet nog eens getoond:")
        self.stdout.write(issued.clear)

    def _list(self, as_json: bool) -> None:
        rows = [
            {
                "prefix": t.prefix,
                "name": t.name,
                "user": t.user.username,
                "created_at": dutch_iso(t.created_at),
                "last_used_at": dutch_iso(t.last_used_at),
                "revoked_at": dutch_iso(t.revoked_at),
            }
            for t in token_list()
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("Geen API-tokens.")
        for t in token_list():
            state = f"ingetrokken {_when(t.revoked_at)}" if t.revoked_at else "actief"
            self.stdout.write(f"{t.prefix}  {t.user.username:<20} {t.name:<30} aangemaakt {_when(t.created_at)}  "
                              f"laatst gebruikt {_when(t.last_used_at)}  {state}")
