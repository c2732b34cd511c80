"""Mirror the catalog files into the database (idempotent), so submissions can refer to them."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction

from zicht.audit import events
from zicht.catalog import models
from zicht.catalog.definitions import Catalog, get_catalog


def _indicator_spec(indicator) -> dict:
    spec = asdict(indicator)
    spec["caveats"] = [asdict(c) for c in indicator.caveats]
    return spec


@transaction.atomic
def load_catalog(catalog: Catalog | None = None, actor=None) -> Catalog:
    """Create or update partners, indicators and municipalities from the catalog definitions."""
    catalog = catalog or get_catalog()
    for partner in catalog.partners.values():
        row, _ = models.Partner.objects.update_or_create(
            code=partner.code,
            defaults={"name": partner.name, "short": partner.short, "kind": partner.kind},
        )
        for ind in partner.indicators:
            models.Indicator.objects.update_or_create(
                code=ind.code,
                defaults={"partner": row, "label": ind.nl, "unit": ind.unit, "spec": _indicator_spec(ind)},
            )
    # Two passes so successors exist before they are referred to.
    for muni in catalog.municipalities.values():
        models.Municipality.objects.update_or_create(
            code=muni.code,
            defaults={
                "name": muni.name,
                "part": muni.part,
                "valid_from": muni.valid_from,
                "valid_to": muni.valid_to,
            },
        )
    for muni in catalog.municipalities.values():
        if muni.successor:
            models.Municipality.objects.filter(code=muni.code).update(
                successor=models.Municipality.objects.get(code=muni.successor)
            )
    events.catalog_loaded(actor, catalog.version)
    return catalog


def ensure_catalog_loaded() -> None:
    """Load the catalog when the database has none yet (first use of a fresh database)."""
    if not models.Partner.objects.exists():
        load_catalog()
