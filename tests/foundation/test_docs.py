"""Documentation promises checked against the code (settings and commands)."""

from pathlib import Path

import zicht.conf.settings  # noqa: F401  (registers every environment setting)
from zicht.conf.env import REGISTRY

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_setting_is_documented():
    text = (ROOT / "docs" / "operator.md").read_text(encoding="utf-8")
    missing = [name for name in REGISTRY if f"`{name}`" not in text]
    assert not missing, f"undocumented settings: {missing}"


def test_readme_commands_exist():
    from django.core.management import get_commands

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = get_commands()
    for name in ("partners", "template", "validate", "submit", "submissions", "period", "report", "publish", "demo",
                 "protect", "estimate", "keygen", "encode", "link", "records_submit", "records_link", "meldroutes",
                 "api_token"):
        assert f"zicht {name}" in readme
        assert name in commands


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "\nmake test\n" in ci
