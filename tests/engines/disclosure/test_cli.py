"""`zicht protect`: the analyst command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CSV = "a,b,count\nx,p,2\nx,q,7\ny,p,9\ny,q,6\nz,p,8\nz,q,11\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "counts.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output_lists_every_cell(tmp_path, capsys):
    call_command("protect", str(_write(tmp_path, CSV)), "--publish", "a,b", "--json")
    (table,) = json.loads(capsys.readouterr().out)
    assert table["dimensions"] == ["a", "b"]
    assert len(table["cells"]) == 12
    small = next(c for c in table["cells"] if c["key"] == {"a": "x", "b": "p"})
    assert small == {"key": {"a": "x", "b": "p"}, "value": None, "suppressed": True, "primary": True}
    assert next(c for c in table["cells"] if c["key"] == {})["value"] == 43


def test_human_output_shows_the_mark_and_footnote(tmp_path, capsys):
    call_command("protect", str(_write(tmp_path, CSV)), "--publish", "a,b", "--publish", "a")
    out = capsys.readouterr().out
    assert "Tabel 1: a × b" in out and "Tabel 2: a" in out
    assert "•" in out and "niet gepubliceerd" in out and "<5" not in out


def test_threshold_option(tmp_path, capsys):
    call_command("protect", str(_write(tmp_path, CSV)), "--publish", "a,b", "--threshold", "2",
                 "--json")
    (table,) = json.loads(capsys.readouterr().out)
    assert not any(c["suppressed"] for c in table["cells"])


@pytest.mark.parametrize(
    ("text", "publish", "message"),
    [
        ("a,b,count\nx,p,-3\n", "a,b", "negatief"),
        ("a,b,count\nx,p,2.5\n", "a,b", "geen geheel getal"),
        ("a,b,aantal\nx,p,3\n", "a,b", "'count' ontbreekt"),
        ("a,b,count\nx,p,3\n", "a,c", "niet in de invoer"),
    ],
)
def test_malformed_input_is_a_clear_dutch_error(tmp_path, text, publish, message):
    with pytest.raises(CommandError, match=message):
        call_command("protect", str(_write(tmp_path, text)), "--publish", publish)


def test_exit_code_is_1_on_bad_input(tmp_path):
    zicht = Path(sys.executable).parent / "zicht"
    path = _write(tmp_path, "a,b,count\nx,p,-3\n")
    done = subprocess.run([str(zicht), "protect", str(path), "--publish", "a,b"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "negatief" in done.stderr


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("protect", str(tmp_path / "nope.csv"), "--publish", "a")
