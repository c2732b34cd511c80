"""Domain rules: codes, dimensions, municipalities, duplicates, totals, additivity, last year."""

import pytest

from zicht.intake.rules import is_large_change
from zicht.intake.validation import validate_bytes

from .helpers import POLICE_ROWS, police_csv


def _validate(text: str, partner: str = "police_tmm", year: int = 2022, **kw):
    return validate_bytes(text.encode("utf-8"), "levering.csv", partner, year, **kw)


def _codes(result):
    return [p.code for p in result.errors]


def test_the_2022_police_figures_are_valid():
    result = _validate(police_csv())
    assert result.valid, result.as_list()


def test_unknown_code_names_the_code_list_and_the_options():
    result = _validate(police_csv().replace("police.complaints;other;", "police.complaints;overig;"))
    (p,) = result.errors
    assert (p.code, p.row, p.column, p.value) == ("unknown-code", 6, "form", "overig")
    assert "Vorm van uitbuiting" in p.message and "sexual" in p.message


def test_indicator_of_another_partner_and_unknown_indicator():
    rows = [*POLICE_ROWS, "essm_care.clients;;;;143;", "police.bogus;;;;1;"]
    result = _validate(police_csv(rows))
    by_code = {p.code: p for p in result.errors}
    assert set(by_code) == {"wrong-partner", "unknown-indicator"}
    assert "essm_care" in by_code["wrong-partner"].message
    assert by_code["unknown-indicator"].row == 12


def test_dimension_the_indicator_does_not_have():
    rows = [*POLICE_ROWS[:8], "police.comensha_notifications;sexual;;;20;"]
    result = _validate(police_csv(rows))
    (p,) = result.errors
    assert (p.code, p.column, p.value) == ("dimension-not-applicable", "form", "sexual")


def test_duplicate_key_refers_to_the_first_row():
    result = _validate(police_csv([*POLICE_ROWS, "police.complaints;sexual;;;22;"]))
    (p,) = result.errors
    assert (p.code, p.row) == ("duplicate-key", 11)
    assert "rij 3" in p.message


def test_grand_total_is_required_when_any_cell_is_delivered():
    rows = [r for r in POLICE_ROWS if r != "police.complaints;;;;23;Mensenhandelmonitor 2022"]
    result = _validate(police_csv(rows))
    (p,) = result.errors
    assert p.code == "missing-total" and "police.complaints" in p.message


def test_empty_grand_total_row_is_pointed_at():
    rows = ["police.complaints;;;;;", *POLICE_ROWS[1:]]
    result = _validate(police_csv(rows))
    (p,) = result.errors
    assert (p.code, p.row, p.column) == ("missing-total", 2, "value")


def test_complete_parts_must_add_up_to_the_total():
    result = _validate(police_csv().replace("police.complaints;labour;;;1;", "police.complaints;labour;;;2;"))
    (p,) = result.errors
    assert p.code == "sum-mismatch" and p.row == 2
    assert "23" in p.message and "24" in p.message and "rijen 3, 4, 5, 6" in p.message


def test_incomplete_parts_may_not_exceed_the_total():
    partial = [r for r in POLICE_ROWS if r != "police.informative_interviews;other;;;1;"]
    assert _validate(police_csv(partial)).valid
    result = _validate(police_csv().replace("police.informative_interviews;sexual;;;24;", "police.informative_interviews;sexual;;;26;"))
    (p,) = result.errors
    assert p.code == "parts-exceed-total"


def test_two_dimensional_margins_add_up_in_both_directions():
    rows = [
        "police.complaints;;;;10;",
        "police.complaints;sexual;;;10;",
        "police.complaints;labour;;;0;",
        "police.complaints;criminal;;;0;",
        "police.complaints;other;;;0;",
        "police.complaints;sexual;adult;;7;",
        "police.complaints;sexual;minor;;2;",
        "police.complaints;;adult;;7;",
        "police.complaints;;minor;;3;",
    ]
    result = _validate(police_csv(rows))
    assert _codes(result) == ["sum-mismatch"]
    assert result.errors[0].row == 3  # sexual total 10 != 7 + 2


def test_non_additive_indicator_is_not_summed():
    rows = ["nla.report_sectors;;;;10;", "nla.report_sectors;hospitality;;;8;", "nla.report_sectors;construction;;;8;"]
    header = "indicator;economic_sector;nla_report_type;municipality;value;source"
    result = _validate(police_csv(rows, header=header), partner="nla")
    assert result.valid, result.as_list()


def test_total_equals_other_indicator():
    header = "indicator;gender;reporter_type;municipality;value;source"
    rows = [
        "essm_line.contacts;;;;168;",
        "essm_line.contacts_by_gender;;;;167;",
        "essm_line.contacts_by_gender;female;;;117;",
    ]
    result = _validate(police_csv(rows, header=header), partner="essm_line")
    (p,) = result.errors
    assert p.code == "total-mismatch" and "168" in p.message and "167" in p.message


def test_municipality_rules():
    header = "indicator;region_class;municipality;value;source"
    ok = ["essm_line.contacts;;;168;", "essm_line.contacts;;GM0599;94;", "essm_line.contacts;;GM0501;3;"]
    assert _validate(police_csv(ok, header=header), partner="essm_line").valid
    merged = _validate(police_csv(ok, header=header), partner="essm_line", year=2023)
    (p,) = merged.errors
    assert p.code == "municipality-not-valid" and "Voorne aan Zee" in p.message and p.column == "municipality"
    unknown = _validate(police_csv([*ok[:1], "essm_line.contacts;;GM9999;1;"], header=header), partner="essm_line")
    assert _codes(unknown) == ["unknown-municipality"]
    not_allowed = _validate(police_csv(["essm_line.contacts;;;168;", "essm_line.contacts_by_region;;GM0599;1;", "essm_line.contacts_by_region;;;1;"], header=header), partner="essm_line")
    assert "municipality-not-allowed" in _codes(not_allowed)


def test_percent_indicator_is_capped_at_100():
    header = "indicator;dadermonitor_category;value"
    result = _validate(police_csv(["national.dadermonitor_investigations;;893", "national.dadermonitor_shares;;100", "national.dadermonitor_shares;labour;101"], header=header), partner="national")
    assert _codes(result) == ["out-of-range"]


def test_large_change_against_last_year_is_a_warning_only():
    previous = {("police.complaints", "", None): 12, ("police.complaints", "form=sexual", None): 9}
    result = _validate(police_csv(), previous=previous)
    assert result.valid
    (w,) = result.warnings
    assert (w.code, w.row, w.severity) == ("large-change", 3, "warning")
    assert "9 -> 22" in w.message


@pytest.mark.parametrize(
    ("before", "after", "warn"),
    [(10, 20, False), (10, 21, True), (5, 11, True), (4, 9, False), (0, 3, False), (0, 25, True), (30, 14, True), (1, 0, False)],
)
def test_large_change_rule(before, after, warn):
    assert is_large_change(before, after) is warn


def test_non_additive_indicator_needs_no_total():
    header = "indicator;economic_sector;value"
    rows = ["nla.report_sectors;hospitality;8", "nla.report_sectors;construction;5"]
    assert _validate(police_csv(rows, header=header), partner="nla").valid
    additive = _validate(police_csv(["nla.reports;labour_exploitation;8"], header="indicator;nla_report_type;value"), partner="nla")
    assert _codes(additive) == ["missing-total"]
