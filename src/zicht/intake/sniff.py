"""Recognise what a delivered file really is, from its bytes, before any parser touches it.

Extensions lie and parsers are the attack surface, so the cheap structural checks come first:
emptiness, size, magic bytes, and for zip archives the member list and the (declared and actual)
unpacked sizes. While the archive is unpacked (once, with a running cap) every part is also judged by
its content: macros, ActiveX, external links, embedded objects and DDE are refused whatever the part
is called (``workbook_safety``). Every refusal is a ``Problem`` in Dutch; the file is then not parsed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from .cells import Problem
from .limits import MIB, Limits, human_size
from .workbook_safety import PartScanner, judge

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
ENCRYPTION_INFO_UTF16 = "EncryptionInfo".encode("utf-16-le")
OTHER_FORMATS = {
    b"%PDF": "een PDF-document",
    b"\x89PNG": "een PNG-afbeelding",
    b"\xff\xd8\xff": "een JPEG-afbeelding",
    b"GIF8": "een GIF-afbeelding",
    b"\x1f\x8b": "een gzip-archief",
    b"7z\xbc\xaf": "een 7-Zip-archief",
    b"Rar!": "een RAR-archief",
    b"{\\rtf": "een RTF-document",
}
XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")
RATIO_MIN_MEMBER = MIB
CHUNK = 64 * 1024
XML_LEAD = b"\xef\xbb\xbf \t\r\n"
XML_DANGER = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
UNSAFE_XML = (
    "De werkmap bevat onveilige XML-constructies (een DTD of entiteiten, zoals bij een 'billion laughs'-"
    "aanval) en wordt geweigerd. Sla het bestand opnieuw op in Excel als gewone werkmap (.xlsx)."
)


@dataclass
class Sniffed:
    """The verdict: ``file_format`` is "xlsx" or "csv"; ``problems`` non-empty means refused."""

    file_format: str
    problems: list[Problem] = field(default_factory=list)


def _refuse(file_format: str, code: str, message: str) -> Sniffed:
    return Sniffed(file_format, [Problem(code=code, message=message)])


def sniff(content: bytes, filename: str, limits: Limits) -> Sniffed:
    """Decide the format by content and refuse hostile or unreadable files."""
    guess = "xlsx" if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) else "csv"
    if len(content) == 0:
        return _refuse(guess, "empty-file", "Het bestand is leeg (0 bytes). Lever een gevuld sjabloon of CSV-bestand.")
    if len(content) > limits.max_bytes:
        return _refuse(guess, "file-too-large", too_large_message(len(content), limits))
    if content.startswith(OLE2_MAGIC):
        return _refuse("xlsx", *_ole2_verdict(content))
    if content.startswith(ZIP_MAGICS):
        problems = check_zip(content, limits)
        return Sniffed("xlsx", problems)
    for magic, what in OTHER_FORMATS.items():
        if content.startswith(magic):
            return _refuse(
                guess,
                "not-a-spreadsheet",
                f"Dit bestand is {what}, geen spreadsheet. Lever het Excel-sjabloon (.xlsx) of een CSV-bestand.",
            )
    return Sniffed("csv")


def too_large_message(size: int, limits: Limits) -> str:
    return (
        f"Het bestand is te groot ({human_size(size)}); de grens is {human_size(limits.max_bytes)}. "
        "Lever per partner en jaar één bestand, zonder afbeeldingen of extra bladen."
    )


def _ole2_verdict(content: bytes) -> tuple[str, str]:
    if ENCRYPTION_INFO_UTF16 in content:
        return (
            "encrypted-workbook",
            "De Excel-werkmap is versleuteld of met een wachtwoord beveiligd. Verwijder het wachtwoord "
            "(Bestand > Info > Werkmap beveiligen) en lever het bestand opnieuw.",
        )
    return (
        "legacy-workbook",
        "Dit is een oud Excel-bestand (.xls) of een ander OLE2-document. Open het in Excel en sla het op "
        "als Excel-werkmap (.xlsx), of lever een CSV-bestand.",
    )


def check_zip(content: bytes, limits: Limits) -> list[Problem]:
    """Refuse zip archives that are not a plain XLSX, unpack too large, or hold active or linked content."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return [Problem("corrupt-archive", "Het bestand lijkt een Excel-werkmap, maar is beschadigd en kan niet worden geopend.")]
    if len(infos) > limits.max_archive_members:
        return [Problem("zip-bomb", f"De werkmap bevat {len(infos)} interne onderdelen; dat is meer dan de grens van {limits.max_archive_members}. Het bestand wordt niet verwerkt.")]
    names = {i.filename for i in infos}
    if "mimetype" in names and not all(r in names for r in XLSX_REQUIRED):
        return [Problem("not-a-spreadsheet", "Dit is een OpenDocument-bestand (.ods of .odt). Sla het op als Excel-werkmap (.xlsx) of lever een CSV-bestand.")]
    if not all(r in names for r in XLSX_REQUIRED):
        return [Problem("not-a-spreadsheet", "Dit zip-bestand is geen Excel-werkmap (.xlsx). Lever het Excel-sjabloon of een CSV-bestand, niet ingepakt.")]
    if any(i.flag_bits & 0x1 for i in infos):
        return [Problem("encrypted-workbook", "Onderdelen van de werkmap zijn versleuteld. Verwijder de beveiliging en lever het bestand opnieuw.")]
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        return [_bomb(declared, limits)]
    for info in infos:
        if info.file_size > RATIO_MIN_MEMBER and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1):
            return [Problem("zip-bomb", f"Een onderdeel van de werkmap ({info.filename}) pakt uit tot meer dan {limits.max_compression_ratio} keer zijn ingepakte grootte; dat is het kenmerk van een zip-bom. Het bestand wordt niet verwerkt.")]
    scanner = PartScanner()
    problems = _check_actual_sizes(archive, infos, limits, scanner)
    return problems or judge(archive, [i.filename for i in infos], scanner)


def _bomb(size: int, limits: Limits) -> Problem:
    return Problem(
        "zip-bomb",
        f"De werkmap pakt uit tot {human_size(size)}; de grens is {human_size(limits.max_uncompressed_bytes)}. "
        "Het bestand wordt niet verwerkt (mogelijk een zip-bom).",
    )


def _check_actual_sizes(archive: zipfile.ZipFile, infos, limits: Limits, scanner: PartScanner) -> list[Problem]:
    """Unpack every member in chunks with a running cap (declared sizes can lie), feeding the scanner."""
    total = 0
    try:
        for info in infos:
            is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
            tail = b""
            scanner.start(info.filename)
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    if not tail:  # first chunk: XML under another name is XML all the same
                        is_xml = is_xml or chunk.lstrip(XML_LEAD).startswith(b"<")
                    scanner.feed(chunk)
                    total += len(chunk)
                    if total > limits.max_uncompressed_bytes:
                        return [_bomb(total, limits)]
                    if is_xml and any(m in tail + chunk for m in XML_DANGER):
                        return [Problem("unsafe-xml", UNSAFE_XML)]
                    tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return [Problem("corrupt-archive", "De werkmap is beschadigd: een intern onderdeel kan niet worden uitgepakt.")]
    return []
