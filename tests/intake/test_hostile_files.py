"""Hostile files get a clear Dutch error, no cells, and nothing is parsed that need not be."""

import io
import zipfile

import openpyxl
import pytest

from zicht.intake.limits import MIB, Limits
from zicht.intake.sniff import OLE2_MAGIC
from zicht.intake.templates import build_template
from zicht.intake.validation import validate_bytes, validate_path

from .helpers import police_csv

DEFAULT = Limits()


def _refused(content: bytes, filename: str = "bestand.xlsx", limits: Limits = DEFAULT):
    result = validate_bytes(content, filename, "police_tmm", 2022, limits=limits)
    assert not result.valid and result.cells == []
    assert all(p.message and p.severity == "error" for p in result.problems)
    return result, [p.code for p in result.problems]


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _template_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(build_template("riec", 2022))) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_empty_file():
    result, codes = _refused(b"", "leeg.csv")
    assert codes == ["empty-file"] and "leeg" in result.problems[0].message


def test_file_over_the_size_limit_in_memory():
    _, codes = _refused(b"x" * 2048, "groot.csv", Limits(max_bytes=1024))
    assert codes == ["file-too-large"]


def test_200_mb_file_on_disk_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "groot.xlsx"
    with open(path, "wb") as fh:  # sparse: no 200 MB written or allocated
        fh.truncate(200 * MIB)
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("file was read"))
    result = validate_path(path, "police_tmm", 2022)
    assert [p.code for p in result.problems] == ["file-too-large"]
    assert "200 MiB" in result.problems[0].message and "25 MiB" in result.problems[0].message


def test_encrypted_workbook_ole2_container():
    content = OLE2_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    result, codes = _refused(content)
    assert codes == ["encrypted-workbook"] and "wachtwoord" in result.problems[0].message


def test_legacy_xls_ole2_container():
    _, codes = _refused(OLE2_MAGIC + b"\x00" * 600, "oud.xls")
    assert codes == ["legacy-workbook"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.7\n" + b"\x00\x01\x02" * 100, "not-a-spreadsheet"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not-a-spreadsheet"),
        (bytes(range(256)) * 40, "not-a-csv"),
        (b"\x81\x8d\x8f\x90\x9d" * 50, "not-a-csv"),
    ],
)
def test_not_a_spreadsheet_by_content_not_by_extension(content, code):
    _, codes = _refused(content, "echt.csv")
    assert codes == [code]


def test_zip_that_is_not_an_xlsx():
    _, codes = _refused(_zip({"readme.txt": b"hallo"}), "levering.xlsx")
    assert codes == ["not-a-spreadsheet"]


def test_ods_is_named():
    result, codes = _refused(_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), "levering.ods")
    assert codes == ["not-a-spreadsheet"] and "OpenDocument" in result.problems[0].message


def test_macro_workbook_is_refused():
    members = _template_members()
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake vba"
    result, codes = _refused(_zip(members), "macro.xlsm")
    assert codes == ["macros"] and "macro" in result.problems[0].message


def test_zip_bomb_by_declared_size():
    members = _template_members()
    members["xl/media/filler.bin"] = b"\x00" * (3 * MIB)
    _, codes = _refused(_zip(members), limits=Limits(max_uncompressed_bytes=2 * MIB))
    assert codes == ["zip-bomb"]


def test_zip_bomb_by_compression_ratio():
    members = _template_members()
    members["xl/media/filler.bin"] = b"\x00" * (20 * MIB)  # ~20 KiB packed: ratio ~1000
    result, codes = _refused(_zip(members))
    assert codes == ["zip-bomb"] and "zip-bom" in result.problems[0].message


def _lie_about_size(data: bytearray, name: bytes, size: int) -> None:
    """Overwrite the declared uncompressed size of member ``name`` in local and central headers."""
    # (signature, offset of uncompressed size, offset of name length, offset of name)
    for sig, size_at, len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = data.find(sig)
        while pos != -1:
            name_len = int.from_bytes(data[pos + len_at: pos + len_at + 2], "little")
            if data[pos + name_at: pos + name_at + name_len] == name:
                data[pos + size_at: pos + size_at + 4] = size.to_bytes(4, "little")
            pos = data.find(sig, pos + 4)


def test_zip_bomb_with_lying_declared_sizes_is_not_unpacked_beyond_the_declaration():
    members = _template_members()
    members["xl/media/filler.bin"] = bytes(range(256)) * (4 * 4096)  # 4 MiB
    data = bytearray(_zip(members))
    _lie_about_size(data, b"xl/media/filler.bin", 1024)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        assert sum(i.file_size for i in zf.infolist()) < 2 * MIB  # the declaration passes
    _, codes = _refused(bytes(data), limits=Limits(max_uncompressed_bytes=2 * MIB))
    assert codes == ["corrupt-archive"]  # reading stops at the declared size and the CRC fails


def test_xml_entity_attack_is_refused():
    members = _template_members()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>&lol2;</sheets></workbook>'
    )
    members["xl/workbook.xml"] = bomb
    _, codes = _refused(_zip(members))
    assert codes == ["unsafe-xml"]


def test_corrupt_workbook():
    _, codes = _refused(b"PK\x03\x04" + b"\x00" * 200)
    assert codes == ["corrupt-archive"]


def test_csv_formula_injection_refuses_the_file():
    text = police_csv().replace("Mensenhandelmonitor 2022", '=HYPERLINK("http://x","klik")')
    text = text.replace("police.comensha_notifications;;;;20;", "police.comensha_notifications;;;;@SUM(1);")
    result, codes = _refused(text.encode(), "levering.csv")
    assert codes == ["formula", "formula"]
    assert {(p.row, p.column) for p in result.problems} == {(2, "source"), (10, "value")}


def test_negative_number_is_not_mistaken_for_a_formula():
    text = police_csv().replace(";20;", ";-20;")
    result = validate_bytes(text.encode(), "levering.csv", "police_tmm", 2022)
    assert [p.code for p in result.errors] == ["not-a-whole-number"]


def test_too_many_rows_csv():
    _, codes = _refused(police_csv().encode(), "levering.csv", Limits(max_rows=5))
    assert codes == ["too-many-rows"]


def test_too_many_rows_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator", "value"])
    for _ in range(20):
        ws.append(["police.complaints", 1])
    buf = io.BytesIO()
    wb.save(buf)
    _, codes = _refused(buf.getvalue(), limits=Limits(max_rows=10))
    assert codes == ["too-many-rows"]
