"""Writers that run at the same time still make one chain; events written before the chain existed
are sealed by the migration; ``flush`` (what the test framework runs) still empties the database."""

import threading

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from zicht.audit import chain, events
from zicht.audit.appendonly import missing_triggers
from zicht.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_writers_make_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite opens every write transaction IMMEDIATE: writers cannot overlap")
    threads, per_thread, failures = 4, 15, []
    start = threading.Barrier(threads)

    def write(n):
        try:
            start.wait()
            for i in range(per_thread):
                events.unpublished_data_viewed(None, f"schrijver {n} nummer {i}", writer=n, i=i)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    verdict = chain.verify(AuditEvent)
    assert verdict.intact, verdict.broken
    assert verdict.events == threads * per_thread


def test_events_written_before_the_chain_are_sealed_by_the_migration():
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0001_initial")])
    old = executor.loader.project_state([("audit", "0001_initial")]).apps.get_model("audit", "AuditEvent")
    for n in range(3):
        old.objects.create(action="catalog.loaded", actor_label="systeem", message=f"Catalogus geladen ({n})",
                           details={"version": n, "tekst": "één"})
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = list(AuditEvent._base_manager.order_by("id"))
    assert [r.message for r in rows] == [f"Catalogus geladen ({n})" for n in range(3)]
    assert chain.verify(AuditEvent).intact
    events.catalog_loaded(None, "na de migratie")  # the application continues the sealed chain
    assert chain.verify(AuditEvent).events == 4 and chain.verify(AuditEvent).intact
    assert missing_triggers(connection) == []


def test_flush_empties_the_append_only_tables():
    from django.core.management import call_command

    events.catalog_loaded(None, "voor flush")
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent._base_manager.count() == 0
    assert missing_triggers(connection) == []
    event = events.catalog_loaded(None, "na flush")
    assert event.prev_hash == chain.GENESIS and event.timestamp <= timezone.now()


def test_triggers_dropped_by_a_sqlite_table_rebuild_come_back_with_migrate():
    """Django alters a SQLite table by rebuilding it, which drops its triggers; migrate restores them."""
    from django.core.management import call_command

    from zicht.figures.models import Observation

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters tables in place and keeps their triggers")
    with connection.schema_editor() as editor:
        editor._remake_table(Observation)
    assert missing_triggers(connection) == ["figures_observation"]
    call_command("migrate", verbosity=0)
    assert missing_triggers(connection) == []
