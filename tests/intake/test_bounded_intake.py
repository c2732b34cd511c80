"""Bounded intake: reading stops at the first row over the limit and every stage stops at the first N
problems, saying so; Frictionless judges each column's distinct values once and every cell holding a
refused value is still reported."""

from zicht.intake.cells import TOO_MANY
from zicht.intake.csvread import read_csv
from zicht.intake.limits import Limits
from zicht.intake.table import LongTable, Origin
from zicht.intake.validation import validate_bytes

from .helpers import HEADER, POLICE_ROWS, police_csv


def _validate(text: str, limits: Limits = Limits()):  # noqa: B008
    return validate_bytes(text.encode(), "levering.csv", "police_tmm", 2022, limits=limits)


def test_reading_stops_at_the_first_row_over_the_limit():
    # Rows after the limit hold formulas: had the reader gone on, it would have refused those instead.
    rows = [f"police.complaints;;;;{n};" for n in range(5)] + ["=1+1;;;;1;"] * 1000
    result = _validate(police_csv(rows), Limits(max_rows=5))
    assert [p.code for p in result.problems] == ["too-many-rows"]
    problem = result.problems[0]
    assert problem.row == 7  # header is row 1, data rows 2-6, row 7 is the first over the limit
    assert "meer dan 5 gegevensregels" in problem.message and "gestopt bij regel 7" in problem.message
    assert result.cells == []


def test_row_limit_counts_data_rows_only():
    result = _validate(police_csv(), Limits(max_rows=len(POLICE_ROWS)))
    assert result.valid and len(result.cells) == len(POLICE_ROWS)


def test_cell_checks_stop_at_the_first_n_problems_and_say_so():
    rows = [f"police.nonsense{n};;;;1;" for n in range(50)]
    result = _validate(police_csv(rows), Limits(max_problems=10))
    codes = [p.code for p in result.problems]
    assert codes == ["unknown-indicator"] * 10 + [TOO_MANY]
    assert [p.row for p in result.problems[:10]] == list(range(2, 12))  # the first ten, in file order
    note = result.problems[-1].message
    assert "gestopt na 10 fouten" in note and "nog meer fouten" in note and "eerste 10" in note
    assert result.cells == []


def test_reader_stops_at_the_first_n_problems():
    rows = ["police.complaints;;;;1;;extra"] * 40
    result = _validate(police_csv(rows), Limits(max_problems=10))
    assert [p.code for p in result.problems] == ["wrong-field-count"] * 10 + [TOO_MANY]


def test_domain_rules_stop_at_the_first_n_duplicates():
    rows = ["police.comensha_notifications;;;;20;"] * 500
    result = _validate(police_csv(rows), Limits(max_problems=25))
    codes = [p.code for p in result.problems]
    assert codes == ["duplicate-key"] * 25 + [TOO_MANY]
    assert result.problems[0].row == 3 and result.problems[24].row == 27  # row 2 is the first of them
    assert result.cells == []


def test_under_the_cap_no_note():
    rows = [*POLICE_ROWS, "police.nonsense;;;;1;"]
    result = _validate(police_csv(rows), Limits(max_problems=10))
    assert [p.code for p in result.problems] == ["unknown-indicator"]


def test_every_cell_with_a_refused_value_is_reported_once_per_cell():
    # One distinct bad value in many rows: Frictionless judges it once, every row gets its message.
    rows = [*POLICE_ROWS, "police.complaints;sexual;;GM9999;1;", "police.complaints;labour;;GM9999;1;",
            "police.complaints;;;GM9999;2;"]
    result = _validate(police_csv(rows))
    bad = [p for p in result.problems if p.code == "unknown-municipality"]
    assert [p.row for p in bad] == [11, 12, 13]
    assert all(p.column == "municipality" and p.value == "GM9999" for p in bad)
    # a bad code in one column and a bad municipality in the same row: both reported
    result = _validate(police_csv([*POLICE_ROWS, "police.complaints;nope;;GM9999;1;"]))
    assert sorted(p.code for p in result.errors) == ["unknown-code", "unknown-municipality"]


def test_repeated_texts_are_kept_once():
    text = police_csv([*POLICE_ROWS] + [f"police.complaints;sexual;;;{n};" for n in range(3)], sep=";")
    read = read_csv(text.encode(), HEADER.split(";"), set(), Limits())
    rows = read.table.rows
    codes = [row[0] for row in rows if row[0] == "police.complaints"]
    assert len(codes) > 3 and all(code is codes[0] for code in codes)  # one string object, many rows


def test_places_are_compact_and_read_like_tuples():
    table = LongTable(["indicator", "value"])
    first, second = Origin("Blad1", {"value": "C"}), Origin("Blad2", {"value": "D"})
    for n in range(3):
        table.add(["x", str(n)], first, n + 2)
    table.add(["y", "9"], second, 40)
    assert table.where[0] == (first, 2) and table.where[3] == (second, 40)
    assert len(table.where) == 4 and list(table.where)[2] == (first, 4)
    assert table.where[3][0].column("value") == "D"


def _workbook(rows: list[list]) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Levering"
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_workbook_reading_stops_at_the_first_row_over_the_limit():
    content = _workbook([["indicator", "value"]] + [["police.complaints", 1]] * 30)
    result = validate_bytes(content, "levering.xlsx", "police_tmm", 2022, limits=Limits(max_rows=10))
    assert [p.code for p in result.problems] == ["too-many-rows"]
    problem = result.problems[0]
    assert problem.sheet == "Levering" and problem.row == 11  # filled rows, the header included
    assert "gestopt bij rij 11 van blad 'Levering'" in problem.message


def test_workbook_reading_stops_at_the_first_formulas():
    content = _workbook([["indicator", "value"]] + [["police.complaints", "=1+1"]] * 80)
    result = validate_bytes(content, "levering.xlsx", "police_tmm", 2022)
    codes = [p.code for p in result.problems]
    assert codes == ["formula"] * 50 + [TOO_MANY]
    assert result.problems[49].row == 51


def test_an_empty_cell_is_judged_even_where_the_distinct_table_has_a_blank_row():
    # Distinct values: indicator [A, B, ""], value ["", "3"]: row 3 of the distinct table cycles to
    # ("", "") in every column, a blank row Frictionless skips; the empty indicator must still be refused.
    rows = ["police.comensha_notifications;;;;;", "police.complaints;;;;3;", ";;;;3;"]
    result = _validate(police_csv(rows))
    required = [p for p in result.errors if p.row == 4]
    assert [p.code for p in required] == ["required"] and required[0].column == "indicator"
