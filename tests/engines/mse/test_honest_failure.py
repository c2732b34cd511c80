"""No misleading number: too few lists, too little overlap, or no existing estimate."""

import math
from pathlib import Path

import pytest

from zicht.engines.mse import CaptureData, estimate

DATA_DIR = Path(__file__).parent / "data"
SPARSE = ["NewOrl", "NewOrl_5", "NewOrl_MSEpkg", "NewOrl_5_MSEpkg", "Western", "Kosovo", "Ned",
          "Ned_5", "Artificial_3"]


def test_two_lists_give_no_number():
    data = CaptureData.from_histories(["A", "B"], {(1, 0): 30, (0, 1): 20, (1, 1): 10})
    result = estimate(data)
    assert result.estimate is None and result.ci is None
    assert any("minder dan drie lijsten" in w for w in result.warnings)
    assert "géén schatting" in result.explanation_nl()
    assert result.to_dict()["estimate"] is None


def test_too_few_overlapping_cases_give_no_number():
    data = CaptureData.from_histories(
        ["A", "B", "C"], {(1, 0, 0): 30, (0, 1, 0): 20, (0, 0, 1): 12, (1, 1, 0): 2, (0, 1, 1): 1}
    )
    result = estimate(data)
    assert result.estimate is None
    assert any("Slechts 3 personen" in w for w in result.warnings)


def test_no_existing_estimate_gives_no_number():
    # everybody is on list A: the cells off A are all empty and the likelihood runs off
    data = CaptureData.from_histories(
        ["A", "B", "C"], {(1, 0, 0): 10, (1, 1, 0): 5, (1, 0, 1): 5, (1, 1, 1): 2}
    )
    result = estimate(data, bootstrap=50)
    assert result.estimate is None
    assert any("bestaat geen schatting" in w for w in result.warnings)


def test_an_empty_list_is_dropped_with_a_warning():
    data = CaptureData.from_histories(
        ["A", "B", "C", "D"],
        {(1, 0, 0, 0): 30, (0, 1, 0, 0): 20, (0, 0, 1, 0): 12, (1, 1, 0, 0): 6, (0, 1, 1, 0): 4,
         (1, 0, 1, 0): 3, (1, 0, 0, 1): 0},
    )
    result = estimate(data)
    assert result.lists == ["A", "B", "C"]
    assert any("Lijst D bevat geen gevallen" in w for w in result.warnings)
    assert result.estimate is not None


@pytest.mark.parametrize("name", SPARSE)
def test_sparse_reference_tables_run_with_sensible_warnings(name):
    data = CaptureData.from_csv(DATA_DIR / f"{name}.csv")
    result = estimate(data)
    assert result.estimate is not None and math.isfinite(result.estimate)
    lo, hi = result.ci
    assert data.observed <= lo < result.estimate < hi
    assert result.ci_profile[0] < result.estimate < result.ci_profile[1]
    assert any("modelvoorwaardelijk" in w for w in result.warnings)
    if name.startswith("Ned") and name != "Ned_5":
        assert result.minus_infinity == ["K:R", "I:K"]
    if name.startswith(("NewOrl", "Western", "Ned")):
        assert any("ijl" in w or "min oneindig" in w for w in result.warnings)


@pytest.mark.parametrize("name", ["NewOrl", "Western", "Artificial_3"])
def test_sparse_tables_survive_the_bootstrap(name):
    data = CaptureData.from_csv(DATA_DIR / f"{name}.csv")
    result = estimate(data, bootstrap=100, seed=1, profile=False)
    assert result.ci_method == "bca_bootstrap"
    lo, hi = result.ci
    assert data.observed <= lo < hi


def test_explanation_names_assumptions_and_uncertainty():
    data = CaptureData.from_csv(DATA_DIR / "Korea.csv")
    text = estimate(data).explanation_nl()
    for fragment in ("gesloten", "heterogeniteit", "95%-onzekerheidsinterval", "269", "b en c"):
        assert fragment in text


def test_synthetic_data_are_labelled_everywhere():
    data = CaptureData.from_csv(DATA_DIR / "Korea.csv")
    result = estimate(data, synthetic=True, profile=False)
    assert result.explanation_nl().startswith("Let op: dit zijn synthetische")
    assert result.to_dict()["synthetic"] is True
    assert any("Synthetische gegevens" in w for w in result.warnings)


def test_comparison_with_the_national_assumption():
    korea = estimate(CaptureData.from_csv(DATA_DIR / "Korea.csv"), profile=False)
    assert "hele interval onder" in korea.compare_national_nl()
    assert "verenigbaar" in korea.compare_national_nl(low=250, high=300)
    uk = estimate(CaptureData.from_csv(DATA_DIR / "UKdat_4.csv"), profile=False)
    assert "boven" in uk.compare_national_nl()
    none = estimate(CaptureData.from_histories(["A", "B"], {(1, 0): 3, (1, 1): 2}))
    assert "niet mogelijk" in none.compare_national_nl()
