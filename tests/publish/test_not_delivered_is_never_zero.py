"""Municipal figures that were not delivered read "niet geleverd", never 0; the part of a regional
total without a known municipality is its own protected row; the report names the year's number of
municipalities."""

import csv
import io

import pytest

from zicht.catalog.services import load_catalog
from zicht.demo.loader import DELIVERIES_DIR, load_demo_deliveries
from zicht.intake.services import submit_bytes
from zicht.publish.factsheets import UNKNOWN_LABEL, unknown_dims
from zicht.publish.opendata import public_tables
from zicht.publish.report import BuiltSection, ReportStatus, build_sections, render_html

pytestmark = pytest.mark.django_db

# ESSM care per municipality: Rotterdam 60, Schiedam 3 (unsafe), Dordrecht 40; the region has 143,
# so 40 clients have no known municipality. The other 22 municipalities were not delivered.
MUNICIPAL = {"GM0599": 60, "GM0606": 3, "GM0505": 40}


def _care_with_municipalities() -> bytes:
    rows = list(csv.DictReader(io.StringIO((DELIVERIES_DIR / "2022" / "essm_care.csv").read_text(encoding="utf-8"))))
    fields = [*rows[0].keys(), "municipality"]
    for code, value in MUNICIPAL.items():
        rows.append({"indicator": "essm_care.clients", "value": str(value), "municipality": code,
                     "source": "gemeentelijke uitsplitsing (test)"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture
def built():
    load_catalog()
    load_demo_deliveries()
    submit_bytes(_care_with_municipalities(), "essm_care-gemeenten.csv", "essm_care", 2022)
    sections, ctx, outcome, factsheets = build_sections(2022, None)
    return sections, factsheets


def _table(blocks, key):
    return next(b for b in blocks if getattr(b, "key", None) == key)


def test_a_municipality_without_a_delivery_reads_not_delivered(built):
    sections, factsheets = built
    sheet = next(f for f in factsheets if f.municipality.code == "GM0482")  # Alblasserdam
    table = _table(sheet.blocks, "essm_care.clients.GM0482")
    label, cells = table.rows[0]
    assert label == "Alblasserdam"
    assert cells[0].value is None and cells[0].display() == "niet geleverd"
    rotterdam = next(f for f in factsheets if f.municipality.code == "GM0599")
    assert _table(rotterdam.blocks, "essm_care.clients.GM0599").rows[0][1][0].display() == "60"

    tables = public_tables([BuiltSection("s", "s", "", sheet.blocks)])
    row = next(t for t in tables if t["key"] == "essm_care.clients.GM0482")["rows"][0]
    assert row["cells"][0] == {"value": None, "suppressed": False, "delivered": False}


def test_the_regional_table_has_a_protected_row_for_no_known_municipality(built):
    sections, _ = built
    municipal = next(s for s in sections if s.key == "gemeenten")
    table = _table(municipal.blocks, "essm_care.clients.municipality")
    rows = {label: cells[0] for label, cells in table.rows}
    assert len(rows) == 25 + 1  # the 2022 municipalities and the unknown remainder
    assert sum(c.display() == "niet geleverd" for c in rows.values()) == 22
    assert not any(c.display() == "0" for c in rows.values())
    unknown = rows[UNKNOWN_LABEL]
    assert unknown.indicator == "essm_care.clients" and unknown.year == 2022
    assert unknown.dims == unknown_dims() and set(unknown.dims) == {"municipality"}
    assert unknown.suppressed or unknown.value == 143 - sum(MUNICIPAL.values())
    # Schiedam's 3 is hidden, and so is at least one other part: the total (143) is published
    assert rows["Schiedam"].suppressed
    parts = [rows["Rotterdam"], rows["Dordrecht"], unknown]
    assert sum(c.suppressed for c in parts) >= 1
    assert table.total_row[1][0].display() == "143"


@pytest.mark.parametrize(("year", "count"), [(2022, 25), (2023, 23)])
def test_the_report_names_the_municipalities_of_its_year(year, count):
    load_catalog()
    html = render_html(year, [], status=ReportStatus(year))
    assert f"in de {count} gemeenten van de regio Rotterdam" in html
