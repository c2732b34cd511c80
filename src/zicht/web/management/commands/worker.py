"""`zicht worker`: the background worker (linkage runs, report builds) for production.

A thin alias of django-tasks-db's ``db_worker`` with production defaults: every queue (``*``), no
code reloading (a reload could stop a running task half-way), a poll every 2 seconds. All of
``db_worker``'s options still work (``--batch``, ``--max-tasks``, ``--queue-name``...). SIGTERM
(systemd's stop) lets the running task end as ``db_worker`` does; run it under systemd
(docs/operator.md, Productie) so that it is restarted after a crash or a reboot.
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = ("Start de achtergrondwerker (koppelingen, rapportbouw): `db_worker` met productie-"
            "standaarden (alle wachtrijen, niet herladen, elke 2 seconden kijken).")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False, interval=2.0)
