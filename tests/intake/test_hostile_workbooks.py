"""Workbooks are judged by content: macros, ActiveX, external links, embedded objects and DDE are refused
whatever their member names, and formula text in a string cell is refused as in a CSV file.

Every hostile workbook of the corpus (``workbooks.CORPUS``) goes through the real intake three ways:
``validate_bytes`` (the message), ``submit_bytes`` (refused, audited, nothing stored) and the API
(``POST /api/v1/leveringen/`` answers 422, nothing stored). Legitimate templates still pass."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from zicht.accounts.models import Profile
from zicht.accounts.tokens import issue_token
from zicht.audit.models import AuditEvent
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, submit_bytes
from zicht.intake.templates import build_template
from zicht.intake.validation import validate_bytes

from .workbooks import (
    CORPUS,
    PARTNER,
    YEAR,
    Hostile,
    fill,
    filled_workbook,
    hostile,
    legitimate,
    members,
    pack,
    with_text_cell,
)

WHAT_TO_DO = ("Excel-werkmap (.xlsx)",)


def _validate(content: bytes, name: str = "politie-2022.xlsx"):
    return validate_bytes(content, name, PARTNER, YEAR)


def _stored() -> tuple[int, int]:
    return Submission.objects.count(), Observation.objects.count()


def test_the_base_of_the_corpus_is_a_valid_delivery():
    result = _validate(legitimate())
    assert result.valid, result.as_list()
    assert [(c.indicator, c.value) for c in result.cells] == [("police.comensha_notifications", 20)]


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e.name)
def test_hostile_workbook_is_refused_with_what_was_found_and_what_to_do(entry: Hostile):
    result = _validate(hostile(entry))
    assert not result.valid and result.cells == []
    assert entry.code in [p.code for p in result.errors], result.as_list()
    problem = next(p for p in result.errors if p.code == entry.code)
    assert entry.found in problem.message, problem.message
    assert all(hint in problem.message for hint in WHAT_TO_DO), problem.message


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e.name)
def test_hostile_workbook_is_not_stored_and_the_refusal_is_audited(entry: Hostile):
    with pytest.raises(SubmissionRefused) as refused:
        submit_bytes(hostile(entry), "politie-2022.xlsx", PARTNER, YEAR)
    assert entry.code in [p.code for p in refused.value.result.errors]
    assert _stored() == (0, 0)
    event = AuditEvent.objects.get(action="submission.rejected")
    assert event.details["partner"] == PARTNER and event.details["errors"] >= 1


@pytest.fixture
def police_client() -> APIClient:
    load_catalog()
    user = User.objects.create_user("politie-systeem", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code=PARTNER))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user.username, 'export').clear}")
    return client


def _post(client: APIClient, content: bytes):
    return client.post("/api/v1/leveringen/",
                       {"file": SimpleUploadedFile("politie-2022.xlsx", content), "partner": PARTNER, "year": YEAR},
                       format="multipart")


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e.name)
def test_hostile_workbook_through_the_api_is_422_and_nothing_is_stored(police_client, entry: Hostile):
    response = _post(police_client, hostile(entry))
    assert response.status_code == 422, response.content
    body = response.json()
    assert "Niets opgeslagen" in body["detail"]
    problem = next(p for p in body["errors"] if p["code"] == entry.code)
    assert entry.found in problem["message"]
    assert _stored() == (0, 0)
    assert AuditEvent.objects.filter(action="submission.rejected", actor__username="politie-systeem").count() == 1


@pytest.mark.django_db
def test_the_legitimate_template_through_the_api_is_stored(police_client):
    response = _post(police_client, legitimate())
    assert response.status_code == 201, response.content
    assert _stored() == (1, 1)


# -- formula text in string cells ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '=HYPERLINK("file:///\\\\fileserver\\x","klik")',
    "+cmd|' /c calc'!A0",
    "@SUM(1+1)*cmd|' /c calc'!A0",
    "-2+3+cmd|' /c calc'!A0",
    "  =1+1",
    "\t=1+1",
])
def test_formula_text_in_a_string_cell_refuses_the_workbook(text):
    content, (sheet, row, column) = with_text_cell(text, field="source")
    result = _validate(content)
    assert result.cells == []
    (problem,) = result.problems
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("formula", sheet, row, column)
    assert "formule" in problem.message and "waarden" in problem.message


@pytest.mark.django_db
def test_formula_text_in_a_string_cell_is_not_stored_as_a_source_text():
    content, _ = with_text_cell('=HYPERLINK("http://x","klik")', field="source")
    with pytest.raises(SubmissionRefused):
        submit_bytes(content, "politie-2022.xlsx", PARTNER, YEAR)
    assert _stored() == (0, 0)
    assert not Observation.objects.filter(source__startswith="=").exists()
    assert AuditEvent.objects.filter(action="submission.rejected").count() == 1


def test_formula_text_anywhere_in_a_long_format_sheet_is_refused():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator", "value", "source"])
    ws.append(["police.comensha_notifications", 20, "Politie"])
    ws.cell(row=2, column=3).value = "@SUM(A1)"
    ws.cell(row=2, column=3).data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    result = _validate(buffer.getvalue())
    assert [(p.code, p.row, p.column) for p in result.problems] == [("formula", 2, "C")]


@pytest.mark.parametrize("text", ["-20", "-20,0", " -20 "])
def test_a_negative_number_written_as_text_is_a_value_problem_not_a_formula(text):
    content, (sheet, row, column) = with_text_cell(text, field="value")
    result = _validate(content)
    assert [(p.code, p.sheet, p.row, p.column) for p in result.errors] == [("not-a-whole-number", sheet, row, column)]


@pytest.mark.parametrize("text", ["-", "Politie, jaarverslag 2022 - tabel 3", "e-mail van 3-2-2023",
                                  "zie <oleObject> en <ddeLink> in de handleiding"])
def test_ordinary_source_texts_are_not_formulas(text):
    content, _ = with_text_cell(text, field="source")
    result = _validate(content)
    assert result.valid, result.as_list()
    assert result.cells[0].source == text.strip()


# -- legitimate workbooks still pass ----------------------------------------------------------------

@pytest.mark.parametrize("partner", sorted(get_catalog().partners))
def test_every_partners_template_is_not_judged_hostile(partner):
    result = validate_bytes(build_template(partner, YEAR), f"{partner}.xlsx", partner, YEAR)
    hostile_codes = {"macros", "activex", "external-links", "embedded-objects", "dde", "formula"}
    assert not hostile_codes & {p.code for p in result.problems}, result.as_list()


def test_a_template_from_zicht_template_filled_with_openpyxl_is_stored(tmp_path):
    out = tmp_path / "politie-2022.xlsx"
    call_command("template", PARTNER, "--year", str(YEAR), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    fill(wb, "police.comensha_notifications", 20)
    wb.save(out)
    result = _validate(out.read_bytes(), out.name)
    assert result.valid, result.as_list()
    assert [(c.indicator, c.value) for c in result.cells] == [("police.comensha_notifications", 20)]


def test_web_and_mail_hyperlinks_in_the_instruction_sheet_are_not_refused():
    wb = filled_workbook()
    instruction = wb.worksheets[0]
    instruction["A30"] = "Handleiding"
    instruction["A30"].hyperlink = "https://zicht.example.nl/docs/partners/delivery-spec.html"
    instruction["A31"] = "Vragen"
    instruction["A31"].hyperlink = "mailto:monitor@example.nl"
    instruction["A32"] = "Naar het blad"
    instruction["A32"].hyperlink = f"#'{wb.worksheets[1].title}'!A1"
    buffer = io.BytesIO()
    wb.save(buffer)
    result = _validate(buffer.getvalue())
    assert result.valid, result.as_list()


def test_a_template_saved_with_a_comment_and_an_image_free_drawing_passes():
    wb = filled_workbook()
    ws = wb.worksheets[1]
    ws["B2"].comment = openpyxl.comments.Comment("Cijfer gecontroleerd door de teamleider.", "Politie")
    buffer = io.BytesIO()
    wb.save(buffer)
    result = _validate(buffer.getvalue())
    assert result.valid, result.as_list()


def test_the_binary_parts_excel_itself_adds_pass():
    """Excel adds printer settings (a DEVMODE record) and a thumbnail: binary, but not OLE2 and not active."""
    parts = members(legitimate())
    parts["xl/printerSettings/printerSettings1.bin"] = "HP LaserJet 400".encode("utf-16-le") + bytes(200)
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xe0" + bytes(300)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        b'printerSettings"/><Default Extension="jpeg" ContentType="image/jpeg"/></Types>'))
    result = _validate(pack(parts))
    assert result.valid, result.as_list()


def test_a_dtd_in_xml_under_another_name_is_refused():
    parts = members(legitimate())
    parts["docProps/custom.dat"] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    (problem,) = _validate(pack(parts)).problems
    assert problem.code == "unsafe-xml"


def test_a_relationships_part_that_is_not_xml_is_refused():
    parts = members(legitimate())
    parts["xl/_rels/workbook.xml.rels"] = b"<Relationships><Relationship Type="
    (problem,) = _validate(pack(parts)).problems
    assert problem.code == "corrupt-archive" and "workbook.xml.rels" in problem.message


def test_every_finding_of_one_workbook_is_reported_once():
    by_name = {e.name: e for e in CORPUS}
    content = legitimate()
    for name in ("ole-magic-under-another-name", "external-link-to-file-share", "dde-link-hidden"):
        content = hostile(by_name[name], content)
    codes = [p.code for p in _validate(content).errors]
    assert sorted(codes) == ["dde", "external-links", "macros"]
