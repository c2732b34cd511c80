"""The ordinary flows write into the append-only tables without ever needing to change a row:
a delivery, a correction that supersedes it, the same file again, and a refused file. Publishing
(versions and corrections) is exercised under the triggers by tests/foundation/test_publication*.py."""

from zicht.audit import chain
from zicht.audit.models import AuditEvent
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, current_submission, submit_bytes

V1 = b"indicator,value\npolice.complaints,23\n"
V2 = b"indicator,value\npolice.complaints,24\n"


def test_submit_supersede_duplicate_and_refuse(db):
    first = submit_bytes(V1, "politie.csv", "police_tmm", 2022).submission
    second = submit_bytes(V2, "politie.csv", "police_tmm", 2022).submission
    again = submit_bytes(V2, "politie.csv", "police_tmm", 2022)
    try:
        submit_bytes(b"indicator,value\npolice.complaints,-1\n", "politie.csv", "police_tmm", 2022)
    except SubmissionRefused:
        pass
    else:  # pragma: no cover
        raise AssertionError("a negative count must be refused")
    assert second.supersedes_id == first.pk and not again.created
    assert current_submission("police_tmm", 2022) == second
    assert Submission.objects.get(pk=first.pk).superseded_by == second
    assert [o.value for o in first.observations.all()] == [23]
    actions = list(AuditEvent._base_manager.order_by("id").values_list("action", flat=True))
    assert actions[-4:] == ["submission.accepted", "submission.accepted", "submission.duplicate",
                            "submission.rejected"]
    assert chain.verify(AuditEvent).intact
