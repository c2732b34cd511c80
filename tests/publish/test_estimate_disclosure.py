"""Estimates of the hidden number: rounded to tens, refused without counts, never beside a
suppressed count, never from two lists (which would give the overlap away)."""

import re

import pytest

from zicht.engines.mse.data import CaptureData
from zicht.engines.mse.dutch import fmt_official, round_official
from zicht.engines.mse.estimate import estimate
from zicht.publish.blocks import Table, TableCell, apply_guards
from zicht.publish.sections import estimate_text as wording

# Three lists, plenty of overlap: the engine gives an estimate.
RICH = {(1, 0, 0): 120, (0, 1, 0): 90, (0, 0, 1): 70, (1, 1, 0): 30, (1, 0, 1): 22, (0, 1, 1): 18,
        (1, 1, 1): 6}
# Three lists, one person on more than one list: the engine refuses and says so with the count.
THIN = {(1, 0, 0): 40, (0, 1, 0): 25, (0, 0, 1): 12, (1, 1, 0): 1}


def _result(histories, lists=("Politie", "Zorg", "Inspectie")) -> dict:
    return estimate(CaptureData.from_histories(list(lists), histories)).to_dict()


def _numbers(text: str, year: int = 2022) -> list[int]:
    """Whole numbers in a Dutch sentence (1.090 is one number), without the year and percentages."""
    found = [int(n.replace(".", "")) for n in re.findall(r"(?<![\d.])\d{1,3}(?:\.\d{3})*(?![\d%])", text)]
    return [n for n in found if n != year]


@pytest.mark.parametrize(("value", "shown"), [
    (678.2, "680"), (549, "550"), (913.4, "910"), (1090.4, "1.090"), (9995, "10.000"), (12345, "12.300"),
    (float("inf"), "onbegrensd"), (None, "onbegrensd"),
])
def test_estimates_are_rounded_to_tens(value, shown):
    assert fmt_official(value) == shown
    if shown != "onbegrensd":
        assert round_official(value) % 10 == 0


def test_a_refusal_for_little_overlap_names_no_count():
    est = _result(THIN)
    assert est["estimate"] is None
    assert any("Slechts 1 persoon" in w for w in est["warnings"])  # the engine's analyst text
    for text in (wording.summary_nl(est, 2022, 78, ""), wording.explanation_nl(est, 78)):
        assert "te weinig overlap tussen de lijsten" in text
        assert "Slechts" not in text and "minimaal 5" not in text
        # 78: the published total of distinct persons; 3: how many lists (partners), not people
        assert set(_numbers(text)) <= {78, 3}


def test_published_estimates_and_bounds_are_multiples_of_ten():
    est = _result(RICH)
    assert wording.publishable(est)
    summary = wording.summary_nl(est, 2022, 356, "")
    numbers = [n for n in _numbers(summary) if n != 356]
    assert len(numbers) == 3  # estimate, lower and upper bound
    assert all(n % 10 == 0 for n in numbers), summary
    assert all(int(n.replace(".", "")) % 10 == 0 for cell in wording.estimate_cells(est)
               for n in re.findall(r"\d[\d.]*", cell))
    assert wording.ROUNDING_NOTE in wording.explanation_nl(est, 356)


def test_no_estimate_from_two_lists_even_if_an_engine_gave_one():
    """n1 * n2 / N beside both published list sizes would give the overlap away."""
    two = _result({(1, 0): 40, (0, 1): 30, (1, 1): 12}, lists=("Politie", "Zorg"))
    assert not wording.publishable(two)
    assert wording.estimate_cells(two) == ["geen schatting", "–"]
    lincoln_petersen = {"estimate": 40 * 30 / 12, "ci": [80, 140], "lists": ["Politie", "Zorg"]}
    assert not wording.publishable(lincoln_petersen)
    assert wording.refusal_reason(lincoln_petersen) == wording.REFUSAL_TOO_FEW_LISTS
    assert "100" not in wording.summary_nl(lincoln_petersen, 2022, 58, "")


def _by_form_table() -> Table:
    guard = lambda form: ("linkage.persons_by_form", (("form", form),), 2022)  # noqa: E731
    return Table(key="omvang.by_form", caption="", columns=["Vorm", "Schatting", "95%-interval"], source="",
                 rows=[(form, [TableCell(None, text="110", guard=guard(form)),
                               TableCell(None, text="80 tot 190", guard=guard(form))])
                       for form in ("labour", "criminal", "other")])


def test_an_estimate_beside_a_suppressed_count_is_suppressed_too():
    table = _by_form_table()
    pattern = [
        {"indicator": "linkage.persons_by_form", "year": 2022, "dims": {"form": "labour"}, "suppressed": False},
        {"indicator": "linkage.persons_by_form", "year": 2022, "dims": {"form": "criminal"}, "suppressed": True},
        # "other" is not in the pattern: never checked, so not published either (fail closed)
    ]
    assert apply_guards([table], pattern) == 4
    shown = {label: [c.display() for c in cells] for label, cells in table.rows}
    assert shown == {"labour": ["110", "80 tot 190"], "criminal": ["•", "•"], "other": ["•", "•"]}
