"""What has been delivered for a reporting year, per partner: the analyst's check before closing.

In records, not intake: it reads figures deliveries (intake) and case-record deliveries (records), and
only records may import intake (ADR 1212)."""

from __future__ import annotations

from zicht.catalog.definitions import get_catalog
from zicht.intake.models import Submission
from zicht.records.models import EncodedDelivery


def delivery_overview(year: int) -> list[dict]:
    """Per partner of the catalog: its current delivery for `year` (version, date) or none yet.

    What the analyst checks before closing the year: who has delivered, who has not.
    """
    current = {s.partner.code: s for s in Submission.objects.filter(year=year, superseded_by__isnull=True)
               .select_related("partner").defer("content")}  # fmt: skip
    encoded = {d.partner.code: d for d in EncodedDelivery.objects.filter(year=year, superseded_by__isnull=True)
               .select_related("partner").defer("content")}  # fmt: skip
    rows = []
    for partner in get_catalog().partners.values():
        if not partner.indicators and partner.code not in encoded:
            continue
        submission = current.get(partner.code)
        case_records = encoded.get(partner.code)
        rows.append({
            "partner": partner.code,
            "name": partner.name,
            "internal": partner.internal,  # the alliance's own figures: never "not delivered"
            "figures": None if submission is None else {
                "version": submission.version, "filename": submission.filename,
                "submitted_at": submission.submitted_at.isoformat(),
            },
            "case_records": None if case_records is None else {
                "version": case_records.version, "records": case_records.records,
                "submitted_at": case_records.submitted_at.isoformat(),
            },
        })  # fmt: skip
    return rows
