"""Django's ``flush`` with the append-only maintenance switch: the one path that empties the log.

The test framework (``TransactionTestCase``, pytest-django's ``transactional_db``, the live server)
empties the database with ``flush`` after each test. On PostgreSQL the switch works only for a role
that owns the tables; the application's role owns none (docs/operator.md)."""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from zicht.audit.appendonly import maintenance


class Command(DjangoFlush):
    def handle(self, **options):
        with maintenance(connections[options["database"]]):
            return super().handle(**options)
