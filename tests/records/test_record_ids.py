"""Identifiers are never stored in clear: a ``record_id`` that looks like a name, a date, an e-mail
address or a BSN refuses the encoded delivery (CLI, service and API), and ``zicht encode
--hash-record-id`` turns the partner's own number into an opaque one with the shared key.

Both sides are tested: identifying ids are refused, typical opaque ids (case numbers, UUIDs, hex
digests, ``ZAAK123456``) pass, the latter also as a property over generated ids."""

import csv
import datetime as dt
import hashlib
import io
import uuid

import pandas as pd
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from zicht.accounts.models import Profile
from zicht.accounts.tokens import issue_token
from zicht.audit.models import AuditEvent
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.engines.linkage.identifiers import identifying_kind
from zicht.engines.linkage.synthetic import generate_people, make_partner_lists
from zicht.records.models import EncodedDelivery
from zicht.records.services import EncodedDeliveryRefused, submit_encoded

SECRET = bytes(range(32))

IDENTIFYING = [
    ("DOORNHOF_ANNA_00-10-1993", "name"),
    ("DOORNHOF_ANNA", "name"),
    ("Anna Doornhof", "name"),
    ("jan-de-vries-17", "name"),
    ("AnnaDoornhof", "name"),
    ("doornhof", "name"),
    ("00-10-1993", "date"),
    ("C-12-03-1993", "date"),
    ("1993-10-12", "date"),
    ("1993_10_00", "date"),
    ("XX-10-1993", "date"),
    ("12101993", "date"),
    ("19931012", "date"),
    ("ZAAK-00101993", "date"),
    ("12okt1993", "date"),
    ("a.doornhof@example.nl", "email"),
    ("111222333", "bsn"),
    ("BSN-111222333", "bsn"),
    ("1112.22.333", "bsn"),
]

OPAQUE = [
    "C-2022-000123", "ZAAK123456", "POL-000001", "ZOR-000123", "2022/0001234", "MH-2022-17", "RIEC-NH-2022-017",
    "ZAAKNR-2022-88812", "DOSSIER-88812", "123456", "000042", "123456789",  # 9 digits failing the 11-proof
    "123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
    hashlib.sha256(b"x").hexdigest(), hashlib.md5(b"x").hexdigest(), hashlib.sha1(b"y").hexdigest()[:20],
    "a3f5-be21-ca44", "CASE-7Q2K-19", "C-2022-10",
]


@pytest.mark.parametrize(("record_id", "kind"), IDENTIFYING)
def test_identifying_record_ids_are_recognised(record_id, kind):
    assert identifying_kind(record_id) == kind


@pytest.mark.parametrize("record_id", OPAQUE)
def test_opaque_record_ids_pass(record_id):
    assert identifying_kind(record_id) is None


def _case_number(year: int, number: int) -> str:
    return f"C-{year}-{number:06d}"


opaque_ids = st.one_of(
    st.builds(_case_number, st.integers(2000, 2030), st.integers(0, 999_999)),
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.binary(min_size=1, max_size=64).map(lambda b: hashlib.sha256(b).hexdigest()),
    st.binary(min_size=1, max_size=64).map(lambda b: hashlib.sha1(b).hexdigest()),
    st.integers(0, 999_999).map(lambda n: f"ZAAK{n:06d}"),
    st.tuples(st.sampled_from(["POL", "COA", "KMAR", "FIER", "ZOR", "RIEC", "MH"]), st.integers(1, 999_999)).map(
        lambda t: f"{t[0]}-{t[1]:06d}"),
    st.integers(1, 9_999_999).map(str),
)


@settings(max_examples=400, deadline=None)
@given(opaque_ids)
def test_typical_opaque_ids_are_never_refused(record_id):
    assert identifying_kind(record_id) is None, record_id


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2024, 12, 31)),
       st.sampled_from(["%d-%m-%Y", "%Y-%m-%d", "%d%m%Y", "%Y%m%d", "%d/%m/%Y", "00-%m-%Y"]),
       st.sampled_from(["", "ANNA_", "C-", "X_"]))
