"""One place that reads the environment, each setting with its help text (shown in docs/operator.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvSetting:
    name: str
    default: str | None
    help: str


REGISTRY: dict[str, EnvSetting] = {}


def _register(name: str, default: str | None, help: str) -> EnvSetting:
    setting = EnvSetting(name, default, help)
    REGISTRY[name] = setting
    return setting


def config(name: str, default: str | None = None, *, help: str) -> str | None:
    """Read ``name`` from the environment, falling back to ``default``; registers the help text."""
    _register(name, default, help)
    return os.environ.get(name, default)


def config_bool(name: str, default: bool, *, help: str) -> bool:
    raw = config(name, "1" if default else "0", help=help)
    return str(raw).strip().lower() in {"1", "true", "yes", "on"}


def config_int(name: str, default: int, *, help: str) -> int:
    raw = config(name, str(default), help=help)
    try:
        return int(str(raw))
    except ValueError as exc:
        raise ValueError(f"Environment variable {name} must be a whole number, got {raw!r}") from exc
