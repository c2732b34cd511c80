"""Reading long-format CSV: separators, encodings, decimal comma, header problems."""

import pytest

from zicht.intake.validation import validate_bytes

from .helpers import police_csv


def _validate(text: str | bytes, partner: str = "police_tmm", year: int = 2022, **kw):
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return validate_bytes(content, "levering.csv", partner, year, **kw)


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_separators_give_the_same_cells(sep):
    result = _validate(police_csv(sep=sep))
    assert result.valid, result.as_list()
    assert result.file_format == "csv"
    assert {(c.indicator, c.key[1], c.value) for c in result.cells} >= {
        ("police.complaints", "", 23),
        ("police.complaints", "form=sexual", 22),
        ("police.comensha_notifications", "", 20),
    }
    assert len(result.cells) == 9


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_with_accents_in_the_source_text(encoding):
    text = police_csv().replace("Mensenhandelmonitor 2022", "Cliënten, één bron, €")
    result = _validate(text.encode(encoding))
    assert result.valid, result.as_list()
    total = next(c for c in result.cells if c.indicator == "police.complaints" and not c.dims)
    assert total.source == "Cliënten, één bron, €"


def test_decimal_comma_and_point_with_zero_fraction_are_whole_numbers():
    rows = police_csv().replace(";22;", ";22,0;").replace(";1;\n", ";1.0;\n", 1)
    result = _validate(rows)
    assert result.valid, result.as_list()
    sexual = next(c for c in result.cells if c.dims == {"form": "sexual"} and c.indicator == "police.complaints")
    assert sexual.value == 22


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("12,5", "geen decimalen"),
        ("-3", "Negatief"),
        ("12%", "geen geheel getal"),
        ("twaalf", "geen geheel getal"),
        ("٣", "geen geheel getal"),
    ],
)
def test_bad_values_are_reported_once_with_location_and_dutch_text(raw, fragment):
    text = police_csv().replace("police.comensha_notifications;;;;20;", f"police.comensha_notifications;;;;{raw};")
    result = _validate(text)
    assert not result.valid
    problems = [p for p in result.problems if p.code == "not-a-whole-number"]
    assert len(problems) == 1
    p = problems[0]
    assert (p.row, p.column, p.value) == (10, "value", raw)
    assert fragment in p.message


def test_thousands_separator_has_its_own_code():
    text = police_csv().replace("police.comensha_notifications;;;;20;", "police.comensha_notifications;;;;1.234;")
    (p,) = _validate(text).errors
    assert (p.code, p.row, p.column, p.value) == ("thousands-separator", 10, "value", "1.234")
    assert "duizendtallen" in p.message and "schrijf 1234," in p.message


def test_provenance_row_numbers_count_the_header_as_row_one():
    result = _validate(police_csv())
    first = min(result.cells, key=lambda c: c.row)
    assert (first.row, first.column, first.sheet) == (2, "value", None)


def test_missing_required_column_is_reported():
    result = _validate("indicator;form\npolice.complaints;sexual\n")
    assert [p.code for p in result.problems] == ["missing-column"]
    assert "value" in result.problems[0].message
    assert result.cells == []


def test_unknown_column_is_an_error_with_the_allowed_names():
    text = police_csv(header="indicator;vorm;age_group;municipality;value;source")
    result = _validate(text)
    codes = [p.code for p in result.problems]
    assert "unknown-column" in codes
    problem = next(p for p in result.problems if p.code == "unknown-column")
    assert problem.column == "vorm" and "form" in problem.message


def test_optional_columns_may_be_left_out():
    result = _validate("indicator,value\npolice.comensha_notifications,20\n")
    assert result.valid, result.as_list()
    assert [(c.indicator, c.value) for c in result.cells] == [("police.comensha_notifications", 20)]


def test_row_with_wrong_number_of_fields():
    result = _validate(police_csv() + "police.comensha_notifications;;;20\n")
    problem = next(p for p in result.problems if p.code == "wrong-field-count")
    assert problem.row == 11


def test_a_file_with_only_empty_values_says_so():
    result = _validate("indicator;value\npolice.complaints;\n")
    assert [p.code for p in result.problems] == ["no-values"]


def test_json_shape_of_problems():
    result = _validate(police_csv().replace(";20;", ";x;"))
    (item,) = result.as_list()
    assert list(item) == ["sheet", "row", "column", "value", "code", "message", "severity"]
    assert item["severity"] == "error" and item["value"] == "x"
