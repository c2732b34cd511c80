"""Strongest leak test: change the hidden values (keeping every published number) and the
published output must not change at all. If anything suppressed leaked (a number, a bar length,
a chart's text alternative), the twin would differ."""

import re

import pytest

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.intake.services import submit_bytes
from zicht.publish.report import build_report

pytestmark = pytest.mark.django_db

# The 2022 police delivery with the two hidden complaint counts changed (22+1 -> 21+2): the published
# totals, zeros and every other cell stay the same.
TWIN_POLICE = """indicator,form,age_group,value,source
police.complaints,,,23,"Mensenhandelmonitor 2022 (VAR), p. 5: aangiftes mensenhandel 2022"
police.complaints,sexual,,21,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.complaints,labour,,2,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.complaints,criminal,,0,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.complaints,other,,0,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.informative_interviews,,,25,"Mensenhandelmonitor 2022 (VAR), p. 5: informatieve gesprekken 2022"
police.informative_interviews,sexual,,24,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.informative_interviews,labour,,0,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.informative_interviews,criminal,,0,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.informative_interviews,other,,1,"Mensenhandelmonitor 2022 (VAR), p. 5"
police.comensha_notifications,,,20,"Mensenhandelmonitor 2022 (VAR), p. 5: via automatische registratieformulieren"
"""


def _published_part(html: str) -> str:
    """The police section, without the delivery version and build time (which differ by design)."""
    section = re.search(r'<section id="politie".*?</section>', html, re.S).group(0)
    return re.sub(r"versie \d+ \(\d\d-\d\d-\d{4}\)", "versie N", section)


def test_changing_hidden_values_changes_nothing_published(tmp_path):
    load_catalog()
    load_demo_deliveries()
    original = build_report(2022, tmp_path / "a", NARRATIVE_DIR, pdf=False)
    assert "•" in _published_part(original.html_path.read_text(encoding="utf-8"))
    submit_bytes(TWIN_POLICE.encode(), "police_tmm.csv", "police_tmm", 2022)  # same name, v2
    twin = build_report(2022, tmp_path / "b", NARRATIVE_DIR, pdf=False)
    a = original.html_path.read_text(encoding="utf-8")
    b = twin.html_path.read_text(encoding="utf-8")
    assert _published_part(a) == _published_part(b)
    tables_a = [t for t in original.tables if t["section"] == "politie"]
    tables_b = [t for t in twin.tables if t["section"] == "politie"]
    for ta, tb in zip(tables_a, tables_b, strict=True):
        assert ta["rows"] == tb["rows"]
