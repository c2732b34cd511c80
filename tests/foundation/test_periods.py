"""The reporting year's life: open, closed for deliveries (and reopened with a reason), published."""

import json

import pytest
from django.core.management import CommandError, call_command

from zicht.audit.models import AuditEvent
from zicht.catalog.models import Period
from zicht.catalog.periods import (
    PeriodError,
    close_period,
    mark_published,
    period_status,
    reopen_period,
)
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, submit_bytes
from zicht.records.models import EncodedDelivery
from zicht.records.services import EncodedDeliveryRefused, submit_encoded

pytestmark = pytest.mark.django_db

CARE = (
    b"indicator,gender,value\n"
    b"essm_care.clients,,143\n"
    b"essm_care.clients_by_gender,,143\n"
    b"essm_care.clients_by_gender,female,115\n"
    b"essm_care.clients_by_gender,male,12\n"
    b"essm_care.clients_by_gender,other_unknown,16\n"
)


def test_a_year_nobody_touched_is_open():
    assert period_status(2022) == Period.Status.OPEN
    assert submit_bytes(CARE, "care.csv", "essm_care", 2022).created


def test_closed_year_refuses_deliveries_with_a_clear_message_and_stores_nothing():
    close_period(2022, reason="deadline 1 maart")
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(CARE, "care.csv", "essm_care", 2022)
    [problem] = refused.value.result.errors
    assert problem.code == "period-closed"
    assert "Verslagjaar 2022 is gesloten voor leveringen" in problem.message
    assert "heropenen" in problem.message
    assert Submission.objects.count() == 0 and Observation.objects.count() == 0
    assert AuditEvent.objects.filter(action="submission.rejected").count() == 1
    # Another year stays open.
    assert submit_bytes(CARE, "care.csv", "essm_care", 2023).created


def test_closed_year_refuses_encoded_case_records_too():
    close_period(2022)
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(b"record_id\nA1\n", "politie.csv", "police_tmm", 2022)
    assert refused.value.result.errors[0].code == "period-closed"
    assert EncodedDelivery.objects.count() == 0


def test_reopening_needs_a_reason_and_is_audited():
    close_period(2022)
    with pytest.raises(PeriodError, match="reden"):
        reopen_period(2022, reason="  ")
    assert period_status(2022) == Period.Status.CLOSED
    reopen_period(2022, reason="politie levert gecorrigeerde cijfers")
    assert period_status(2022) == Period.Status.OPEN
    assert submit_bytes(CARE, "care.csv", "essm_care", 2022).created
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[:2] == ["period.closed", "period.reopened"]
    reopened = AuditEvent.objects.get(action="period.reopened")
    assert reopened.details["reason"] == "politie levert gecorrigeerde cijfers"


def test_published_year_is_closed_and_reopens_only_for_a_correction():
    from zicht.publish.models import Publication

    mark_published(2022)
    close_period(2022)  # already closed: nothing changes
    assert period_status(2022) == Period.Status.PUBLISHED
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(CARE, "care.csv", "essm_care", 2022)
    message = refused.value.result.errors[0].message
    assert "gepubliceerd" in message and "heropent" in message
    assert Submission.objects.count() == 0
    reopen_period(2022, reason="politie corrigeert 2022 voor de monitor 2023")
    assert submit_bytes(CARE, "care.csv", "essm_care", 2022).created
    event = AuditEvent.objects.get(action="period.reopened")
    assert event.details["after_publication"] is True and "na publicatie" in event.message
    assert not Publication.objects.exists()  # the period's status never touches a publication


def test_period_command_shows_who_delivered_and_closes_and_reopens(capsys):
    submit_bytes(CARE, "care.csv", "essm_care", 2022)
    call_command("period", "--year", "2022")
    out = capsys.readouterr().out
    assert "Verslagjaar 2022: open voor leveringen." in out
    assert "essm_care" in out and "cijfers v1 (care.csv" in out
    assert "nog niets geleverd" in out  # the other partners

    call_command("period", "--year", "2022", "--close", "--reason", "deadline")
    assert "gesloten voor leveringen" in capsys.readouterr().out
    with pytest.raises(CommandError, match="reden"):
        call_command("period", "--year", "2022", "--reopen")
    call_command("period", "--year", "2022", "--reopen", "--reason", "late levering NLA", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "open"
    care = next(row for row in data["partners"] if row["partner"] == "essm_care")
    assert care["figures"]["version"] == 1 and care["case_records"] is None


def test_submit_command_shows_the_refusal_for_a_closed_year(tmp_path, capsys):
    close_period(2022)
    path = tmp_path / "care.csv"
    path.write_bytes(CARE)
    with pytest.raises((CommandError, SystemExit)):
        call_command("submit", str(path), "--partner", "essm_care", "--year", "2022")
    captured = capsys.readouterr()
    assert "gesloten voor leveringen" in captured.out + captured.err
