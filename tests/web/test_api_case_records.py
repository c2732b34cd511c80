"""Machine uploads of encoded case records: POST/GET /api/v1/casusbestanden/ with an API token.

Real encoded files (``zicht.demo.synthetic``, as ``zicht encode`` makes them) through the real
``submit_encoded``; refusals store nothing."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from zicht.accounts.models import Profile
from zicht.accounts.tokens import issue_token
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.records.models import EncodedDelivery

pytestmark = pytest.mark.django_db
URL = "/api/v1/casusbestanden/"


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    return synthetic_encoded_deliveries(2022, tmp_path_factory.mktemp("partner") / "secret.key",
                                        secret=bytes(range(32)))


def _client(username, role, partner=None) -> APIClient:
    user = User.objects.create_user(username, password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=role, partner=Partner.objects.get(code=partner) if partner else None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(username, 'export').clear}")
    return client


@pytest.fixture
def clients():
    load_catalog()
    return {
        "police": _client("politie-systeem", Profile.Role.PARTNER, "police_tmm"),
        "care": _client("zorg-systeem", Profile.Role.PARTNER, "essm_care"),
        "analyst": _client("analist-script", Profile.Role.ANALYST),
    }


def _post(client, content: bytes, partner="police_tmm", year=2022, name="politie-versleuteld.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), "partner": partner, "year": year},
                       format="multipart")


def _rewrite(content: bytes, change) -> bytes:
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_encoded_file_is_stored_once_and_a_new_file_is_a_new_version(clients, encoded):
    first = _post(clients["police"], encoded["police_tmm"])
    assert first.status_code == 201, first.content
    body = first.json()
    delivery = EncodedDelivery.objects.get(pk=body["id"])
    assert (body["partner"], body["year"], body["version"]) == ("police_tmm", 2022, 1)
    assert body["records"] == delivery.records > 0 and body["synthetic"] is False
    assert bytes(delivery.content) == encoded["police_tmm"]
    assert delivery.submitted_by.username == "politie-systeem"
    again = _post(clients["police"], encoded["police_tmm"])
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    fewer = encoded["police_tmm"].rsplit(b"\n", 2)[0] + b"\n"  # one record less
    second = _post(clients["police"], fewer)
    assert second.status_code == 201 and second.json()["version"] == 2
    assert EncodedDelivery.objects.count() == 2


def test_clear_names_are_refused_and_not_stored(clients):
    clear = b"record_id,first_name,last_name,birth_date\nA1,Jan,Jansen,1990-01-01\n"
    response = _post(clients["police"], clear)
    assert response.status_code == 422
    problem = response.json()["errors"][0]
    assert problem["code"] == "clear-identifiers" and "leesbare vorm" in problem["message"]
    assert EncodedDelivery.objects.count() == 0


def test_another_schema_version_or_secret_is_refused(clients, encoded):
    old = _rewrite(encoded["police_tmm"], lambda r: r.update(encoding_version="zicht-clk-0"))
    response = _post(clients["police"], old)
    assert response.status_code == 422
    assert "encoding-version" in {p["code"] for p in response.json()["errors"]}
    assert _post(clients["police"], encoded["police_tmm"]).status_code == 201
    other = _rewrite(encoded["essm_care"], lambda r: r.update(key_check="0" * 16))
    response = _post(clients["care"], other, partner="essm_care")
    assert response.status_code == 422
    assert "other-secret" in {p["code"] for p in response.json()["errors"]}
    assert EncodedDelivery.objects.count() == 1


def test_other_partner_is_403_and_lists_are_per_partner_and_audited(clients, encoded):
    assert _post(clients["care"], encoded["police_tmm"]).status_code == 403
    assert EncodedDelivery.objects.count() == 0
    assert AuditEvent.objects.filter(action="delivery.forbidden", actor__username="zorg-systeem").count() == 1
    police = _post(clients["police"], encoded["police_tmm"]).json()
    care = _post(clients["care"], encoded["essm_care"], partner="essm_care").json()
    assert [d["id"] for d in clients["care"].get(URL).json()["results"]] == [care["id"]]
    assert {d["id"] for d in clients["analyst"].get(URL).json()["results"]} == {police["id"], care["id"]}
    assert clients["care"].get(f"{URL}{police['id']}/").status_code == 404
    detail = clients["analyst"].get(f"{URL}{police['id']}/")
    assert detail.status_code == 200 and "content" not in detail.json()
    viewed = AuditEvent.objects.filter(action="data.viewed")
    assert viewed.filter(actor__username="analist-script").count() == 2
    assert viewed.filter(actor__username="zorg-systeem").count() == 1


def test_without_token_is_401(encoded):
    load_catalog()
    assert _post(APIClient(), encoded["police_tmm"]).status_code == 401
    assert APIClient().get(URL).status_code == 401
    assert EncodedDelivery.objects.count() == 0
