"""Storing deliveries: whole or nothing, idempotent, versioned, audited."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from zicht.audit.models import AppendOnlyError, AuditEvent
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, submit_bytes

pytestmark = pytest.mark.django_db

CARE = (
    b"indicator,gender,value\n"
    b"essm_care.clients,,143\n"
    b"essm_care.clients_by_gender,,143\n"
    b"essm_care.clients_by_gender,female,115\n"
    b"essm_care.clients_by_gender,male,12\n"
    b"essm_care.clients_by_gender,other_unknown,16\n"
)


def _store_state():
    return Submission.objects.count(), Observation.objects.count()


def test_valid_delivery_is_stored_with_all_cells_and_audited():
    outcome = submit_bytes(CARE, "care.csv", "essm_care", 2022)
    assert outcome.created and outcome.submission.version == 1
    assert Observation.objects.filter(submission=outcome.submission).count() == 5
    assert AuditEvent.objects.filter(action="submission.accepted").count() == 1
    assert bytes(outcome.submission.content) == CARE


def test_same_file_twice_is_idempotent():
    first = submit_bytes(CARE, "care.csv", "essm_care", 2022)
    state = _store_state()
    again = submit_bytes(CARE, "care-copy.csv", "essm_care", 2022)
    assert not again.created and again.submission.pk == first.submission.pk
    assert _store_state() == state


def test_correction_supersedes_and_old_version_stays_readable():
    first = submit_bytes(CARE, "care.csv", "essm_care", 2022).submission
    corrected = CARE.replace(b"143", b"144").replace(b",16\n", b",17\n")
    second = submit_bytes(corrected, "care-v2.csv", "essm_care", 2022).submission
    assert second.version == 2 and second.supersedes_id == first.pk
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert Observation.objects.filter(submission=first, dims_key="", indicator__code="essm_care.clients").get().value == 143
    with pytest.raises(RuntimeError):
        first.save()


def test_parts_that_do_not_add_up_are_refused_and_nothing_is_stored():
    bad = CARE.replace(b",115\n", b",114\n")
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(bad, "care.csv", "essm_care", 2022)
    assert _store_state() == (0, 0)
    messages = " ".join(p.message for p in refused.value.result.errors)
    assert "143" in messages


HOSTILE = {
    "empty": b"",
    "not a spreadsheet": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
    "encrypted workbook": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048,
    "formula": b"indicator,value\nessm_care.clients,=SUM(1;2)\n",
}


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    return buf.getvalue()


def _macro_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/vbaProject.bin", b"\x00" * 100)
    return buf.getvalue()


@pytest.mark.parametrize("name", [*HOSTILE, "zip bomb", "macros"])
def test_hostile_files_change_nothing_and_say_why(name):
    content = {"zip bomb": _zip_bomb, "macros": _macro_workbook}.get(name, lambda: HOSTILE[name])()
    submit_bytes(CARE, "care.csv", "essm_care", 2022)
    before = _store_state()
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(content, "upload.xlsx", "essm_care", 2022)
    assert _store_state() == before
    errors = refused.value.result.errors
    assert errors and all(p.message for p in errors)


def test_oversized_file_is_refused(settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(CARE * 20, "care.csv", "essm_care", 2022)
    assert _store_state() == (0, 0)
    assert any("groot" in p.message for p in refused.value.result.errors)


def test_audit_log_is_append_only():
    submit_bytes(CARE, "care.csv", "essm_care", 2022)
    event = AuditEvent.objects.first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_cli_validate_json_and_exit_codes(tmp_path, capsys):
    good = tmp_path / "care.csv"
    good.write_bytes(CARE)
    call_command("validate", str(good), "--partner", "essm_care", "--year", "2022", "--json")
    assert json.loads(capsys.readouterr().out) == []
    bad = tmp_path / "bad.csv"
    bad.write_bytes(CARE.replace(b"female", b"vrouwen"))
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate", str(bad), "--partner", "essm_care", "--year", "2022", "--json")
    assert exit_info.value.code == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems and set(problems[0]) == {"sheet", "row", "column", "value", "code", "message", "severity"}
    assert any(p["value"] == "vrouwen" for p in problems)
    assert _store_state() == (0, 0)


def test_cli_submit_and_history(tmp_path, capsys):
    path = tmp_path / "care.csv"
    path.write_bytes(CARE)
    call_command("submit", str(path), "--partner", "essm_care", "--year", "2022")
    path.write_bytes(CARE.replace(b"143", b"144").replace(b",16\n", b",17\n"))
    call_command("submit", str(path), "--partner", "essm_care", "--year", "2022")
    capsys.readouterr()
    call_command("submissions", "--partner", "essm_care", "--year", "2022", "--json")
    history = json.loads(capsys.readouterr().out)
    assert [h["version"] for h in history] == [1, 2]
    assert [h["current"] for h in history] == [False, True]
    assert history[1]["supersedes"] == 1


def test_cli_refuses_a_200_mb_file_before_reading_it(tmp_path, capsys):
    big = tmp_path / "huge.csv"
    with open(big, "wb") as fh:  # sparse: 200 MB on paper, nothing allocated
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(SystemExit) as exit_info:
        call_command("submit", str(big), "--partner", "essm_care", "--year", "2022", "--json")
    assert exit_info.value.code == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems[0]["code"] == "file-too-large" and "te groot" in problems[0]["message"]
    assert _store_state() == (0, 0)
