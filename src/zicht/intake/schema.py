"""Frictionless Table Schemas for the long delivery format, derived from the catalog.

The schema is the contract with partners that export from their own systems: it is published in the
delivery specification (``docs/partners/delivery-spec.md``) and used by Frictionless for the cell
checks (types, code lists, required fields). Rules that need more than one cell live in ``rules.py``.
"""

from __future__ import annotations

from ..catalog.definitions import Catalog, Partner, get_catalog
from .numbers import MAX_COUNT
from .table import INDICATOR, MUNICIPALITY, SOURCE, VALUE

SOURCE_MAX_LENGTH = 500


def partner_dimensions(partner: Partner) -> list[str]:
    """The code lists used by any indicator of the partner, in first-use order (one column each)."""
    seen: list[str] = []
    for ind in partner.indicators:
        for dim in ind.dimensions:
            if dim not in seen:
                seen.append(dim)
    return seen


def partner_uses_municipality(partner: Partner) -> bool:
    return any(i.municipality != "none" for i in partner.indicators)


def long_fields(partner: Partner) -> list[str]:
    """Column names of the long format for this partner, in schema order."""
    return [INDICATOR, *partner_dimensions(partner), MUNICIPALITY, VALUE, SOURCE]


def table_schema(partner: str, catalog: Catalog | None = None) -> dict:
    """The Frictionless Table Schema (as a JSON-able dict) of one partner's long-format delivery."""
    catalog = catalog or get_catalog()
    p = catalog.partner(partner)
    fields: list[dict] = [
        {
            "name": INDICATOR,
            "title": "Indicator",
            "type": "string",
            "description": "Code van de indicator (zie de lijst van indicatoren van deze partner).",
            "constraints": {"required": True, "enum": [i.code for i in p.indicators]},
        }
    ]
    for dim in partner_dimensions(p):
        codelist = catalog.codelists[dim]
        users = [i.code for i in p.indicators if dim in i.dimensions]
        fields.append(
            {
                "name": dim,
                "title": codelist.label_nl,
                "type": "string",
                "description": (
                    f"Code uit de codelijst '{codelist.label_nl}'; leeg = totaal over deze dimensie. "
                    f"Alleen voor: {', '.join(users)}."
                ),
                "constraints": {"enum": [c.code for c in codelist.codes]},
            }
        )
    municipality_codes = sorted(catalog.municipalities)
    fields.append(
        {
            "name": MUNICIPALITY,
            "title": "Gemeente",
            "type": "string",
            "description": (
                "CBS-gemeentecode (GM####), geldig in het leveringsjaar; leeg = hele regio."
                if partner_uses_municipality(p)
                else "Moet leeg blijven: deze partner levert geen cijfers per gemeente."
            ),
            "constraints": {"enum": municipality_codes, "pattern": "GM[0-9]{4}"},
        }
    )
    fields.append(
        {
            "name": VALUE,
            "title": "Aantal",
            "type": "integer",
            "bareNumber": False,
            "description": (
                "Geheel getal >= 0 (\"12\", \"12,0\" of \"12.0\"); leeg = niet geleverd; 0 = echt nul. "
                "Geen scheidingstekens voor duizendtallen: \"1.000\", \"1,000\" en \"1 000\" worden geweigerd, "
                "schrijf 1000."
            ),
            "constraints": {"minimum": 0, "maximum": MAX_COUNT},
        }
    )
    fields.append(
        {
            "name": SOURCE,
            "title": "Bron",
            "type": "string",
            "description": "Vrije tekst over de herkomst (bijvoorbeeld 'Registratiesysteem X, peildatum 1-2-2023').",
            "constraints": {"maxLength": SOURCE_MAX_LENGTH},
        }
    )
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": f"zicht-{partner}",
        "title": f"Zicht levering {p.name}",
        "fields": fields,
        "missingValues": [""],
    }
