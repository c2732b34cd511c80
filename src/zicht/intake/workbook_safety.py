"""Judge a workbook by what its parts are, not by what they are called.

An .xlsx is a zip of parts. Excel finds out what a part is from the package's content types
(``[Content_Types].xml``) and from the relationships that point at it (``*.rels``), never from its
name: a VBA project renamed from ``xl/vbaProject.bin`` to ``xl/styles2.xml`` still runs, and a link to
a workbook on a file share does not need to sit under ``xl/externalLinks/``. So a name check alone
lets them through. Here every part is judged four ways, and any one is enough to refuse:

- its name (what Excel calls these parts);
- its first bytes: an OLE2 compound file (``D0 CF 11 E0``) is how a VBA project, an embedded OLE
  object and an ActiveX binary are stored, and no part of a plain workbook is one;
- its content type, and the type of every relationship pointing at it;
- tell-tale elements in its XML (``<ddeLink>``, ``<externalBook>``, ``<oleLink>``,
  ``<oleObject>``), found while ``sniff`` unpacks the archive anyway (``PartScanner``).

Any relationship with ``TargetMode="External"`` is refused too, except a hyperlink to a web page or an
e-mail address: Excel follows other external targets by itself (a linked picture or template is
fetched on opening, leaking the Windows login to the share), and a hyperlink to a file share is a
trap. Findings are grouped per kind; each kind is one Dutch message naming the parts and what to do.
Pure Python: no Django, so ``sniff`` stays testable on its own.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from defusedxml import ElementTree

from .cells import Problem

MACROS, ACTIVEX, EXTERNAL, EMBEDDED, DDE = "macros", "activex", "external-links", "embedded-objects", "dde"
KINDS = (MACROS, ACTIVEX, EXTERNAL, EMBEDDED, DDE)

CFB_MAGIC = b"\xd0\xcf\x11\xe0"
"""Start of an OLE2 compound file (CFB): vbaProject.bin, oleObject1.bin, activeX1.bin are all one."""

SAVE_PLAIN = "Sla het bestand in Excel op als 'Excel-werkmap (.xlsx)' en lever dat bestand opnieuw."
MESSAGES = {
    MACROS: ("De werkmap bevat macro's (VBA-code of een Excel 4.0-macroblad) in {parts}. Macro's worden om "
             "veiligheidsredenen geweigerd, ook onder een andere naam. Verwijder de macro's: " + SAVE_PLAIN),
    ACTIVEX: ("De werkmap bevat ActiveX-besturingselementen ({parts}). Die worden om veiligheidsredenen "
              "geweigerd. Verwijder de knoppen en besturingselementen: " + SAVE_PLAIN),
    EXTERNAL: ("De werkmap bevat koppelingen naar andere bestanden of externe gegevensbronnen ({parts}). Excel "
               "volgt zulke koppelingen zelf (bijvoorbeeld naar een netwerkschijf), daarom worden ze geweigerd. "
               "Verbreek de koppelingen (Gegevens > Koppelingen bewerken > Koppeling verbreken) of plak de cellen "
               "als waarden, zonder koppelingen: " + SAVE_PLAIN),
    EMBEDDED: ("De werkmap bevat ingesloten objecten (OLE-objecten of ingevoegde documenten: {parts}). Die worden "
               "om veiligheidsredenen geweigerd. Verwijder de objecten: " + SAVE_PLAIN),
    DDE: ("De werkmap bevat een DDE-koppeling ({parts}), waarmee Excel bij het openen een ander programma kan "
          "starten. Die wordt geweigerd. Verwijder de koppeling (Gegevens > Koppelingen bewerken) en plak de "
          "cellen als waarden, zonder formules of koppelingen: " + SAVE_PLAIN),
}

NAME_MARKERS = (
    ("vbaproject", MACROS), ("macrosheets/", MACROS), ("activex/", ACTIVEX),
    ("embeddings/", EMBEDDED), ("externallinks/", EXTERNAL), ("querytables/", EXTERNAL),
)  # fmt: skip
"""Names Excel gives these parts; a renamed part is caught by its content instead."""

CONTENT_TYPE_MARKERS = (
    ("vbaproject", MACROS), ("macroenabled", MACROS), ("macrosheet", MACROS), ("activex", ACTIVEX),
    ("oleobject", EMBEDDED), ("externallink", EXTERNAL), ("connections", EXTERNAL), ("querytable", EXTERNAL),
)  # fmt: skip

RELATIONSHIP_KINDS = {
    "vbaproject": MACROS, "vbaprojectsignature": MACROS, "xlmacrosheet": MACROS, "xlintlmacrosheet": MACROS,
    "control": ACTIVEX, "activexcontrolbinary": ACTIVEX,
    "oleobject": EMBEDDED, "package": EMBEDDED,
    "externallink": EXTERNAL, "externallinkpath": EXTERNAL, "connections": EXTERNAL, "querytable": EXTERNAL,
    "attachedtemplate": EXTERNAL, "frame": EXTERNAL,
}  # fmt: skip
"""The last segment of a relationship type, lower case, and what it makes its target."""

WEB_TARGET = re.compile(r"^\s*(https?://|mailto:|#)", re.IGNORECASE)
"""Hyperlink targets that stay harmless: a web page, an e-mail address, a place in this workbook."""

XML_MARKERS = (b"ddeLink", b"externalBook", b"oleLink", b"leObject")
"""Four fast literal searches per chunk (``leObject`` covers ``oleObject`` and VML's ``OLEObject``; a
``ddeService`` attribute only exists on a ``ddeLink``). A hit is confirmed as markup by
``XML_ELEMENT``: text in a cell has its ``<`` escaped, so a partner typing the word is never refused."""
XML_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(ddeLink|externalBook|oleLink|oleObject|OLEObject)[\s/>]")
XML_KIND = {b"ddeLink": DDE, b"externalBook": EXTERNAL, b"oleLink": EXTERNAL, b"oleObject": EMBEDDED,
            b"OLEObject": EMBEDDED}
TAIL = 64
MAX_NAMED = 3


@dataclass
class Findings:
    """What was found, per kind, in order of discovery (a part is named once per kind)."""

    parts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, where: str) -> None:
        found = self.parts.setdefault(kind, [])
        if where not in found:
            found.append(where)

    def mentions(self, part: str) -> bool:
        return any(part in found for found in self.parts.values())

    def problems(self) -> list[Problem]:
        return [_problem(kind, self.parts[kind]) for kind in KINDS if kind in self.parts]


def _problem(kind: str, parts: list[str]) -> Problem:
    named = ", ".join(f"'{p}'" for p in parts[:MAX_NAMED])
    if len(parts) > MAX_NAMED:
        named += f" en nog {len(parts) - MAX_NAMED}"
    return Problem(kind, MESSAGES[kind].format(parts=named), value=parts[0][:100])


def _by_name(names: Iterable[str], findings: Findings) -> None:
    for name in names:
        lower = name.lower()
        for marker, kind in NAME_MARKERS:
            if marker in lower:
                findings.add(kind, name)


class PartScanner:
    """Fed every member's bytes while ``sniff`` unpacks it once: OLE2 headers and tell-tale XML."""

    def __init__(self) -> None:
        self.findings = Findings()
        self.compound_files: list[str] = []
        self._name = ""
        self._first = True
        self._tail = b""

    def start(self, name: str) -> None:
        self._name, self._first, self._tail = name, True, b""

    def feed(self, chunk: bytes) -> None:
        if self._first:
            self._first = False
            if chunk.startswith(CFB_MAGIC):
                self.compound_files.append(self._name)
                return
        window = self._tail + chunk
        if any(literal in window for literal in XML_MARKERS):
            for match in XML_ELEMENT.finditer(window):
                self.findings.add(XML_KIND[match.group(1)], self._name)
        self._tail = window[-TAIL:]


