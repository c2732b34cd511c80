"""`zicht estimate --method latent-class`: same JSON keys as the log-linear path, plus the
posterior mean and the convergence diagnostics; bad settings are a Dutch command error."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).parent / "data"
QUICK = ["--burn-in", "2000", "--thin", "20", "--samples", "500", "--chains", "3"]


def run(*args):
    out = StringIO()
    call_command("estimate", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_log_linear_keys_and_the_posterior_ones():
    out = json.loads(run(str(DATA / "Korea.csv"), "--method", "latent-class", *QUICK, "--json"))
    assert set(out) >= {"observed", "estimate", "ci", "ci_method", "lists", "posterior_mean",
                        "rhat", "ess", "chains", "seconds"}
    assert out["observed"] == 123 and out["ci_method"] == "posterior" and out["chains"] == 3
    assert out["status"] == "ok" and 130 <= out["estimate"] <= 145
    assert out["ci"][0] <= out["estimate"] <= out["ci"][1]


def test_the_seed_fixes_the_result():
    args = (str(DATA / "Korea.csv"), "--method", "latent-class", *QUICK, "--json")
    first = json.loads(run(*args, "--seed", "7"))
    again = json.loads(run(*args, "--seed", "7"))
    assert first["estimate"] == again["estimate"] and first["ci"] == again["ci"]
    assert first["settings"]["seed"] == 7


def test_refusal_is_dutch_text_with_the_diagnostics():
    text = run(str(DATA / "UKdat_5.csv"), "--method", "latent-class", *QUICK)
    assert "Geen schatting" in text and "R-hat" in text
    assert "Geschat totaal: geen schatting mogelijk" in text


@pytest.mark.parametrize("flag,value,words", [
    ("--chains", "1", "ketens"), ("--thin", "0", "verdunning"), ("--classes", "0", "klassen"),
])
def test_bad_settings_are_a_dutch_command_error(flag, value, words):
    with pytest.raises(CommandError, match=words):
        run(str(DATA / "Korea.csv"), "--method", "latent-class", flag, value)
