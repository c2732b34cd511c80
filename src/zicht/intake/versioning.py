"""Immutable, versioned deliveries: the one way a new version of a (partner, year) file is stored.

Used for figure submissions and for encoded case-record deliveries alike: the same file twice is the
same version; a different file supersedes the current version, which stays readable."""

from __future__ import annotations

from django.db.models import Max, Model


class ImmutableModel(Model):
    """A row that is written once and never changed (a correction is a new row)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError(f"{type(self).__name__} is immutable; a correction is a new version")
        super().save(*args, **kwargs)


def store_version(model, partner, year: int, checksum: str, **fields) -> tuple[Model, bool]:
    """Store a new version of ``model`` for (partner, year), or return the identical one.

    Call inside a transaction that holds a lock on the partner row, so versions are numbered
    without gaps or clashes. Returns ``(row, created)``."""
    same = model.objects.filter(partner=partner, year=year)
    existing = same.filter(checksum=checksum).first()
    if existing is not None:
        return existing, False
    previous = same.filter(superseded_by__isnull=True).order_by("-version").first()
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    row = model.objects.create(
        partner=partner, year=year, version=version, checksum=checksum, supersedes=previous, **fields
    )
    return row, True
