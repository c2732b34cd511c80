"""Reproduce SparseMSE 2.0.1 on every reference dataset of expected.json (within 0.5%)."""

import json
from pathlib import Path

import pytest

from zicht.engines.mse import CaptureData, estimate

DATA_DIR = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA_DIR / "expected.json").read_text())
REFERENCE = sorted(k for k in EXPECTED if not k.startswith("_"))
TOLERANCE = 0.005


def load(name):
    return CaptureData.from_csv(DATA_DIR / f"{name}.csv")


@pytest.mark.parametrize("name", REFERENCE)
def test_stepwise_point_estimate_and_model_conditional_interval(name):
    ref = EXPECTED[name]
    result = estimate(load(name), method="stepwise", profile=False)
    assert result.observed == ref["observed"]
    assert result.estimate == pytest.approx(ref["stepwise"]["estimate"], rel=TOLERANCE)
    lo, hi = result.ci_model_conditional
    assert lo == pytest.approx(ref["stepwise"]["ci_model_conditional"][0], rel=TOLERANCE)
    assert hi == pytest.approx(ref["stepwise"]["ci_model_conditional"][1], rel=TOLERANCE)


@pytest.mark.parametrize("name", REFERENCE)
def test_stepwise_selects_the_same_terms_in_the_same_order(name):
    ref = EXPECTED[name]["stepwise"]
    result = estimate(load(name), method="stepwise", profile=False)
    assert result.model == ref["model"]
    assert result.minus_infinity == ref["minus_infinity"]


@pytest.mark.parametrize("name", REFERENCE)
def test_main_effects_model(name):
    ref = EXPECTED[name]["main_effects"]
    result = estimate(load(name), method="main", profile=False)
    assert result.model == []
    assert result.estimate == pytest.approx(ref["estimate"], rel=TOLERANCE)
    lo, hi = result.ci_model_conditional
    assert lo == pytest.approx(ref["ci_model_conditional"][0], rel=TOLERANCE)
    assert hi == pytest.approx(ref["ci_model_conditional"][1], rel=TOLERANCE)


def test_json_shape_has_the_issue_keys():
    result = estimate(load("Korea"), profile=False).to_dict()
    for key in ("observed", "estimate", "ci", "ci_method", "model", "minus_infinity", "warnings"):
        assert key in result
    assert isinstance(result["observed"], int)
    assert result["ci_method"] == "model_conditional"
    assert result["model"] == ["b:c"]
    json.dumps(result)  # serialisable
