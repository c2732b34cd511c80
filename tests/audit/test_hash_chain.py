"""The audit log's hash chain: ``zicht audit verify`` passes an intact log and names the first broken
link after a row is altered, removed or inserted behind the application's back (with the maintenance
switch, i.e. as the table owner, or by dropping the trigger)."""

import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from zicht.audit import chain, events
from zicht.audit.appendonly import maintenance
from zicht.audit.models import AuditEvent


def verify(*args) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, err.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def log(db) -> list[AuditEvent]:
    for year in range(2018, 2024):
        events.period_closed(None, year, reason=f"jaar {year} compleet, met ë en €")
    events.report_built(None, 2023, ["a.html", "b.pdf"])
    return list(AuditEvent._base_manager.order_by("id"))


def test_events_are_chained_in_order(log):
    assert log[0].prev_hash == chain.GENESIS
    for before, after in zip(log, log[1:], strict=False):
        assert after.prev_hash == before.hash
        assert after.hash == chain.event_hash(after)


def test_an_intact_log_verifies_and_prints_its_head(log):
    code, out = verify()
    assert code == 0
    assert f"{len(log)} gebeurtenissen" in out
    assert f"kop {log[-1].pk}:{log[-1].hash}" in out
    assert verify("--anchor", f"{log[-1].pk}:{log[-1].hash}")[0] == 0


def test_an_empty_log_is_intact(db):
    assert verify()[0] == 0


def raw(sql: str, params=()):
    with maintenance(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_altered_row_is_named(log):
    victim = log[3]
    raw("UPDATE audit_auditevent SET message = %s WHERE id = %s", ["Verslagjaar 2021 niet gesloten", victim.pk])
    code, err = verify()
    assert code == 1
    assert f"gebeurtenis {victim.pk}: de inhoud is gewijzigd" in err


def test_altered_details_are_detected_too(log):
    victim = log[1]
    raw("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["iemand anders", victim.pk])
    code, err = verify()
    assert (code, f"gebeurtenis {victim.pk}:" in err) == (1, True)


def test_an_altered_row_with_a_recomputed_hash_breaks_the_next_link(log):
    victim, after = log[2], log[3]
    victim.message = "herschreven"
    raw("UPDATE audit_auditevent SET message = %s, hash = %s WHERE id = %s",
        ["herschreven", chain.event_hash(victim), victim.pk])
    code, err = verify()
    assert code == 1
    assert f"gebeurtenis {after.pk}: de verwijzing naar de vorige gebeurtenis klopt niet" in err


def test_a_removed_row_is_named_by_the_row_after_it(log):
    raw("DELETE FROM audit_auditevent WHERE id = %s", [log[4].pk])
    code, err = verify()
    assert code == 1
    assert f"gebeurtenis {log[5].pk}: de verwijzing naar de vorige gebeurtenis klopt niet" in err
    assert "verwijderd of ingevoegd" in err


def test_a_removed_tail_is_caught_by_the_anchor(log):
    anchor = f"{log[-1].pk}:{log[-1].hash}"
    raw("DELETE FROM audit_auditevent WHERE id = %s", [log[-1].pk])
    assert verify()[0] == 0  # without a kept head, a shortened chain looks whole
    code, err = verify("--anchor", anchor)
    assert code == 1
    assert f"gebeurtenis {log[-1].pk} uit het anker ontbreekt" in err


def insert(event_id, prev_hash, message="Verslagjaar 2016 gesloten"):
    forged = AuditEvent(id=event_id, action="period.closed", actor_label="systeem", message=message,
                        details={"year": 2016}, prev_hash=prev_hash)
    forged.timestamp = AuditEvent._base_manager.get(pk=event_id - 1).timestamp
    forged.hash = chain.event_hash(forged)
    AuditEvent.objects.bulk_create([forged])  # INSERT is what the application may do
    return forged


def test_an_inserted_row_is_named(log):
    victim_id = log[-1].pk + 1
    insert(victim_id, "a" * 64)
    code, err = verify()
    assert code == 1
    assert f"gebeurtenis {victim_id}: de verwijzing naar de vorige gebeurtenis klopt niet" in err


def test_a_row_inserted_between_two_others_cannot_share_a_predecessor(log):
    """Forging a middle row needs the predecessor's hash, which the next row already claims."""
    raw("DELETE FROM audit_auditevent WHERE id = %s", [log[-1].pk])
    insert(log[-1].pk, log[-2].hash, message="vervalst")  # the forger's row, in the gap
    code, err = verify("--anchor", f"{log[-1].pk}:{log[-1].hash}")
    assert code == 1 and f"gebeurtenis {log[-1].pk}" in err
    with pytest.raises(IntegrityError), transaction.atomic():
        insert(log[-1].pk + 1, log[-2].hash)


def test_a_missing_trigger_fails_verification(log):
    name = "zicht_append_only_row ON audit_auditevent" if connection.vendor == "postgresql" else (
        "zicht_append_only_audit_auditevent_update")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}")
    code, err = verify()
    assert code == 1
    assert "Triggers ontbreken op: audit_auditevent" in err


def test_a_malformed_anchor_is_a_dutch_message(log):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Ongeldig anker"):
        call_command("audit", "verify", "--anchor", "abc")
