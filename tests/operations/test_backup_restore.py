"""A backup restores: into an empty installation, with the publication served and rebuilt byte for byte.

The demo cycle (catalog, demo deliveries, publication 2022) runs in one installation; `zicht backup`
writes the archive; `zicht restore` brings it into a second, empty installation (another SQLite file,
or another PostgreSQL database when DATABASE_URL points at PostgreSQL). Every step is a real process.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import pytest

from .installs import drop, new_installation, postgres_url


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A published demo installation and its backup archive."""
    tmp = tmp_path_factory.mktemp("backup")
    source = new_installation(tmp, "bron")
    source.script("publish")
    archive = tmp / "zicht-backup.tar.gz"
    out = source.zicht("backup", "--out", str(archive))
    assert "Back-up geschreven" in out.stdout
    yield source, archive, tmp
    drop(source)


@pytest.fixture
def empty(tmp_path):
    """A second installation, empty; dropped afterwards."""
    target = new_installation(tmp_path, "doel")
    yield target
    drop(target)


def _manifest(archive):
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def test_manifest_lists_every_member_with_its_checksum(backed_up):
    source, archive, _ = backed_up
    manifest = _manifest(archive)
    assert manifest["zicht_version"] and manifest["format"] == "zicht-backup/1"
    assert manifest["database_vendor"] == ("postgresql" if postgres_url() else "sqlite")
    assert ["publish", "0001_initial"] in manifest["migrations"]
    with tarfile.open(archive) as tar:
        names = {m.name for m in tar.getmembers()} - {"manifest.json"}
        assert names == set(manifest["members"])
        for name in names:
            assert hashlib.sha256(tar.extractfile(name).read()).hexdigest() == manifest["members"][name]["sha256"]
    assert (source.data_dir / "secret_key").exists() and "files/data/secret_key" not in names
    published = {f"files/publicaties/{p.relative_to(source.data_dir / 'publicaties')}"
                 for p in (source.data_dir / "publicaties").rglob("*") if p.is_file()}
    assert published and published <= names
    assert manifest["counts"]["intake.submission"] == source.query("SELECT COUNT(*) FROM intake_submission")[0][0]
    assert manifest["counts"]["publish.artefact"] == len(published)
    dump = json.loads(_member(archive, "database/data.json"))
    submissions = [o for o in dump if o["model"] == "intake.submission"]
    assert submissions and all(o["fields"]["content"] for o in submissions)  # the delivered files themselves
    assert any(o["model"] == "auth.user" for o in dump)
    assert all(o["fields"]["submitted_by"] == ["analist-bron"] for o in submissions)  # natural foreign keys


def _member(archive, name) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


def test_restore_serves_and_rebuilds_the_publication_byte_for_byte(backed_up, empty):
    source, archive, tmp = backed_up
    out = empty.zicht("restore", str(archive))
    assert "publicatiebestanden gecontroleerd" in out.stdout
    for table in ("intake_submission", "figures_observation", "publish_publication",
                  "auth_user", "accounts_profile", "accounts_apitoken", "otp_totp_totpdevice",
                  "otp_static_statictoken"):
        assert empty.query(f"SELECT COUNT(*) FROM {table}") == source.query(f"SELECT COUNT(*) FROM {table}") != [(0,)]
    # every row as it was, to the microsecond (audit events are hash-chained over their timestamps)
    # (the source's last event is `backup.made`, after the snapshot; the restore adds `backup.restored`)
    assert source.query("SELECT action FROM audit_auditevent ORDER BY id DESC LIMIT 1") == [("backup.made",)]
    assert empty.query("SELECT action FROM audit_auditevent ORDER BY id DESC LIMIT 1") == [("backup.restored",)]
    for sql in ("SELECT id, timestamp, action, actor_id, message, details FROM audit_auditevent "
                "WHERE action NOT LIKE 'backup.%' ORDER BY id",
                "SELECT id, submitted_at, checksum FROM intake_submission ORDER BY id",
                "SELECT id, published_at FROM publish_publication ORDER BY id"):
        assert empty.query(sql) == source.query(sql)
    # rows keep their keys and links: the deliveries still name the analyst who made them
    who = "SELECT s.id, s.checksum, u.username FROM intake_submission s JOIN auth_user u ON u.id = s.submitted_by_id ORDER BY s.id"
    assert empty.query(who) == source.query(who)
    assert empty.query("SELECT key FROM otp_totp_totpdevice") == source.query("SELECT key FROM otp_totp_totpdevice")
    # the audit events' hash chain came through intact (and the restore's own event extends it)
    assert "Auditlog intact" in empty.zicht("audit", "verify").stdout
    check = tmp / f"check-{empty.data_dir.name}.json"
    empty.script("check", str(check))
    result = json.loads(check.read_text())
    originals = {str(p.relative_to(source.data_dir / "publicaties")): hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in (source.data_dir / "publicaties").rglob("*") if p.is_file()}
    assert len(originals) >= 30
    # served from the restored installation: the very bytes that were published
    assert result["served"] == {name: [200, digest] for name, digest in originals.items()}
    # rendered again from the restored rows (same year, version and clock): identical, PDF included
    assert result["rebuilt"] == originals
    assert set(result["pages"].values()) == {200}


