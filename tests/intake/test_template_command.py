"""`zicht template` writes a readable template and refuses unknown partners in Dutch."""

import pytest
from django.core.management import CommandError, call_command

from zicht.intake.validation import validate_bytes


def test_template_command_writes_a_readable_workbook(tmp_path):
    out = tmp_path / "politie-2022.xlsx"
    call_command("template", "police_tmm", "--year", "2022", "-o", str(out))
    result = validate_bytes(out.read_bytes(), out.name, "police_tmm", 2022)
    assert [p.code for p in result.problems] == ["no-values"]


def test_template_command_unknown_partner(tmp_path):
    with pytest.raises(CommandError, match="Onbekende partner"):
        call_command("template", "nobody", "--year", "2022", "-o", str(tmp_path / "x.xlsx"))
