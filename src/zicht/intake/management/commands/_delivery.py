"""Shared arguments and output of `zicht validate` and `zicht submit`."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from zicht.intake.cells import ValidationResult


def add_delivery_arguments(parser) -> None:
    parser.add_argument("file", help="Het bestand (XLSX-sjabloon of CSV in lang formaat).")
    parser.add_argument("--partner", required=True, help="Code van de partner (zie `zicht partners`).")
    parser.add_argument("--year", required=True, type=int, help="Verslagjaar.")
    parser.add_argument("--json", action="store_true", help="Problemen als JSON-lijst.")


def read_file(path: str) -> bytes | ValidationResult:
    """The file's bytes, or a refusal when it is over the size limit (checked before reading)."""
    from zicht.intake.services import oversized

    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Bestand niet gevonden: {path}")
    return oversized(file.stat().st_size) or file.read_bytes()


def print_result(command, result: ValidationResult, as_json: bool) -> None:
    if as_json:
        command.stdout.write(json.dumps(result.as_list(), ensure_ascii=False, indent=2))
        return
    for p in result.problems:
        label = "FOUT" if p.severity == "error" else "WAARSCHUWING"
        value = f" (gevonden: {p.value!r})" if p.value not in (None, "") else ""
        command.stdout.write(f"{label} {p.location_nl()}{value}: {p.message}")
    errors, warnings = len(result.errors), len(result.warnings)
    verdict = "geldig" if result.valid else "ongeldig"
    command.stderr.write(
        f"Bestand {verdict}: {errors} fout(en), {warnings} waarschuwing(en), {len(result.cells)} cijfers gelezen."
    )
