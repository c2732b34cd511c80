"""Malformed and ambiguous files through every channel (issue 9): the upload page, the CLI and the API
give a per-cell Dutch message (HTTP 422 with the problems as JSON on the API), record an audit event
for the refusal and store nothing; never a 500 or a traceback. Runs on SQLite and PostgreSQL (where an
out-of-range integer used to blow up at INSERT)."""

import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from zicht.accounts.models import Profile
from zicht.accounts.tokens import issue_token
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.intake.templates import build_template

pytestmark = pytest.mark.django_db

HEADER = "indicator,gender,value,source\n"
GOOD = HEADER + "essm_care.clients,,143,bron\n"
URL = "/api/v1/leveringen/"


def _template_for(year: int) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(build_template("essm_care", year)))
    ws = next(ws for ws in wb.worksheets if ws["A1"].value == "essm_care.clients")
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "R")
    value_col = next(c.column_letter for c in ws[7] if c.value == "value")
    ws[f"{value_col}{row}"] = 143
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# (file name, content, expected problem code, row, column)
CASES = {
    "thousands": ("zorg.csv", (HEADER + 'essm_care.clients,,"1.000",bron\n').encode(), "thousands-separator", 2, "value"),
    "thousands-semicolon": ("zorg.csv", b"indicator;value\nessm_care.clients;1,000\n", "thousands-separator", 2, "value"),
    "bare-cr": ("zorg.csv", (HEADER + "essm_care.clients,,143,bron\rmet cr\n").encode(), "carriage-return", 2, "source"),
    "quoted-cr": ("zorg.csv", (HEADER + 'essm_care.clients,,143,"bron\rmet cr"\n').encode(), "carriage-return", 2, "source"),
    "too-large": ("zorg.csv", (HEADER + "essm_care.clients,,99999999999999999999,bron\n").encode(), "number-too-large", 2, "value"),
    "int32": ("zorg.csv", (HEADER + "essm_care.clients,,2147483648,bron\n").encode(), "number-too-large", 2, "value"),
    "nul": ("zorg.csv", (HEADER + "essm_care.clients,,143,br\x00on\n").encode(), "control-character", 2, "source"),
    "other-year": ("zorg.xlsx", None, "template-other-delivery", 3, "A"),
}


FRAGMENTS = {"thousands": "zonder scheidingsteken voor duizendtallen", "bare-cr": "regeleinde",
             "too-large": "te groot", "nul": "stuurteken", "other-year": "gemaakt voor"}


def _case(name):
    filename, content, code, row, column = CASES[name]
    return filename, content if content is not None else _template_for(2021), code, row, column


@pytest.fixture
def catalog():
    load_catalog()


def _stored():
    return Submission.objects.count(), Observation.objects.count()


def _rejections():
    return AuditEvent.objects.filter(action="submission.rejected").count()


@pytest.mark.parametrize("name", list(CASES))
def test_api_answers_422_with_the_problem_per_cell(catalog, name):
    user = User.objects.create_user("zorg-systeem", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user.username, 'export').clear}")
    filename, content, code, row, column = _case(name)
    response = client.post(URL, {"file": SimpleUploadedFile(filename, content), "partner": "essm_care", "year": 2022},
                           format="multipart")
    assert response.status_code == 422, response.content[:2000]
    body = response.json()
    assert "Niets opgeslagen" in body["detail"]
    problem = next(p for p in body["errors"] if p["code"] == code)
    assert (problem["row"], problem["column"]) == (row, column) and problem["message"]
    assert _stored() == (0, 0)
    assert _rejections() == 1


def test_api_stores_the_same_delivery_once_it_is_written_plainly(catalog):
    user = User.objects.create_user("zorg-systeem", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user.username, 'export').clear}")
    plain = (HEADER + "essm_care.clients,,1000,bron\n").encode()
    response = client.post(URL, {"file": SimpleUploadedFile("zorg.csv", plain), "partner": "essm_care", "year": 2022},
                           format="multipart")
    assert response.status_code == 201, response.content
    assert Observation.objects.get().value == 1000


@pytest.mark.parametrize("name", ["thousands", "bare-cr", "too-large", "nul", "other-year"])
def test_upload_page_shows_the_problem_per_cell_and_stores_nothing(catalog, two_factor_login, name):
    user = User.objects.create_user("essm", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    client = Client()
    two_factor_login(client, user)
    filename, content, code, row, column = _case(name)
    page = client.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "store": "on",
                                               "file": SimpleUploadedFile(filename, content)})
    assert page.status_code == 200
    html = page.content.decode()
    assert "niet opgeslagen" in html and FRAGMENTS[name] in html
    assert f"<td>{row}</td><td>{column}</td>" in html
    assert _stored() == (0, 0)
    assert _rejections() == 1


def test_upload_page_names_both_years_for_another_years_template(catalog, two_factor_login):
    user = User.objects.create_user("essm", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    client = Client()
    two_factor_login(client, user)
    page = client.post("/beheer/aanleveren/", {"partner": "essm_care", "year": 2022, "store": "on",
                                               "file": SimpleUploadedFile("zorg.xlsx", _template_for(2021))})
    html = page.content.decode()
    assert "gemaakt voor" in html and "2021" in html and "u levert aan voor" in html


@pytest.mark.parametrize("name", ["thousands", "bare-cr", "too-large", "other-year"])
def test_cli_validate_and_submit_report_the_cell_and_store_nothing(catalog, tmp_path, capsys, name):
    filename, content, code, row, column = _case(name)
    path = tmp_path / filename
    path.write_bytes(content)
    for command in ("validate", "submit"):
        with pytest.raises(SystemExit) as exit_info:
            call_command(command, str(path), "--partner", "essm_care", "--year", "2022", "--json")
        assert exit_info.value.code == 1
        problems = json.loads(capsys.readouterr().out)
        problem = next(p for p in problems if p["code"] == code)
        assert (problem["row"], problem["column"]) == (row, column)
    with pytest.raises(SystemExit):
        call_command("submit", str(path), "--partner", "essm_care", "--year", "2022")
    out = capsys.readouterr()
    assert f"rij {row}" in out.out and "FOUT" in out.out and "Niets opgeslagen" in out.err
    assert "Traceback" not in out.out + out.err
    assert _stored() == (0, 0)
    assert _rejections() == 2


def test_plain_delivery_still_stores(catalog, tmp_path):
    path = tmp_path / "zorg.csv"
    path.write_text(GOOD)
    call_command("submit", str(path), "--partner", "essm_care", "--year", "2022")
    assert _stored() == (1, 1)


@pytest.mark.parametrize("year", ["99999999999", "-5", "40000"])
def test_cli_refuses_a_year_outside_the_range_without_a_traceback(catalog, tmp_path, capsys, year):
    path = tmp_path / "zorg.csv"
    path.write_text(GOOD)
    for command in ("validate", "submit"):
        with pytest.raises(SystemExit) as exit_info:
            call_command(command, str(path), "--partner", "essm_care", "--year", year, "--json")
        assert exit_info.value.code == 1
        (problem,) = json.loads(capsys.readouterr().out)
        assert problem["code"] == "invalid-year" and "2000" in problem["message"] and "2100" in problem["message"]
    assert _stored() == (0, 0)
    assert _rejections() == 1
