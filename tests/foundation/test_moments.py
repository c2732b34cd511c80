"""Times are shown in Dutch time with the zone, on pages and in the CLI."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from zicht.audit.moments import dutch_iso, dutch_time
from zicht.intake.services import submit_bytes

WINTER = dt.datetime(2026, 12, 5, 2, 12, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)


def test_dutch_time_names_the_zone():
    assert dutch_time(WINTER) == "05-12-2026 03:12 CET"
    assert dutch_time(SUMMER) == "01-07-2026 12:00 CEST"
    assert dutch_time(None) == "-"
    assert dutch_iso(WINTER) == "2026-12-05T03:12:00+01:00"


@pytest.mark.django_db
def test_submissions_command_prints_dutch_time_with_zone(capsys):
    from zicht.catalog.services import load_catalog

    load_catalog()
    submit_bytes(b"indicator,gender,value\nessm_care.clients,,143\n", "z.csv", "essm_care", 2022)
    call_command("submissions", partner="essm_care")
    text = capsys.readouterr().out
    assert " CET " in text or " CEST " in text
    call_command("submissions", partner="essm_care", json=True)
    row = json.loads(capsys.readouterr().out)[0]
    assert row["submitted_at"].endswith(("+01:00", "+02:00"))
