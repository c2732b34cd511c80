"""Append-only tables enforced by the database, not by convention.

Triggers refuse DELETE (and, on PostgreSQL, TRUNCATE) and every UPDATE on the tables that hold
evidence: audit events, submissions, observations, publications and their artefacts. No column of
these tables ever needs to change: a supersession is recorded on the new row (``supersedes``) when it
is inserted, so the old version is never touched.

The one way around the triggers is the maintenance switch (``maintenance()``), used by ``flush``
(the test framework empties the database with it). On PostgreSQL it works only for a role that owns
the table (the migration role, which could drop the trigger anyway); the application's own role owns
no tables, so for it the switch does nothing. On SQLite there are no roles: the switch is a flag on
the Python connection, read by the SQL function ``zicht_maintenance()`` the trigger calls; any other
client (the ``sqlite3`` shell) lacks that function, so its DELETE or UPDATE fails as well.
See docs/adr/0800-append-only-enforced-by-the-database.md.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import DatabaseError

APPEND_ONLY_TABLES = ("audit_auditevent", "intake_submission", "figures_observation", "publish_publication",
                      "publish_artefact", "publish_narrativeversion",
                      "signalling_routecheck")

# The migration that puts the triggers on each table (they are restored only where it is applied).
INSTALLED_BY = {
    "audit_auditevent": ("audit", "0003_append_only"),
    "intake_submission": ("intake", "0002_append_only"),
    "figures_observation": ("figures", "0002_append_only"),
    "publish_publication": ("publish", "0005_append_only"),
    "publish_artefact": ("publish", "0005_append_only"),
    "publish_narrativeversion": ("publish", "0006_narrative_versions"),
    "signalling_routecheck": ("signalling", "0001_route_checks"),
}

REFUSAL = "alleen toevoegen"  # part of every refusal message, so callers and tests can recognise it
MAINTENANCE_SETTING = "zicht.allow_maintenance"

PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION zicht_maintenance_allowed(rel oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('{MAINTENANCE_SETTING}', true), '') = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = rel), 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION zicht_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF zicht_maintenance_allowed(TG_RELID) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'zicht: % op % geweigerd: deze tabel is %', TG_OP, TG_TABLE_NAME, '{REFUSAL}'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
"""

def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pg_trigger_sql(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS zicht_append_only_row ON {_q(table)}",
        f"CREATE TRIGGER zicht_append_only_row BEFORE UPDATE OR DELETE ON {_q(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION zicht_append_only()",
        f"DROP TRIGGER IF EXISTS zicht_append_only_truncate ON {_q(table)}",
        f"CREATE TRIGGER zicht_append_only_truncate BEFORE TRUNCATE ON {_q(table)} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION zicht_append_only()",
    ]


def pg_drop_trigger_sql(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS zicht_append_only_row ON {_q(table)}",
        f"DROP TRIGGER IF EXISTS zicht_append_only_truncate ON {_q(table)}",
    ]


def sqlite_trigger_names(table: str) -> tuple[str, str]:
    return f"zicht_append_only_{table}_delete", f"zicht_append_only_{table}_update"


def sqlite_trigger_sql(table: str) -> list[str]:
    delete, update = sqlite_trigger_names(table)
    refuse = "SELECT RAISE(ABORT, {msg});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {_q(delete)} BEFORE DELETE ON {_q(table)} "
        f"FOR EACH ROW WHEN NOT zicht_maintenance() BEGIN "
        + refuse.format(msg=_lit(f"zicht: DELETE op {table} geweigerd: deze tabel is {REFUSAL}"))
        + " END",
        f"CREATE TRIGGER IF NOT EXISTS {_q(update)} BEFORE UPDATE ON {_q(table)} "
        f"FOR EACH ROW WHEN NOT zicht_maintenance() BEGIN "
        + refuse.format(msg=_lit(f"zicht: UPDATE op {table} geweigerd: deze tabel is {REFUSAL}"))
        + " END",
    ]


def install(schema_editor, tables) -> None:
    """Create (or re-create) the triggers on ``tables`` (db_table names)."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTIONS, None)
        for table in tables:
            for sql in pg_trigger_sql(table):
                schema_editor.execute(sql, None)
    elif connection.vendor == "sqlite":
        for table in tables:
            for sql in sqlite_trigger_sql(table):
                schema_editor.execute(sql, None)
    else:  # pragma: no cover - Zicht runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"append-only triggers for {connection.vendor}")


def uninstall(schema_editor, tables) -> None:
    connection = schema_editor.connection
    for table in tables:
        if connection.vendor == "postgresql":
            for sql in pg_drop_trigger_sql(table):
                schema_editor.execute(sql, None)
        else:
            for name in sqlite_trigger_names(table):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {_q(name)}", None)


def installer(*tables: str):
    """A ``RunPython`` pair (forwards, backwards) for the named append-only tables."""
    chosen = [t for t in tables if t in APPEND_ONLY_TABLES]

    def forwards(apps, schema_editor):
        install(schema_editor, chosen)

    def backwards(apps, schema_editor):
        uninstall(schema_editor, chosen)

    return forwards, backwards


def missing_triggers(connection) -> list[str]:
    """The append-only tables whose triggers are absent (e.g. lost when SQLite rebuilt a table)."""
    from django.db.migrations.recorder import MigrationRecorder

    applied = set(MigrationRecorder(connection).applied_migrations())
    missing = []
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            if INSTALLED_BY[table] not in applied:
                continue
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname LIKE 'zicht_append_only_%%'",
                    [table],
                )
                found = cursor.fetchone()[0] == 2
            else:
                names = sqlite_trigger_names(table)
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)", list(names)
                )
                found = cursor.fetchone()[0] == 2
            if not found:
                missing.append(table)
    return missing


def reinstall_missing(connection) -> list[str]:
    """Put back triggers that a schema change dropped (SQLite rebuilds a table to alter it)."""
    missing = missing_triggers(connection)
    if missing:
        with connection.schema_editor(atomic=False) as schema_editor:
            install(schema_editor, missing)
    return missing


# -- the maintenance switch -------------------------------------------------------------------------

def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` handler: give SQLite the function the triggers ask."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "zicht_maintenance", 0, lambda: 1 if getattr(connection, "zicht_maintenance", False) else 0
    )


@contextmanager
def maintenance(connection):
    """Let the triggers through on this connection, for emptying the database (``flush``) only.

    On PostgreSQL this has an effect only when the connected role owns the tables."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [MAINTENANCE_SETTING])
        try:
            yield
        finally:
            # A failed transaction rolls the setting back by itself; otherwise switch it off here.
            if connection.connection is not None and not connection.needs_rollback:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config(%s, '', false)", [MAINTENANCE_SETTING])
                except DatabaseError:
                    pass  # an aborted transaction: its rollback undoes the setting
    else:
        connection.zicht_maintenance = True
        try:
            yield
        finally:
            connection.zicht_maintenance = False
