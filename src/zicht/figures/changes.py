"""What changed between two versions of a partner's delivery, cell by cell, in words people read.

A partner who corrects a file, and the analyst who checks the correction, need to see exactly which
figures moved: a cell is identified by indicator, breakdown and municipality; the labels come from the
catalog (never codes like ``form=sexual``)."""

from __future__ import annotations

from dataclasses import dataclass

from zicht.catalog.definitions import Catalog, get_catalog
from zicht.figures.models import Observation

ADDED, REMOVED, CHANGED = "toegevoegd", "vervallen", "gewijzigd"


@dataclass(frozen=True)
class CellChange:
    indicator: str  # the indicator's label
    breakdown: str  # "Vorm van uitbuiting: seksuele uitbuiting", or "" for the total
    municipality: str  # the municipality's name, or ""
    old: int | None  # None: not in the older version
    new: int | None  # None: not in the newer version
    kind: str  # ADDED, REMOVED or CHANGED


def breakdown_label(dims: dict, catalog: Catalog | None = None) -> str:
    """``{"form": "sexual"}`` as "Vorm van uitbuiting: seksuele uitbuiting" (codes kept when unknown)."""
    catalog = catalog or get_catalog()
    parts = []
    for dim, code in sorted(dims.items()):
        codelist = catalog.codelists.get(dim)
        if codelist is None:
            parts.append(f"{dim}: {code}")
            continue
        try:
            label = codelist.label(code)
        except KeyError:
            label = str(code)
        parts.append(f"{codelist.label_nl}: {label}")
    return "; ".join(parts)


def _cells(submission_id: int) -> dict[tuple[str, str, str], tuple[int, dict, str]]:
    rows = (Observation.objects.filter(submission_id=submission_id)
            .values_list("indicator__code", "dims_key", "municipality__code", "value", "dims", "municipality__name"))
    return {(code, key, muni or ""): (value, dims, name or "") for code, key, muni, value, dims, name in rows}


def cell_changes(old_submission_id: int, new_submission_id: int) -> list[CellChange]:
    """Every cell whose value differs between the two versions, added or removed, in catalog order."""
    catalog = get_catalog()
    old, new = _cells(old_submission_id), _cells(new_submission_id)
    order = {code: n for n, code in enumerate(catalog.indicators)}
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (order.get(k[0], len(order)), k[1], k[2])):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and before[0] == after[0]:
            continue
        value_old = before[0] if before else None
        value_new = after[0] if after else None
        dims, municipality = (after or before)[1], (after or before)[2]
        indicator = catalog.indicators.get(key[0])
        changes.append(CellChange(
            indicator=indicator.nl if indicator else key[0],
            breakdown=breakdown_label(dims, catalog),
            municipality=municipality,
            old=value_old,
            new=value_new,
            kind=ADDED if before is None else REMOVED if after is None else CHANGED,
        ))
    return changes
