"""`zicht two_factor_disable GEBRUIKER …`: reset a user's second factor (phone lost), audited.

Replaces django-two-factor-auth's command of the same name (zicht.accounts comes first in
INSTALLED_APPS), which deleted the devices without an audit event."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.second_factor import remove_second_factor


class Command(BaseCommand):
    help = "Zet tweestapsverificatie van de gegeven gebruikers terug (alle apparaten weg); komt in het auditlog."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", metavar="GEBRUIKER")

    def handle(self, *args, usernames, **options):
        users = get_user_model().objects
        for username in usernames:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"Onbekende gebruiker '{username}'.")
            removed = remove_second_factor(user, None, "teruggezet met zicht two_factor_disable")
            self.stdout.write(f"{username}: {len(removed)} apparaat/apparaten verwijderd.")
