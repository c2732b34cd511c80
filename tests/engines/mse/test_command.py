"""`zicht estimate`: a thin CLI; input errors exit 1, an honest 'no estimate' exits 0."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA_DIR = Path(__file__).parent / "data"


def run(*args):
    out = StringIO()
    call_command("estimate", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_the_issue_keys_and_reference_values():
    out = json.loads(run(str(DATA_DIR / "UKdat_4.csv"), "--bootstrap", "0", "--json"))
    assert set(out) >= {"observed", "estimate", "ci", "ci_method", "model", "minus_infinity",
                        "warnings"}
    assert out["observed"] == 2428
    assert out["estimate"] == pytest.approx(11015.244, rel=0.005)
    assert out["model"] == ["LA:NG", "LA:PFNCA", "NG:GO"]
    assert out["ci_method"] == "model_conditional"


def test_bootstrap_interval_is_the_default_interval():
    out = json.loads(run(str(DATA_DIR / "Korea.csv"), "--bootstrap", "200", "--seed", "3",
                         "--json"))
    assert out["ci_method"] == "bca_bootstrap"
    assert out["bootstrap"]["resamples"] == 200 and out["bootstrap"]["seed"] == 3


def test_human_output_is_dutch_with_dutch_numbers():
    text = run(str(DATA_DIR / "UKdat_4.csv"), "--bootstrap", "0", "--method", "main")
    assert "Verschillende personen op de lijsten: 2.428" in text
    assert "Geschat totaal: ongeveer 10.700" in text
    assert "hoofdeffectenmodel" in text


def test_malformed_input_raises_a_dutch_command_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C,count\n1,0,0,-3\n")
    with pytest.raises(CommandError, match="regel 2.*negatief"):
        run(str(bad))


def test_exit_codes_through_the_console_script(tmp_path):
    zicht = Path(sys.executable).parent / "zicht"
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C,count\n1,0,0,3\n0,0,0,2\n")
    two = tmp_path / "two.csv"
    two.write_text("A,B,count\n1,0,3\n0,1,2\n1,1,1\n")
    failed = subprocess.run([zicht, "estimate", str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "alle lijsten zijn 0" in failed.stderr
    honest = subprocess.run([zicht, "estimate", str(two), "--json"], capture_output=True,
                            text=True)
    assert honest.returncode == 0
    payload = json.loads(honest.stdout)
    assert payload["estimate"] is None and payload["warnings"]


def test_bic_defaults_to_no_bootstrap_and_warns_about_near_ties():
    out = json.loads(run(str(DATA_DIR / "UKdat_5.csv"), "--method", "bic", "--json"))
    assert out["ci_method"] == "model_conditional"
    assert any("bijna even goed" in w for w in out["warnings"])


def test_sensitivity_table_in_both_outputs():
    text = run(str(DATA_DIR / "UKdat_5.csv"), "--bootstrap", "0", "--sensitivity")
    assert "Zonder lijst GP: 2.428 geregistreerd, 11.000" in text
    out = json.loads(run(str(DATA_DIR / "UKdat_5.csv"), "--bootstrap", "0", "--sensitivity",
                         "--json"))
    assert [r["kind"] for r in out["sensitivity"]][:2] == ["all", "merge"]


def test_the_analyst_guide_documents_every_option():
    guide = (Path(__file__).parents[3] / "docs" / "analyst" / "estimation.md").read_text()
    from zicht.figures.management.commands.estimate import Command

    parser = Command().create_parser("zicht", "estimate")
    options = [a.option_strings[0] for a in parser._actions
               if a.option_strings and a.dest in {"method", "bootstrap", "seed", "alpha",
                                                   "json", "sensitivity"}]
    assert len(options) == 6
    for option in options:
        assert option in guide, option
