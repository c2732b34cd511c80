"""A corpus of hostile workbooks, built in the test from a legitimately filled Zicht template.

Each entry starts from the police template filled with openpyxl (a delivery that passes) and adds one
thing an attacker (or a careless export) puts in an .xlsx: macros under other names, ActiveX, external
links to a file share, DDE, embedded OLE objects, formula text in string cells. The parts are written
with ``zipfile`` exactly as Excel lays them out (content types, relationships), so the intake has to
judge them by what they are, not by what they are called.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl

from zicht.intake.layout import FIELDS_MARKER, ROW_REGIONAL
from zicht.intake.templates import build_template

PARTNER, YEAR = "police_tmm", 2022
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The header of an OLE2 compound file: what vbaProject.bin, oleObject1.bin and activeX1.bin start with."""
VBA_PROJECT = CFB + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"Attribute VB_Name = \"Module1\"" * 20
OLE_OBJECT = CFB + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + "Ole10Native".encode("utf-16-le") * 20

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS = "http://schemas.microsoft.com/office/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARE = "file:///\\\\fileserver\\afdeling\\cijfers-2022.xlsx"


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def fill(wb, code: str, value) -> tuple[str, str, int]:
    """Put ``value`` in the total row of indicator ``code``; returns (sheet title, column, row)."""
    ws = next(ws for ws in wb.worksheets if ws["A1"].value == code)
    fields = next(r for r in ws.iter_rows() if r[0].value == FIELDS_MARKER)
    columns = {c.value: c.column_letter for c in fields if c.value}
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == ROW_REGIONAL)
    ws[f"{columns['value']}{row}"] = value
    return ws.title, columns, row


def filled_workbook():
    """The police template with last year's Comensha notifications filled in (openpyxl)."""
    wb = openpyxl.load_workbook(io.BytesIO(build_template(PARTNER, YEAR)))
    fill(wb, "police.comensha_notifications", 20)
    return wb


def legitimate() -> bytes:
    return _save(filled_workbook())


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def pack(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _content_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override + b"</Types>")


def _default_type(parts: dict[str, bytes], extension: str, content_type: str) -> None:
    default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", default + b"</Types>")


def _relationship(parts: dict[str, bytes], source: str, rel_type: str, target: str, external: bool = False) -> str:
    """Add a relationship from ``source`` (a part name) and return its id."""
    folder, _, name = source.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    xml = parts.get(rels, b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                          b"</Relationships>")
    rid = f"rIdZ{len(re.findall(rb'<Relationship ', xml)) + 1}"
    mode = ' TargetMode="External"' if external else ""
    entry = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"{mode}/>'.encode()
    parts[rels] = xml.replace(b"</Relationships>", entry + b"</Relationships>")
    return rid


def _in_sheet(parts: dict[str, bytes], xml: str, before: bytes = b"</worksheet>") -> None:
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = parts[sheet].replace(before, xml.encode() + before)


def _external_link_part(body: str) -> bytes:
    return (f'<externalLink xmlns="{MAIN}" xmlns:r="{R}">{body}</externalLink>').encode()


# -- the corpus ------------------------------------------------------------------------------------

def vba_renamed_with_content_type(parts):
    """xl/vbaProject.bin renamed to xl/styles2.xml; the content-type override still says what it is."""
    parts["xl/styles2.xml"] = VBA_PROJECT
    _content_type(parts, "xl/styles2.xml", "application/vnd.ms-office.vbaProject")
    _relationship(parts, "xl/workbook.xml", f"{MS}/vbaProject", "styles2.xml")


def vba_by_relationship_only(parts):
    """A VBA project reached through the workbook's relationship, under a harmless-looking name."""
    parts["xl/media/image7.png"] = b"\x89PNG\r\n\x1a\n" + b"Attribute VB_Name" * 40
    _relationship(parts, "xl/workbook.xml", f"{MS}/vbaProject", "media/image7.png")


def vba_by_default_content_type(parts):
    """Every .dat part declared a VBA project by a Default (extension) content type."""
    parts["xl/theme/extra.dat"] = b"Attribute VB_Name" * 40
    _default_type(parts, "dat", "application/vnd.ms-office.vbaProject")


