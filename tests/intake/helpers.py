"""Small builders for intake tests: a consistent police delivery in long CSV format."""

from __future__ import annotations

HEADER = "indicator;form;age_group;municipality;value;source"

POLICE_ROWS = [
    # complaints 2022: 22 sexual + 1 labour = 23 (the 2022 monitor); the age split is not delivered.
    "police.complaints;;;;23;Mensenhandelmonitor 2022",
    "police.complaints;sexual;;;22;",
    "police.complaints;labour;;;1;",
    "police.complaints;criminal;;;0;",
    "police.complaints;other;;;0;",
    "police.informative_interviews;;;;25;",
    "police.informative_interviews;sexual;;;24;",
    "police.informative_interviews;other;;;1;",
    "police.comensha_notifications;;;;20;",
]


def police_csv(rows: list[str] | None = None, sep: str = ";", header: str = HEADER) -> str:
    lines = [header, *(POLICE_ROWS if rows is None else rows)]
    return "\n".join(line.replace(";", sep) for line in lines) + "\n"
