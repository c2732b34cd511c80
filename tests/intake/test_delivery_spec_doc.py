"""The delivery specification in docs/ is what the code renders, and the schemas are valid."""

from pathlib import Path

import pytest
from frictionless import Schema

from zicht.catalog.definitions import get_catalog
from zicht.intake.schema import long_fields, table_schema
from zicht.intake.spec import render_delivery_spec

DOC = Path(__file__).resolve().parents[2] / "docs" / "partners" / "delivery-spec.md"


def test_committed_delivery_spec_matches_the_code():
    assert DOC.read_text(encoding="utf-8") == render_delivery_spec(), (
        "docs/partners/delivery-spec.md is out of date: run `python -m zicht.intake.spec`"
    )


@pytest.mark.parametrize("partner", sorted(get_catalog().partners))
def test_table_schema_is_a_valid_frictionless_schema(partner):
    descriptor = table_schema(partner)
    schema = Schema.from_descriptor(descriptor)
    assert [f.name for f in schema.fields] == long_fields(get_catalog().partner(partner))
    assert Schema.validate_descriptor(descriptor).valid


def test_schema_enums_follow_the_catalog():
    catalog = get_catalog()
    fields = {f["name"]: f for f in table_schema("essm_care")["fields"]}
    assert fields["indicator"]["constraints"]["enum"] == [i.code for i in catalog.partner("essm_care").indicators]
    assert fields["gender"]["constraints"]["enum"] == ["female", "male", "other_unknown"]
    assert fields["value"]["type"] == "integer" and fields["value"]["constraints"] == {"minimum": 0, "maximum": 2**31 - 1}
    assert "GM0599" in fields["municipality"]["constraints"]["enum"]
