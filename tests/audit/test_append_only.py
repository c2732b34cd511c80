"""Every path that would change or remove evidence is refused by the database itself.

Reproduces the findings: ``AuditEvent._base_manager.filter(...).update(...)``, a plain
``QuerySet(AuditEvent)``, raw SQL, and ``Observation.objects.filter(...).update(value=999)`` used to
succeed. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from zicht.audit.appendonly import APPEND_ONLY_TABLES, REFUSAL, maintenance, missing_triggers
from zicht.audit.models import AuditEvent
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.publish.models import Artefact, NarrativeVersion, Publication
from zicht.signalling.models import RouteCheck

MODELS = [AuditEvent, Submission, Observation, Publication, Artefact, NarrativeVersion, RouteCheck]
# A column of each that an attacker would like to rewrite, and a new value for it.
CHANGE = {
    AuditEvent: ("message", "niets gebeurd"),
    Submission: ("filename", "ander.csv"),
    Observation: ("value", 999),
    Publication: ("correction_note", "stil gewijzigd"),
    Artefact: ("sha256", "f" * 64),
    NarrativeVersion: ("text", "stil herschreven"),
    RouteCheck: ("phone", "0900-0000"),
}
ids = [m.__name__ for m in MODELS]


@contextmanager
def refused():
    with pytest.raises(IntegrityError, match=REFUSAL), transaction.atomic():
        yield


def unchanged(model, row):
    field, _ = CHANGE[model]
    fresh = model._base_manager.get(pk=row.pk)
    assert getattr(fresh, field) == getattr(row, field)


def test_every_append_only_table_has_its_triggers(rows):
    assert missing_triggers(connection) == []
    assert {m._meta.db_table for m in MODELS} == set(APPEND_ONLY_TABLES)


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_update_through_the_base_manager_is_refused(rows, model):
    row = rows.of(model)
    field, value = CHANGE[model]
    with refused():
        model._base_manager.filter(pk=row.pk).update(**{field: value})
    unchanged(model, row)


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_update_through_a_plain_queryset_is_refused(rows, model):
    row = rows.of(model)
    field, value = CHANGE[model]
    with refused():
        QuerySet(model).filter(pk=row.pk).update(**{field: value})
    unchanged(model, row)


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_bulk_update_is_refused(rows, model):
    row = model._base_manager.get(pk=rows.of(model).pk)
    field, value = CHANGE[model]
    setattr(row, field, value)
    with refused():
        QuerySet(model).bulk_update([row], [field])
    unchanged(model, rows.of(model))


def test_observation_update_through_its_manager_is_refused(rows):
    """The finding as quoted: ``Observation.objects.filter(...).update(value=999)``."""
    with refused():
        Observation.objects.filter(pk=rows.observation.pk).update(value=999)
    assert Observation.objects.get(pk=rows.observation.pk).value == rows.observation.value


def test_submission_update_through_its_manager_is_refused(rows):
    """The finding as quoted: ``Submission.objects.filter(...).update(...)``."""
    with refused():
        Submission.objects.filter(pk=rows.submission.pk).update(checksum="0" * 64, size=1)
    assert Submission.objects.get(pk=rows.submission.pk).checksum == rows.submission.checksum


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_raw_delete_through_the_orm_is_refused(rows, model):
    row = rows.of(model)
    with refused():
        QuerySet(model).filter(pk=row.pk)._raw_delete(connection.alias)
    assert model._base_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize("model", [AuditEvent, Observation, Artefact], ids=["AuditEvent", "Observation", "Artefact"])
def test_queryset_delete_is_refused(rows, model):
    """Rows nothing points at reach the DELETE statement (the others stop at PROTECT first)."""
    row = rows.of(model)
    with refused():
        QuerySet(model).filter(pk=row.pk).delete()
    with refused():
        model._base_manager.filter(pk=row.pk).delete()
    assert model._base_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_raw_sql_update_and_delete_are_refused(rows, model):
    row = rows.of(model)
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(CHANGE[model][0]).column)
    with refused(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [CHANGE[model][1], row.pk])
    with refused(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    unchanged(model, row)


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_truncate_is_refused_on_postgresql(rows, model, vendor):
    if vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE without WHERE fires the row trigger")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses while FK checks are pending
    with refused(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)} CASCADE")
    assert model._base_manager.filter(pk=rows.of(model).pk).exists()


def test_delete_of_the_whole_table_is_refused(rows):
    with refused(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent._base_manager.count() >= 1


def test_the_maintenance_switch_lets_the_owner_through_and_is_off_afterwards(rows):
    """The documented path (``flush`` uses it); the test database role owns the tables."""
    with transaction.atomic():
        with maintenance(connection), connection.cursor() as cursor:
            cursor.execute("UPDATE figures_observation SET value = 999 WHERE id = %s", [rows.observation.pk])
        assert Observation.objects.get(pk=rows.observation.pk).value == 999
        transaction.set_rollback(True)
    with refused():
        Observation.objects.filter(pk=rows.observation.pk).update(value=998)


def test_a_sqlite_client_without_zicht_cannot_change_rows():
    """The SQLite triggers call a function only Zicht's connections have: the sqlite3 shell fails closed."""
    import sqlite3

    from zicht.audit.appendonly import sqlite_trigger_sql

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE figures_observation (id INTEGER PRIMARY KEY, value INTEGER)")
    db.execute("INSERT INTO figures_observation VALUES (1, 23)")
    for sql in sqlite_trigger_sql("figures_observation"):
        db.execute(sql)
    for statement in ("UPDATE figures_observation SET value = 999", "DELETE FROM figures_observation"):
        with pytest.raises(sqlite3.OperationalError, match="no such function: zicht_maintenance"):
            db.execute(statement)
    assert db.execute("SELECT value FROM figures_observation").fetchall() == [(23,)]
    db.create_function("zicht_maintenance", 0, lambda: 0)
    with pytest.raises(sqlite3.IntegrityError, match=REFUSAL):
        db.execute("UPDATE figures_observation SET value = 999")
