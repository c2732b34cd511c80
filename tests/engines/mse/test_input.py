"""Malformed input gives a Dutch MSEInputError that names the row and column."""

import numpy as np
import pytest

from zicht.engines.mse import CaptureData, MSEInputError


def write(tmp_path, text):
    path = tmp_path / "captures.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_valid_file_and_merges_duplicate_histories(tmp_path):
    data = CaptureData.from_csv(write(tmp_path, "A,B,C,count\n1,0,0,5\n0,1,1,2\n1,0,0,1\n"))
    assert data.lists == ("A", "B", "C")
    assert data.observed == 8
    assert data.histories() == {(1, 0, 0): 6, (0, 1, 1): 2}
    assert data.list_totals() == {"A": 6, "B": 2, "C": 2}


def test_semicolon_separated_as_dutch_excel_writes(tmp_path):
    data = CaptureData.from_csv(write(tmp_path, "A;B;C;count\n1;0;0;5\n0;1;1;2\n"))
    assert data.observed == 7


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("A,B,C,count\n1,0,2,3\n", ["regel 2", "kolom 'C'", "geen 0 of 1"]),
        ("A,B,C,count\n1,0,ja,3\n", ["regel 2", "kolom 'C'"]),
        ("A,B,C,count\n1,0,0,3\n0,1,0,-1\n", ["regel 3", "count", "negatief"]),
        ("A,B,C,count\n1,0,0,2.5\n", ["regel 2", "geen geheel getal"]),
        ("A,B,C,count\n1,0,0,x\n", ["regel 2", "geen getal"]),
        ("A,B,C,count\n1,0,0,3\n0,0,0,4\n", ["historie 2", "alle lijsten zijn 0"]),
        ("A,count\n1,3\n", ["minstens twee lijsten"]),
        ("A,B,C\n1,0,0\n", ["kolom 'count' ontbreekt"]),
        ("A,B,C,count\n1,0,0\n", ["regel 2", "velden"]),
        ("A,A,C,count\n1,0,0,1\n", ["twee keer"]),
        ("", ["leeg"]),
    ],
)
def test_malformed_input_is_refused_in_dutch(tmp_path, text, fragments):
    with pytest.raises(MSEInputError) as info:
        CaptureData.from_csv(write(tmp_path, text))
    for fragment in fragments:
        assert fragment in str(info.value)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(MSEInputError, match="kan niet worden gelezen"):
        CaptureData.from_csv(tmp_path / "bestaat-niet.csv")


def test_from_histories_validates_the_same_way():
    data = CaptureData.from_histories(["A", "B", "C"], {(1, 0, 0): 4, (1, 1, 0): 2})
    assert data.observed == 6
    with pytest.raises(MSEInputError, match="geen 0 of 1"):
        CaptureData.from_histories(["A", "B", "C"], {(1, 0, 3): 4})
    with pytest.raises(MSEInputError, match="negatief"):
        CaptureData.from_histories(["A", "B", "C"], {(1, 0, 0): -4})
    with pytest.raises(MSEInputError, match="alle lijsten zijn 0"):
        CaptureData.from_histories(["A", "B", "C"], {(0, 0, 0): 4})
    with pytest.raises(MSEInputError, match="3 lijsten"):
        CaptureData.from_histories(["A", "B", "C"], {(1, 0): 4})
    with pytest.raises(MSEInputError, match="minstens twee"):
        CaptureData.from_histories(["A"], {(1,): 4})


def test_merge_and_drop_lists():
    data = CaptureData.from_histories(
        ["A", "B", "C"], {(1, 0, 0): 4, (0, 1, 0): 3, (1, 1, 0): 2, (0, 0, 1): 5}
    )
    merged = data.merge_lists(["A", "B"], "AB")
    assert merged.lists == ("C", "AB")
    assert merged.histories() == {(0, 1): 9, (1, 0): 5}
    dropped = data.drop_lists(["C"])
    assert dropped.observed == 9  # the five seen only on C drop out
    assert np.all(dropped.patterns.sum(axis=1) >= 1)


def test_from_memberships_counts_each_person_once_per_list():
    pairs = [(1, "Politie"), (1, "Zorg"), (1, "Zorg"), (2, "Zorg"), (3, "Politie"), (4, "NLA")]
    data = CaptureData.from_memberships(pairs, lists=["Politie", "Zorg", "NLA", "Gemeente"])
    assert data.histories() == {(1, 1, 0, 0): 1, (0, 1, 0, 0): 1, (1, 0, 0, 0): 1,
                                (0, 0, 1, 0): 1}
    assert data.list_totals()["Gemeente"] == 0
    with pytest.raises(MSEInputError, match="RIEC"):
        CaptureData.from_memberships([(1, "RIEC")], lists=["Politie", "Zorg"])