def ole_magic_under_another_name(parts):
    """project.bin renamed to docProps/thumbnail.jpeg: no content type, no relationship, only its bytes."""
    parts["docProps/thumbnail.jpeg"] = VBA_PROJECT


def macro_enabled_workbook(parts):
    """The workbook part declared a macro-enabled workbook (an .xlsm renamed to .xlsx)."""
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")


def excel4_macro_sheet(parts):
    """An Excel 4.0 (XLM) macro sheet stored among the worksheets."""
    parts["xl/worksheets/sheet9.xml"] = (
        b'<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>')
    _content_type(parts, "xl/worksheets/sheet9.xml", "application/vnd.ms-excel.macrosheet+xml")
    _relationship(parts, "xl/workbook.xml", f"{MS}/xlMacrosheet", "worksheets/sheet9.xml")


def activex_control(parts):
    parts["xl/ctrl/c1.xml"] = b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>'
    parts["xl/ctrl/c1.bin"] = OLE_OBJECT
    _content_type(parts, "xl/ctrl/c1.xml", "application/vnd.ms-office.activeX+xml")
    _relationship(parts, "xl/ctrl/c1.xml", f"{MS}/activeXControlBinary", "c1.bin")
    _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/control", "../ctrl/c1.xml")


def external_link_to_file_share(parts):
    """A cell linked to a workbook on a file share, as Excel writes it (xl/externalLinks/)."""
    parts["xl/externalLinks/externalLink1.xml"] = _external_link_part(
        '<externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook>')
    _relationship(parts, "xl/externalLinks/externalLink1.xml", f"{R}/externalLinkPath", SHARE, external=True)
    _content_type(parts, "xl/externalLinks/externalLink1.xml",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml")
    _relationship(parts, "xl/workbook.xml", f"{R}/externalLink", "externalLinks/externalLink1.xml")


def external_link_renamed(parts):
    """The same link part under another name, without its content type: found by its relationship."""
    parts["xl/printerSettings/printerSettings1.xml"] = _external_link_part(
        '<externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook>')
    _relationship(parts, "xl/printerSettings/printerSettings1.xml", f"{R}/externalLinkPath", SHARE, external=True)


def external_relationship(parts):
    """Any relationship with TargetMode="External" that is not a web hyperlink (a linked template)."""
    _relationship(parts, "xl/workbook.xml", f"{R}/attachedTemplate", "\\\\fileserver\\sjablonen\\zicht.xltm",
                  external=True)


def hyperlink_to_file_share(parts):
    """A hyperlink that opens a file on a share (leaks the Windows login when followed)."""
    rid = _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/hyperlink", SHARE, external=True)
    _in_sheet(parts, f'<hyperlinks><hyperlink ref="B2" r:id="{rid}" '
                     f'xmlns:r="{R}"/></hyperlinks>', before=b"<pageMargins")


def linked_picture_on_a_share(parts):
    """An image fetched from a share whenever the workbook opens."""
    _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/image", "\\\\fileserver\\logo.png", external=True)


def data_connection(parts):
    """A data connection (ODBC/web query) that Excel refreshes from outside."""
    parts["xl/connections.xml"] = (f'<connections xmlns="{MAIN}"><connection id="1" name="q" type="1" '
                                   'refreshOnLoad="1"><dbPr connection="DSN=cijfers" command="SELECT 1"/>'
                                   "</connection></connections>").encode()
    _content_type(parts, "xl/connections.xml",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml")
    _relationship(parts, "xl/workbook.xml", f"{R}/connections", "connections.xml")


def dde_link(parts):
    """A DDE link (``=cmd|'/c calc'!A0`` as Excel stores it) in an external-link part."""
    parts["xl/externalLinks/externalLink1.xml"] = _external_link_part(
        '<ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="A0" advise="1"/></ddeItems></ddeLink>')
    _content_type(parts, "xl/externalLinks/externalLink1.xml",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml")
    _relationship(parts, "xl/workbook.xml", f"{R}/externalLink", "externalLinks/externalLink1.xml")


def dde_link_hidden(parts):
    """A DDE link in a part with an innocent name, no content type and no relationship to it."""
    parts["docProps/custom.xml"] = _external_link_part(
        '<x:ddeLink xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ddeService="cmd" '
        'ddeTopic="/c powershell"/>')


def embedded_ole_object(parts):
    """An OLE object embedded in the sheet, as Excel writes it (xl/embeddings/oleObject1.bin)."""
    parts["xl/embeddings/oleObject1.bin"] = OLE_OBJECT
    _default_type(parts, "bin", "application/vnd.openxmlformats-officedocument.oleObject")
    rid = _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/oleObject", "../embeddings/oleObject1.bin")
    _in_sheet(parts, f'<oleObjects><oleObject progId="Package" shapeId="1025" r:id="{rid}" '
                     f'xmlns:r="{R}"/></oleObjects>')


def embedded_package_renamed(parts):
    """An embedded document (a package) moved out of xl/embeddings/ to xl/media/."""
    parts["xl/media/image1.png"] = pack({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/package", "../media/image1.png")


def embedded_ole_renamed(parts):
    """oleObject1.bin renamed to xl/media/image3.emf; the sheet still embeds it."""
    parts["xl/media/image3.emf"] = OLE_OBJECT
    rid = _relationship(parts, "xl/worksheets/sheet2.xml", f"{R}/oleObject", "../media/image3.emf")
    _in_sheet(parts, f'<oleObjects><oleObject progId="Word.Document.12" shapeId="1025" r:id="{rid}" '
                     f'xmlns:r="{R}"/></oleObjects>')


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[dict], None]
    code: str
    found: str
    """A word the message must contain, saying what was found."""


CORPUS = [
    Hostile("vba-renamed-with-content-type", vba_renamed_with_content_type, "macros", "styles2.xml"),
    Hostile("vba-by-relationship-only", vba_by_relationship_only, "macros", "image7.png"),
    Hostile("vba-by-default-content-type", vba_by_default_content_type, "macros", "extra.dat"),
    Hostile("ole-magic-under-another-name", ole_magic_under_another_name, "macros", "thumbnail.jpeg"),
    Hostile("macro-enabled-workbook", macro_enabled_workbook, "macros", "workbook.xml"),
    Hostile("excel4-macro-sheet", excel4_macro_sheet, "macros", "sheet9.xml"),
    Hostile("activex-control", activex_control, "activex", "c1.xml"),
    Hostile("external-link-to-file-share", external_link_to_file_share, "external-links", "fileserver"),
    Hostile("external-link-renamed", external_link_renamed, "external-links", "fileserver"),
    Hostile("external-relationship", external_relationship, "external-links", "sjablonen"),
    Hostile("hyperlink-to-file-share", hyperlink_to_file_share, "external-links", "fileserver"),
    Hostile("linked-picture-on-a-share", linked_picture_on_a_share, "external-links", "logo.png"),
    Hostile("data-connection", data_connection, "external-links", "connections.xml"),
    Hostile("dde-link", dde_link, "dde", "externalLink1.xml"),
    Hostile("dde-link-hidden", dde_link_hidden, "dde", "custom.xml"),
    Hostile("embedded-ole-object", embedded_ole_object, "embedded-objects", "oleObject1.bin"),
    Hostile("embedded-package-renamed", embedded_package_renamed, "embedded-objects", "image1.png"),
    Hostile("embedded-ole-renamed", embedded_ole_renamed, "embedded-objects", "image3.emf"),
]


def hostile(entry: Hostile, base: bytes | None = None) -> bytes:
    parts = members(base if base is not None else legitimate())
    entry.build(parts)
    return pack(parts)


def with_text_cell(text: str, code: str = "police.comensha_notifications", field: str = "value") -> tuple[bytes, tuple]:
    """The filled template with ``text`` typed as a text cell in ``field`` of the total row.

    openpyxl would store a value starting with "=" as a formula; a text cell is what Excel writes when
    a partner types a leading apostrophe, or what a system writes when it exports formula text."""
    wb = filled_workbook()
    title, columns, row = fill(wb, code, 20)
    ws = wb[title]
    cell = ws[f"{columns[field]}{row}"]
    cell.value = text
    cell.data_type = "s"
    return _save(wb), (title, row, columns[field])
