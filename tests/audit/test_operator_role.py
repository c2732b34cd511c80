"""The operator guide's PostgreSQL roles do what the guide says: the application's role can deliver
(insert) but cannot change, delete or truncate evidence, cannot drop a trigger, and the maintenance
switch does nothing for it. The SQL run here is the guide's own block."""

import os
import re
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from zicht.audit import chain
from zicht.audit.appendonly import APPEND_ONLY_TABLES, maintenance
from zicht.audit.models import AuditEvent
from zicht.intake.services import submit_bytes

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "operator.md"
POLICE = b"indicator,value\npolice.complaints,23\n"


def after_migrate_sql() -> str:
    blocks = re.findall(r"```sql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if b.startswith("-- na elke `zicht migrate`")]
    return block


def test_the_guide_revokes_changes_on_every_append_only_table():
    revoke = re.search(r"REVOKE UPDATE, DELETE, TRUNCATE ON (.*?) FROM", after_migrate_sql(), re.S).group(1)
    assert {t.strip() for t in revoke.split(",")} == set(APPEND_ONLY_TABLES)


@pytest.fixture
def app_role(db):
    if connection.vendor != "postgresql":
        pytest.skip("roles exist on PostgreSQL only")
    role = f"zicht_app_test_{os.getpid()}"
    sql = after_migrate_sql().replace("zicht_app", role)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")  # rolled back with the test's transaction
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(sql)
        cursor.execute(f"SET ROLE {role}")
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def refused_for(role, sql, params=()):
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(caught.value)


def test_the_application_role_delivers_and_cannot_rewrite(app_role):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
    submission = submit_bytes(POLICE, "politie.csv", "police_tmm", 2022).submission
    assert chain.verify(AuditEvent).intact
    for table in APPEND_ONLY_TABLES:
        assert "permission denied" in refused_for(app_role, f"UPDATE {table} SET id = id")
        assert "permission denied" in refused_for(app_role, f"DELETE FROM {table}")
        assert "permission denied" in refused_for(app_role, f"TRUNCATE {table} CASCADE")
        assert "must be owner" in refused_for(app_role, f"DROP TRIGGER zicht_append_only_row ON {table}")
    with maintenance(connection):
        assert "permission denied" in refused_for(app_role, "DELETE FROM intake_submission WHERE id = %s",
                                                  [submission.pk])


def test_the_maintenance_switch_alone_does_not_let_a_non_owner_through(db):
    """Even with UPDATE granted by mistake, the trigger ignores the switch for a role that owns nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("roles exist on PostgreSQL only")
    submit_bytes(POLICE, "politie.csv", "police_tmm", 2022)
    role = f"zicht_careless_test_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(f"GRANT SELECT, UPDATE, DELETE ON figures_observation TO {role}")
        cursor.execute(f"SET ROLE {role}")
    try:
        with maintenance(connection):
            message = refused_for(role, "UPDATE figures_observation SET value = 999")
        assert "alleen toevoegen" in message
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