class _Unreadable(Exception):
    """A content-types or relationships part that is not XML: Excel would not open it; neither do we."""


def judge(archive, names: list[str], scanner: PartScanner) -> list[Problem]:
    """All refusals of an unpacked archive: names, content types, relationships, OLE2 parts, scanned XML."""
    try:
        return _judge(archive, names, scanner)
    except _Unreadable as exc:
        return [Problem("corrupt-archive", f"De werkmap is beschadigd: het interne onderdeel '{exc}' is geen "
                        "leesbare XML. Sla het bestand opnieuw op als Excel-werkmap (.xlsx).", value=str(exc)[:100])]


def _judge(archive, names: list[str], scanner: PartScanner) -> list[Problem]:
    findings = scanner.findings
    _by_name(names, findings)
    types = _content_types(archive, names)
    for name in names:
        content_type = types.get(name, "")
        for marker, kind in CONTENT_TYPE_MARKERS:
            if marker in content_type:
                findings.add(kind, name)
    for rels in (n for n in names if n.lower().endswith(".rels")):
        for rel_type, target, external in _relationships(archive, rels):
            kind = RELATIONSHIP_KINDS.get(rel_type.rstrip("/").rsplit("/", 1)[-1].lower())
            if external:
                web_page = kind is None and rel_type.lower().endswith("/hyperlink") and WEB_TARGET.match(target)
                if not web_page:
                    findings.add(EXTERNAL, target.strip()[:200] or rels)
            elif kind is not None:
                findings.add(kind, _resolve(rels, target))
    for name in scanner.compound_files:
        if not findings.mentions(name):
            findings.add(MACROS, name)
    return findings.problems()


def _parse(archive, name: str):
    try:
        return ElementTree.fromstring(archive.read(name))
    except Exception as exc:  # noqa: BLE001 - any parser failure is a refusal, never a crash
        raise _Unreadable(name) from exc


def _content_types(archive, names: list[str]) -> dict[str, str]:
    """Each member's declared content type, lower case (an Override by part name, else a Default by extension)."""
    root = _parse(archive, "[Content_Types].xml")
    defaults, overrides = {}, {}
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        content_type = (element.get("ContentType") or "").lower()
        if tag == "Default":
            defaults[(element.get("Extension") or "").lower()] = content_type
        elif tag == "Override":
            overrides[unquote(element.get("PartName") or "").lstrip("/").lower()] = content_type
    types = {}
    for name in names:
        found = overrides.get(name.lower())
        if found is None:
            found = defaults.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "")
        types[name] = found
    return types


def _relationships(archive, rels: str) -> list[tuple[str, str, bool]]:
    """(type, target, external) of every relationship in one .rels part."""
    root = _parse(archive, rels)
    return [
        (element.get("Type") or "", element.get("Target") or "",
         (element.get("TargetMode") or "").lower() == "external")
        for element in root if element.tag.rsplit("}", 1)[-1] == "Relationship"
    ]


def _resolve(rels: str, target: str) -> str:
    """The part a relationship points at (``xl/worksheets/_rels/sheet1.xml.rels`` + ``../a.bin`` -> ``xl/a.bin``)."""
    target = unquote(target.strip())
    if target.startswith("/"):
        return target.lstrip("/")
    source_dir = posixpath.dirname(posixpath.dirname(rels))
    return posixpath.normpath(posixpath.join(source_dir, target)).lstrip("/")
