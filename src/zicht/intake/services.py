"""Storing deliveries: validate, then keep the whole file and its cells in one transaction, or nothing."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from zicht.audit import events
from zicht.catalog.models import Partner
from zicht.catalog.periods import delivery_refusal
from zicht.catalog.services import ensure_catalog_loaded
from zicht.intake.cells import Problem, ValidationResult
from zicht.intake.limits import Limits, year_problem_nl
from zicht.intake.models import Submission
from zicht.intake.sniff import too_large_message
from zicht.intake.validation import validate_bytes
from zicht.intake.versioning import store_version
from zicht.intake.writers import write_observations

logger = logging.getLogger(__name__)


class SubmissionRefused(Exception):
    """A delivery that cannot be stored; carries the validation result with its problems."""

    def __init__(self, result: ValidationResult):
        details = "; ".join(f"{p.location_nl()}: {p.message}" for p in result.errors[:5])
        super().__init__(f"{len(result.errors)} error(s) in delivery: {details}")
        self.result = result


def period_closed_result(filename: str, reason: str) -> ValidationResult:
    """The refusal of a delivery for a closed or published year, shaped like a validation result."""
    file_format = Path(filename).suffix.lstrip(".").lower() or "onbekend"
    return ValidationResult(file_format, [Problem("period-closed", reason)])


def _refuse(result: ValidationResult, partner: str, year: int, filename: str, user) -> None:
    events.submission_rejected(partner, year, Path(filename).name, user, len(result.errors))
    raise SubmissionRefused(result)


@dataclass(frozen=True)
class SubmitOutcome:
    submission: Submission
    result: ValidationResult
    created: bool


def configured_limits() -> Limits:
    return Limits(
        max_bytes=settings.ZICHT_MAX_UPLOAD_BYTES,
        max_uncompressed_bytes=settings.ZICHT_MAX_UNCOMPRESSED_BYTES,
        max_rows=settings.ZICHT_MAX_ROWS,
    )


def oversized(size: int) -> ValidationResult | None:
    """The refusal of a file over the size limit, decided from its size before reading it."""
    limits = configured_limits()
    if size <= limits.max_bytes:
        return None
    return ValidationResult("unknown", [Problem("file-too-large", too_large_message(size, limits))])


def current_submission(partner_code: str, year: int) -> Submission | None:
    """The latest version for a partner and year (the one that is not superseded)."""
    return (
        Submission.objects.filter(partner__code=partner_code, year=year, superseded_by__isnull=True)
        .order_by("-version")
        .first()
    )


def previous_year_values(partner_code: str, year: int) -> dict[tuple[str, str, str | None], int]:
    """Last year's current figures of this partner, keyed like ``ParsedCell.key``."""
    previous = current_submission(partner_code, year - 1)
    if previous is None:
        return {}
    rows = previous.observations.select_related("indicator", "municipality")
    return {
        (o.indicator.code, o.dims_key, o.municipality.code if o.municipality else None): o.value
        for o in rows
    }


def _unknown_partner(partner_code: str) -> ValidationResult:
    result = ValidationResult(file_format="unknown")
    known = ", ".join(Partner.objects.order_by("code").values_list("code", flat=True))
    result.problems.append(
        Problem(
            code="unknown-partner",
            message=f"Onbekende partner '{partner_code}'. Bekende partners: {known}.",
            value=partner_code,
        )
    )
    return result


def validate_file(
    content: bytes, filename: str, partner_code: str, year: int, catalog=None
) -> ValidationResult:
    """Validate a delivery as it would be on submission, without storing anything.

    ``catalog``: another catalog than the shipped one (already loaded with ``load_catalog``),
    e.g. a national one."""
    wrong_year = year_problem_nl(year)
    if wrong_year is not None:
        return ValidationResult("onbekend", [Problem("invalid-year", wrong_year, value=str(year)[:20])])
    if catalog is None:
        ensure_catalog_loaded()
    if not Partner.objects.filter(code=partner_code).exists():
        return _unknown_partner(partner_code)
    return validate_bytes(
        content,
        filename,
        partner_code,
        year,
        previous=previous_year_values(partner_code, year),
        limits=configured_limits(),
        catalog=catalog,
    )


def submit_bytes(
    content: bytes, filename: str, partner: str, year: int, user=None, provenance: str = "",
    catalog=None, reason: str = "", by_label: str = "",
) -> SubmitOutcome:
    """Validate and store a delivery whole, or raise ``SubmissionRefused`` and store nothing.

    The same file twice is idempotent; a different file for the same partner and year becomes a new
    version that supersedes the previous one, which stays readable. ``reason`` says why a new version
    corrects the previous one (shown in the version history); ``by_label`` names the person when no
    Zicht account acts (a command run on the server: the operating-system login).
    """
    wrong_year = year_problem_nl(year)
    if wrong_year is not None:
        file_format = Path(filename).suffix.lstrip(".").lower()[:10] or "onbekend"
        _refuse(ValidationResult(file_format, [Problem("invalid-year", wrong_year, value=str(year)[:20])]),
                partner, year, filename, user)
    refusal = delivery_refusal(year)
    if refusal is not None:
        _refuse(period_closed_result(filename, refusal), partner, year, filename, user)
    result = validate_file(content, filename, partner, year, catalog)
    if not result.valid:
        _refuse(result, partner, year, filename, user)
    checksum = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        refusal = delivery_refusal(year, for_update=True)  # closed while this file was validated
        if refusal is None:
            partner_row = Partner.objects.select_for_update().get(code=partner)
            submission, created = store_version(
                Submission, partner_row, year, checksum,
                filename=Path(filename).name,
                file_format=result.file_format,
                size=len(content),
                content=content,
                submitted_by=user if getattr(user, "pk", None) else None,
                submitted_by_label=getattr(user, "username", None) or by_label or "systeem",
                reason=reason.strip()[:500],
                validation_report=result.as_list(),
                provenance=provenance[:300],
            )
            if not created:
                events.submission_duplicate(submission, user)
                return SubmitOutcome(submission, result, created=False)
            write_observations(submission, result.cells)
            events.submission_accepted(submission, user)
    if refusal is not None:
        _refuse(period_closed_result(filename, refusal), partner, year, filename, user)
    logger.info("Stored delivery %s %s v%s (%s cells)", partner, year, submission.version, len(result.cells))
    return SubmitOutcome(submission, result, created=True)


def submission_history(partner_code: str, year: int | None = None):
    """All versions of a partner's deliveries, oldest first, current ones marked by ``is_current``."""
    qs = Submission.objects.filter(partner__code=partner_code).select_related("superseded_by")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("year", "version").defer("content")