def _rewrite(archive, target, change):
    """A copy of ``archive`` with ``change(name, data) -> data`` applied to every member."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            data = change(member.name, src.extractfile(member).read())
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


def _untouched(installation):
    assert installation.data_rows() == {}
    assert installation.files() == []


@pytest.mark.parametrize("damage", ["altered-pdf", "truncated", "missing-member", "extra-member"])
def test_a_damaged_archive_changes_nothing(backed_up, empty, damage):
    _, archive, tmp = backed_up
    bad = tmp / f"bad-{damage}.tar.gz"
    pdf = "files/publicaties/2022/v1/monitor-2022.pdf"
    if damage == "altered-pdf":
        _rewrite(archive, bad, lambda n, d: d[:1000] + bytes([d[1000] ^ 1]) + d[1001:] if n == pdf else d)
        expected = "Controlesom klopt niet"
    elif damage == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
        expected = "beschadigd"
    elif damage == "missing-member":
        with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
            for member in src.getmembers():
                if member.name != pdf:
                    dst.addfile(member, src.extractfile(member))
        expected = "mist 1 bestand"
    else:
        with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
            for member in src.getmembers():
                dst.addfile(member, src.extractfile(member))
            info = tarfile.TarInfo("files/publicaties/2022/v1/extra.html")
            info.size = 3
            dst.addfile(info, io.BytesIO(b"<p>"))
        expected = "niet in het manifest"
    proc = empty.zicht("restore", str(bad), check=False)
    assert proc.returncode != 0
    assert expected in proc.stderr and "Er is niets hersteld" in proc.stderr
    assert "Traceback" not in proc.stderr
    _untouched(empty)


def test_restore_refuses_a_database_that_is_not_empty(backed_up, empty):
    _, archive, _ = backed_up
    empty.zicht("restore", str(archive))
    rows = empty.query("SELECT COUNT(*) FROM audit_auditevent")
    second = empty.zicht("restore", str(archive), check=False)
    assert second.returncode != 0
    assert "De database is niet leeg" in second.stderr and "Traceback" not in second.stderr
    assert empty.query("SELECT COUNT(*) FROM audit_auditevent") == rows


def test_restore_refuses_a_data_folder_that_is_not_empty(backed_up, empty):
    _, archive, _ = backed_up
    stray = empty.data_dir / "publicaties" / "2021" / "v1" / "monitor-2021.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("<p>al aanwezig</p>", encoding="utf-8")
    proc = empty.zicht("restore", str(archive), check=False)
    assert proc.returncode != 0
    assert "is niet leeg" in proc.stderr and "Er is niets hersteld" in proc.stderr
    assert empty.files() == [stray]
    assert empty.data_rows() == {}


def test_backup_never_overwrites(backed_up):
    source, archive, _ = backed_up
    before = archive.read_bytes()
    proc = source.zicht("backup", "--out", str(archive), check=False)
    assert proc.returncode != 0 and "bestaat al" in proc.stderr
    assert archive.read_bytes() == before
