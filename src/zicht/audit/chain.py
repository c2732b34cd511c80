"""The hash chain over audit events: each event seals its content and the event before it.

``hash = SHA-256(prev_hash + "\\n" + canonical JSON of the event)``. Changing an event's content
breaks its own hash; removing or inserting an event breaks the ``prev_hash`` of the event after it.
The chain needs no secret, so someone who can rewrite every later row could rebuild it: the head
(last id and hash) printed by ``zicht audit verify`` is kept outside the database (the daily cron
mail) and can be checked again with ``--anchor``. See docs/adr/0800-append-only-enforced-by-the-database.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
LOCK_KEY = 0x7A69636874  # "zicht": the PostgreSQL advisory lock that serialises writers of the chain


def normalised_details(details) -> dict:
    """Details as the database will give them back (JSON types only)."""
    return json.loads(json.dumps(details or {}))


def canonical(*, timestamp: datetime, action: str, actor_id, actor_label: str, object_type: str,
              object_id: str, message: str, details) -> bytes:
    """The event's content as canonical JSON (sorted keys, no spaces, UTC timestamp in microseconds)."""
    content = {
        "action": action,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "details": details,
        "message": message,
        "object_id": object_id,
        "object_type": object_type,
        "timestamp": timestamp.astimezone(UTC).isoformat(timespec="microseconds"),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def seal(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content).hexdigest()


def event_hash(event, prev_hash: str | None = None) -> str:
    """The hash ``event`` (an ``AuditEvent``, also a historical one in a migration) should carry."""
    return seal(
        event.prev_hash if prev_hash is None else prev_hash,
        canonical(timestamp=event.timestamp, action=event.action, actor_id=event.actor_id,
                  actor_label=event.actor_label, object_type=event.object_type, object_id=event.object_id,
                  message=event.message, details=event.details),
    )


def lock_head(connection) -> None:
    """Serialise writers of the chain until the end of the transaction.

    PostgreSQL: a transaction-level advisory lock. ``SELECT … FOR UPDATE`` of the last row is not
    enough: a writer that waited for it still reads the old last row, not the row inserted while it
    waited, and the chain would fork. SQLite: Zicht opens write transactions IMMEDIATE, so writers
    are already serialised. The unique ``prev_hash`` makes a fork impossible either way."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def head_hash(model) -> str:
    last = model._base_manager.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


@dataclass(frozen=True)
class Break:
    """The first broken link: the event's id and what differs."""

    event_id: int
    what: str
    stored: str
    expected: str

    def message_nl(self) -> str:
        if self.what == "prev_hash":
            return (f"Keten gebroken bij gebeurtenis {self.event_id}: de verwijzing naar de vorige gebeurtenis "
                    f"klopt niet (opgeslagen {self.stored[:16]}…, verwacht {self.expected[:16]}…); er is een "
                    "gebeurtenis ervoor verwijderd of ingevoegd.")
        if self.what == "anchor-missing":
            return (f"Keten gebroken: gebeurtenis {self.event_id} uit het anker ontbreekt; de keten is "
                    "ingekort of herschreven.")
        if self.what == "anchor":
            return (f"Keten gebroken bij gebeurtenis {self.event_id}: de hash wijkt af van het bewaarde anker "
                    f"(opgeslagen {self.stored[:16]}…, anker {self.expected[:16]}…).")
        return (f"Keten gebroken bij gebeurtenis {self.event_id}: de inhoud is gewijzigd (opgeslagen hash "
                f"{self.stored[:16]}…, berekend {self.expected[:16]}…).")


@dataclass(frozen=True)
class Verdict:
    events: int
    head_id: int | None
    head_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify(model, anchor: tuple[int, str] | None = None, chunk_size: int = 2000) -> Verdict:
    """Walk the chain in id order and return the first broken link, if any."""
    expected_prev = GENESIS
    count = 0
    head_id = None
    anchor_seen = anchor is None
    rows = model._base_manager.order_by("id").iterator(chunk_size=chunk_size)
    for event in rows:
        count += 1
        if event.prev_hash != expected_prev:
            return Verdict(count, event.pk, event.hash, Break(event.pk, "prev_hash", event.prev_hash, expected_prev))
        computed = event_hash(event)
        if event.hash != computed:
            return Verdict(count, event.pk, event.hash, Break(event.pk, "hash", event.hash, computed))
        if anchor is not None and event.pk == anchor[0]:
            if event.hash != anchor[1]:
                return Verdict(count, event.pk, event.hash, Break(event.pk, "anchor", event.hash, anchor[1]))
            anchor_seen = True
        expected_prev = event.hash
        head_id = event.pk
    if not anchor_seen:
        return Verdict(count, head_id, expected_prev, Break(anchor[0], "anchor-missing", "", anchor[1]))
    return Verdict(count, head_id, expected_prev, None)
