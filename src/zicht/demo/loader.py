"""Load the demo deliveries (the figures of the 2022 monitor) through the ordinary intake."""

from __future__ import annotations

from pathlib import Path

from zicht.intake.services import SubmitOutcome, submit_bytes

DELIVERIES_DIR = Path(__file__).resolve().parent / "deliveries"
NARRATIVE_DIR = Path(__file__).resolve().parent / "narrative"


def demo_delivery_files() -> list[tuple[int, str, Path]]:
    """(year, partner code, path) of every kept delivery, oldest year first."""
    files = []
    for year_dir in sorted(p for p in DELIVERIES_DIR.iterdir() if p.is_dir()):
        for path in sorted(year_dir.glob("*.*")):
            partner = path.stem.split("__")[0]
            files.append((int(year_dir.name), partner, path))
    return files


def load_demo_deliveries(user=None) -> list[SubmitOutcome]:
    return [
        submit_bytes(path.read_bytes(), path.name, partner, year, user=user, by_label="demo-lader",
                     provenance=f"Mensenhandelmonitor 2022 (VAR), demo-levering {year}/{path.name}")
        for year, partner, path in demo_delivery_files()
    ]