def test_every_written_date_is_refused(date, pattern, prefix):
    assert identifying_kind(prefix + date.strftime(pattern)) == "date"


# -- the check on every encoded delivery ------------------------------------------------------------

@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    return synthetic_encoded_deliveries(2022, tmp_path_factory.mktemp("partner") / "secret.key", secret=SECRET)


def _with_record_ids(content: bytes, ids: dict[int, str]) -> bytes:
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    for index, value in ids.items():
        rows[index]["record_id"] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.mark.django_db
def test_a_name_in_record_id_refuses_the_delivery_and_nothing_is_stored(encoded):
    content = _with_record_ids(encoded["police_tmm"], {0: "DOORNHOF_ANNA_00-10-1993", 4: "jan.jansen@example.nl"})
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(content, "politie.csv", "police_tmm", 2022)
    problems = refused.value.result.errors
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("identifying-record-id", 2, "record_id"), ("identifying-record-id", 6, "record_id")]
    assert "naam" in problems[0].message and "e-mailadres" in problems[1].message
    for problem in problems:
        assert "zaaknummer" in problem.message and "zicht encode --hash-record-id" in problem.message
        assert problem.value is None and "DOORNHOF" not in problem.message and "jansen" not in problem.message
    assert EncodedDelivery.objects.count() == 0
    assert AuditEvent.objects.filter(action="submission.rejected").count() == 1


@pytest.mark.django_db
def test_many_identifying_ids_are_reported_with_a_count(encoded):
    content = _with_record_ids(encoded["police_tmm"], {i: f"1993-10-{i + 1:02d}" for i in range(25)})
    with pytest.raises(EncodedDeliveryRefused) as refused:
        submit_encoded(content, "politie.csv", "police_tmm", 2022)
    problems = refused.value.result.errors
    assert len(problems) == 21 and problems[-1].row is None and "nog 5" in problems[-1].message


@pytest.mark.django_db
def test_the_synthetic_deliveries_with_opaque_ids_are_stored(encoded):
    delivery = submit_encoded(encoded["police_tmm"], "politie.csv", "police_tmm", 2022)
    assert delivery.records > 0


@pytest.mark.django_db
def test_records_submit_refuses_a_name_in_record_id(encoded, tmp_path, capsys):
    path = tmp_path / "politie.csv"
    path.write_bytes(_with_record_ids(encoded["police_tmm"], {2: "DOORNHOF_ANNA_00-10-1993"}))
    with pytest.raises(SystemExit) as exit_:
        call_command("records_submit", str(path), "--partner", "police_tmm", "--year", "2022")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "rij 4, kolom record_id" in err and "zaaknummer" in err and "Niets opgeslagen" in err
    assert "DOORNHOF" not in err
    assert EncodedDelivery.objects.count() == 0


@pytest.fixture
def police_client() -> APIClient:
    load_catalog()
    user = User.objects.create_user("politie-systeem", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="police_tmm"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user.username, 'export').clear}")
    return client


@pytest.mark.django_db
def test_the_api_refuses_a_name_in_record_id_with_422(encoded, police_client):
    content = _with_record_ids(encoded["police_tmm"], {0: "DOORNHOF_ANNA_00-10-1993"})
    response = police_client.post("/api/v1/casusbestanden/",
                                  {"file": SimpleUploadedFile("politie.csv", content), "partner": "police_tmm",
                                   "year": 2022}, format="multipart")
    assert response.status_code == 422, response.content
    (problem,) = response.json()["errors"]
    assert (problem["code"], problem["row"], problem["column"]) == ("identifying-record-id", 2, "record_id")
    assert b"DOORNHOF" not in response.content
    assert EncodedDelivery.objects.count() == 0


# -- zicht encode ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """A partner's own export whose record numbers are names with birth dates (as in the finding)."""
    folder = tmp_path_factory.mktemp("encode")
    frame = make_partner_lists(generate_people(120, seed=5), seed=6).lists["zorg"].copy()
    frame["record_id"] = [f"{r.last_name.upper()}_{r.first_name.upper()}_{i:03d}" for i, r in
                          enumerate(frame.itertuples())]
    path = folder / "export.csv"
    frame.to_csv(path, index=False, sep=";")
    (folder / "key.txt").write_text(SECRET.hex() + "\n")
    return {"folder": folder, "path": path, "frame": frame}


