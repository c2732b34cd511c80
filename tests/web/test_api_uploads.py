"""Machine uploads through the API: token authentication, POST/GET /api/v1/leveringen/, audit, schema.

Real parts throughout: real files (the demo deliveries and the Excel template), real tokens issued by
``zicht.accounts.tokens``, the real intake (``submit_bytes``) and the real database."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from rest_framework.test import APIClient

from zicht.accounts.models import ApiToken, Profile
from zicht.accounts.tokens import digest_of, issue_token, revoke_token
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.figures.models import Observation
from zicht.intake.layout import FIELDS_MARKER, ROW_REGIONAL
from zicht.intake.models import Submission
from zicht.intake.templates import build_template

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "src" / "zicht" / "demo" / "deliveries" / "2022"
POLICE = (DEMO / "police_tmm.csv").read_bytes()
POLICE_CELLS = POLICE.decode("utf-8").strip().count("\n")  # one observation per data row
URL = "/api/v1/leveringen/"


def _account(username, role, partner=None):
    user = User.objects.create_user(username, password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    return user


def _client(token: str | None) -> APIClient:
    client = APIClient()
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def tokens():
    load_catalog()
    accounts = {
        "police": _account("politie-systeem", Profile.Role.PARTNER, "police_tmm"),
        "care": _account("zorg-systeem", Profile.Role.PARTNER, "essm_care"),
        "analyst": _account("analist-script", Profile.Role.ANALYST),
        "reader": _account("gemeente-script", Profile.Role.MUNICIPALITY),
    }
    return {key: issue_token(user.username, f"{key} export").clear for key, user in accounts.items()}


def _post(client, content: bytes, partner="police_tmm", year=2022, name="politie-2022.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), "partner": partner, "year": year},
                       format="multipart")


def _stored():
    return Submission.objects.count(), Observation.objects.count()


def test_valid_upload_is_stored_with_its_observations(tokens):
    response = _post(_client(tokens["police"]), POLICE)
    assert response.status_code == 201, response.content
    body = response.json()
    submission = Submission.objects.get(pk=body["id"])
    assert (body["partner"], body["year"], body["version"]) == ("police_tmm", 2022, 1)
    assert body["checksum"] == submission.checksum and len(body["checksum"]) == 64
    assert body["created"] and body["warnings"] == [] and body["message"] == "Opgeslagen als versie 1."
    assert response["Location"].endswith(f"{URL}{submission.pk}/")
    assert bytes(submission.content) == POLICE
    assert submission.submitted_by.username == "politie-systeem"
    assert Observation.objects.filter(submission=submission).count() == POLICE_CELLS
    total = Observation.objects.get(submission=submission, indicator__code="police.complaints", dims_key="")
    assert total.value == 23
    assert AuditEvent.objects.filter(action="submission.accepted", actor__username="politie-systeem").count() == 1


def test_same_file_again_is_200_and_no_new_version(tokens):
    client = _client(tokens["police"])
    first = _post(client, POLICE)
    state = _stored()
    again = _post(client, POLICE, name="nog-eens.csv")
    assert again.status_code == 200, again.content
    assert again.json()["id"] == first.json()["id"] and again.json()["version"] == 1
    assert "al opgeslagen" in again.json()["message"]
    assert _stored() == state


def test_changed_file_becomes_version_2(tokens):
    client = _client(tokens["police"])
    first = _post(client, POLICE).json()
    corrected = POLICE.replace(b"police.comensha_notifications,,,20", b"police.comensha_notifications,,,21")
    response = _post(client, corrected, name="correctie.csv")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 2 and body["id"] != first["id"]
    detail = client.get(f"{URL}{body['id']}/").json()
    assert detail["supersedes"] == first["id"] and detail["current"]
    assert client.get(f"{URL}{first['id']}/").json()["current"] is False


def test_invalid_file_is_422_with_every_problem_and_nothing_stored(tokens):
    bad = POLICE.replace(b"police.complaints,labour,,1,", b"police.complaints,labour,,1.5,").replace(
        b"police.complaints,criminal,,0,", b"police.complaints,criminal,,-3,")
    response = _post(_client(tokens["police"]), bad)
    assert response.status_code == 422, response.content
    body = response.json()
    assert "Niets opgeslagen" in body["detail"]
    found = {(p["row"], p["column"], p["value"], p["code"]) for p in body["errors"]}
    assert (4, "value", "1.5", "not-a-whole-number") in found
    assert any(row == 5 and column == "value" and value == "-3" for row, column, value, _ in found)
    assert all(p["message"] and p["severity"] == "error" for p in body["errors"])
    assert _stored() == (0, 0)
    assert AuditEvent.objects.filter(action="submission.rejected", actor__username="politie-systeem").count() == 1


def test_invalid_workbook_reports_sheet_row_and_column_letter(tokens):
    wb = openpyxl.load_workbook(io.BytesIO(build_template("police_tmm", 2022)))
    ws = next(ws for ws in wb.worksheets if ws["A1"].value == "police.comensha_notifications")
    fields = next(r for r in ws.iter_rows() if r[0].value == FIELDS_MARKER)
    value_column = next(c.column_letter for c in fields if c.value == "value")
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == ROW_REGIONAL)
    ws[f"{value_column}{row}"] = "twintig"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = _post(_client(tokens["police"]), buffer.getvalue(), name="politie-2022.xlsx")
    assert response.status_code == 422, response.content
    problem = next(p for p in response.json()["errors"] if p["value"] == "twintig")
    assert (problem["sheet"], problem["row"], problem["column"]) == (ws.title, row, value_column)
    assert _stored() == (0, 0)


def test_other_partners_contact_gets_403_and_nothing_is_stored(tokens):
    response = _post(_client(tokens["care"]), POLICE)
    assert response.status_code == 403
    assert "police_tmm" in response.json()["detail"]
    assert _stored() == (0, 0)
    refused = AuditEvent.objects.get(action="delivery.forbidden")
    assert refused.actor.username == "zorg-systeem" and refused.details["partner"] == "police_tmm"


def test_municipality_reader_may_not_deliver_or_list(tokens):
    client = _client(tokens["reader"])
    assert _post(client, POLICE).status_code == 403
    assert client.get(URL).status_code == 403
    assert _stored() == (0, 0)


def test_analyst_delivers_for_any_partner(tokens):
    response = _post(_client(tokens["analyst"]), POLICE)
    assert response.status_code == 201 and response.json()["partner"] == "police_tmm"


@pytest.mark.parametrize("header", [None, "Token zicht_00000000_onbekend", "Token", "Bearer abc"])
def test_no_or_unknown_token_is_401(tokens, header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = _post(client, POLICE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert client.get(URL).status_code == 401
    assert _stored() == (0, 0)


def test_revoked_token_is_401_and_revocation_is_audited(tokens):
    client = _client(tokens["police"])
    assert client.get(URL).status_code == 200
    revoke_token(tokens["police"].split("_")[1])
    assert client.get(URL).status_code == 401
    assert _post(client, POLICE).status_code == 401
    assert _stored() == (0, 0)
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1
    assert AuditEvent.objects.filter(action="api_token.created").count() == 4


def test_a_web_session_is_not_enough(tokens):
    client = APIClient()
    client.force_login(User.objects.get(username="politie-systeem"))
    assert _post(client, POLICE).status_code == 401
    assert client.get(URL).status_code == 401


def test_token_is_stored_only_as_digest_and_last_use_is_recorded(tokens):
    clear = tokens["police"]
    token = ApiToken.objects.get(user__username="politie-systeem")
    assert token.digest == digest_of(clear) and token.prefix in clear and token.last_used_at is None
    _client(clear).get(URL)
    token.refresh_from_db()
    assert token.last_used_at is not None
    # the clear token (and its secret part) appears in no column of any table
    secret = clear.split("_", 2)[2]  # the secret itself may contain "_"
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(str(bytes(v) if isinstance(v, memoryview) else v) for v in row)
                assert secret not in text, table


def test_missing_field_is_400(tokens):
    client = _client(tokens["police"])
    response = client.post(URL, {"partner": "police_tmm", "year": 2022}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    response = client.post(URL, {"file": SimpleUploadedFile("p.csv", POLICE), "partner": "police_tmm"},
                           format="multipart")
    assert response.status_code == 400 and "year" in response.json()["fields"]
    assert "Verplicht veld: year" in response.json()["detail"]
    assert _stored() == (0, 0)


def test_too_large_file_is_413(tokens, settings):
    settings.ZICHT_MAX_UPLOAD_BYTES = 100
    response = _post(_client(tokens["police"]), POLICE)
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "file-too-large"
    assert _stored() == (0, 0)


def test_list_and_detail_show_only_what_the_account_may_see_and_are_audited(tokens):
    police = _post(_client(tokens["police"]), POLICE).json()
    care_file = (DEMO / "essm_care.csv").read_bytes()
    care = _post(_client(tokens["care"]), care_file, partner="essm_care", name="zorg.csv").json()
    own = _client(tokens["care"]).get(URL)
    assert own.status_code == 200
    assert [s["id"] for s in own.json()["results"]] == [care["id"]]
    everything = _client(tokens["analyst"]).get(URL)
    assert {s["id"] for s in everything.json()["results"]} == {police["id"], care["id"]}
    filtered = _client(tokens["analyst"]).get(URL, {"partner": "police_tmm", "year": 2022})
    assert [s["id"] for s in filtered.json()["results"]] == [police["id"]]

    assert _client(tokens["care"]).get(f"{URL}{police['id']}/").status_code == 404
    detail = _client(tokens["analyst"]).get(f"{URL}{police['id']}/")
    assert detail.status_code == 200
    assert detail.json()["observations"] == POLICE_CELLS and detail.json()["validation_report"] == []
    assert "content" not in detail.json()
    assert _client(tokens["analyst"]).get(f"{URL}999999/").status_code == 404
    assert _client(tokens["analyst"]).get(f"{URL}abc/").status_code == 404

    viewed = AuditEvent.objects.filter(action="data.viewed")
    assert viewed.filter(actor__username="zorg-systeem").count() == 1
    assert viewed.filter(actor__username="analist-script").count() == 3
    assert viewed.filter(details__submission=police["id"]).count() == 1


def test_openapi_schema_documents_the_upload_endpoints():
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/leveringen/", "/api/v1/leveringen/{id}/", "/api/v1/casusbestanden/",
            "/api/v1/casusbestanden/{id}/", "/api/v1/publications/"} <= set(schema["paths"])
    assert schema["paths"]["/api/v1/casusbestanden/"]["post"]["tags"] == ["casusbestanden"]
    post = schema["paths"]["/api/v1/leveringen/"]["post"]
    assert post["tags"] == ["leveringen"]
    assert {"200", "201", "400", "401", "403", "413", "422"} <= set(post["responses"])
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert schema["components"]["securitySchemes"]["apiToken"]["name"] == "Authorization"
    assert {"apiToken": []} in post["security"]
    publications = schema["paths"]["/api/v1/publications/"]["get"]
    assert publications["tags"] == ["publicaties"]


def test_public_publications_stay_open_and_read_only():
    client = APIClient()
    assert client.get("/api/v1/publications/").status_code == 200
    assert client.post("/api/v1/publications/", {}).status_code in (401, 403, 405)


def test_closed_year_is_refused_with_the_reason(tokens):
    from zicht.catalog.periods import close_period

    close_period(2022, reason="deadline verstreken")
    response = _post(_client(tokens["police"]), POLICE)
    assert response.status_code == 422
    assert [p["code"] for p in response.json()["errors"]] == ["period-closed"]
    assert _stored() == (0, 0)


def test_unknown_partner_is_422_for_an_analyst(tokens):
    response = _post(_client(tokens["analyst"]), POLICE, partner="bestaat_niet")
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "unknown-partner"
