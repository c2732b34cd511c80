"""Helpers that let every exporter prove it leaks no hidden value."""

import csv
import io
import json

import pytest

from zicht.engines.disclosure import MARK, display_value, protect_publication, safe_percentage
from zicht.engines.disclosure.leak import alternative_table, assert_no_leak

from .helpers import grid

ROWS = grid(
    {
        "x": {"p": 2, "q": 20, "r": 30},
        "y": {"p": 25, "q": 40, "r": 50},
        "z": {"p": 35, "q": 45, "r": 60},
    }
)


def _csv_export(publication) -> str:
    """A correct exporter: only what the publication shows."""
    out = io.StringIO()
    writer = csv.writer(out)
    for table in publication.tables:
        for cell in table.cells:
            writer.writerow([cell.key.get("a", "Totaal"), cell.key.get("b", "Totaal"),
                             display_value(cell.value)])
    return out.getvalue()


def _leaky_export(rows) -> str:
    """A wrong exporter: a row share computed from the raw data."""
    total_x = sum(r["count"] for r in rows if r["a"] == "x")
    px = next(r["count"] for r in rows if r["a"] == "x" and r["b"] == "p")
    return f"x/p: {100 * px / total_x:.0f}%"


def test_alternative_table_publishes_the_same_figures_but_hides_different_values():
    publication = protect_publication(ROWS, [("a", "b")])
    twin = alternative_table(ROWS, publication)
    again = protect_publication(twin, [("a", "b")], frozen=publication.pattern())
    assert again.to_public_json() == publication.to_public_json()
    truth = {(r["a"], r["b"]): r["count"] for r in ROWS}
    other = {(r["a"], r["b"]): r["count"] for r in twin}
    hidden = [(c.key["a"], c.key["b"]) for c in publication.tables[0].cells
              if c.suppressed and len(c.key) == 2]
    assert any(truth[k] != other[k] for k in hidden)


def test_a_correct_export_passes_and_a_leaky_one_is_caught():
    publication = protect_publication(ROWS, [("a", "b")])
    twin_rows = alternative_table(ROWS, publication)
    twin = protect_publication(twin_rows, [("a", "b")], frozen=publication.pattern())
    text = _csv_export(publication)
    assert MARK in text
    assert_no_leak(text, publication, twin_text=_csv_export(twin))
    assert_no_leak(json.dumps(publication.to_public_json()), publication)
    with pytest.raises(AssertionError, match="hangt af van onderdrukte waarden"):
        assert_no_leak(_leaky_export(ROWS), publication, twin_text=_leaky_export(twin_rows))


@pytest.mark.parametrize("text", ["x: <5", "x: < 5", "x: &lt;5", "x: ≤4"])
def test_forbidden_notations_are_caught(text):
    with pytest.raises(AssertionError, match="Verboden notatie"):
        assert_no_leak(text)


def test_percentages_need_published_parts_and_a_denominator_of_ten():
    assert safe_percentage(3, 12) == pytest.approx(25.0)
    assert safe_percentage(3, 9) is None
    assert safe_percentage(None, 40) is None
    assert safe_percentage(3, None) is None
    assert display_value(None) == MARK and display_value(1234) == "1.234"