def test_encode_refuses_identifying_record_ids_without_hashing(export, tmp_path):
    with pytest.raises(CommandError, match="--hash-record-id") as refused:
        call_command("encode", str(export["path"]), "--secret-file", str(export["folder"] / "key.txt"),
                     "--out", str(tmp_path / "x.csv"))
    assert "rij 2" in str(refused.value)
    assert export["frame"]["record_id"].iloc[0] not in str(refused.value)
    assert not (tmp_path / "x.csv").exists()


def test_encode_hashes_record_ids_with_the_shared_key(export, tmp_path):
    key = str(export["folder"] / "key.txt")
    call_command("encode", str(export["path"]), "--secret-file", key, "--out", str(tmp_path / "a.csv"),
                 "--hash-record-id")
    call_command("encode", str(export["path"]), "--secret-file", key, "--out", str(tmp_path / "b.csv"),
                 "--hash-record-id")
    first = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    again = pd.read_csv(tmp_path / "b.csv", dtype=str, keep_default_na=False)
    assert first["record_id"].tolist() == again["record_id"].tolist()  # same partner id -> same opaque id
    assert first["record_id"].is_unique and len(first) == len(export["frame"])
    assert all(identifying_kind(value) is None for value in first["record_id"])
    written = (tmp_path / "a.csv").read_text(encoding="utf-8").upper()
    assert not any(original in written for original in export["frame"]["record_id"])
    other = tmp_path / "other.txt"
    other.write_text(bytes(range(1, 33)).hex() + "\n")
    call_command("encode", str(export["path"]), "--secret-file", str(other), "--out", str(tmp_path / "c.csv"),
                 "--hash-record-id")
    with_other_key = pd.read_csv(tmp_path / "c.csv", dtype=str, keep_default_na=False)
    assert set(with_other_key["record_id"]).isdisjoint(first["record_id"])


def test_hashed_record_ids_are_keyed_hmac():
    import hmac

    from zicht.engines.linkage.encoding import Encoder

    encoder = Encoder(SECRET)
    assert encoder.record_id("DOORNHOF_ANNA_00-10-1993") == encoder.record_id("DOORNHOF_ANNA_00-10-1993")
    assert encoder.record_id("A") != encoder.record_id("B")
    assert len(encoder.record_id("A")) == 20
    assert encoder.record_id("A") != hashlib.sha256(b"A").hexdigest()[:20]  # keyed, not a plain digest
    assert encoder.record_id("A") != hmac.new(SECRET, b"A", "sha256").hexdigest()[:20]  # its own sub-key


@pytest.mark.django_db
def test_a_hashed_delivery_is_stored(export, tmp_path):
    call_command("encode", str(export["path"]), "--secret-file", str(export["folder"] / "key.txt"),
                 "--out", str(tmp_path / "zorg.csv"), "--hash-record-id")
    frame = pd.read_csv(tmp_path / "zorg.csv", dtype=str, keep_default_na=False)
    frame["partner"], frame["year"] = "essm_care", "2022"
    content = frame.to_csv(index=False).encode()
    delivery = submit_encoded(content, "zorg.csv", "essm_care", 2022)
    assert delivery.records == len(frame)


def test_uuid_module_ids_pass():
    assert all(identifying_kind(str(uuid.uuid4())) is None for _ in range(200))


def test_zicht_link_refuses_a_file_with_names_in_record_id(encoded, tmp_path):
    path = tmp_path / "politie.csv"
    path.write_bytes(_with_record_ids(encoded["police_tmm"], {3: "DOORNHOF_ANNA_00-10-1993"}))
    with pytest.raises(CommandError, match="rij 5: het recordnummer lijkt een naam") as refused:
        call_command("link", str(path))
    assert "DOORNHOF" not in str(refused.value)
