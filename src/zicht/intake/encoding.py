"""Decode a delivered CSV file: UTF-8 (with or without BOM) or Windows-1252, and nothing else.

Decoding never guesses beyond those two: a UTF-16 file ("Unicode-tekst" in Excel) is named and refused,
and a file that mixes UTF-8 with another encoding is refused at the line where the other encoding
starts, instead of being read as Windows-1252 with every accented letter garbled ("Ã«" for "ë").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import Problem

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
SAVE_AS = "Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en lever het opnieuw."


@dataclass(frozen=True)
class Decoded:
    """The text, or the refusal (``problem``) when the bytes are not text in a supported encoding."""

    text: str | None
    encoding: str
    problem: Problem | None = None


def _looks_utf16(content: bytes) -> bool:
    """No BOM, but every other byte of an ASCII-heavy start is NUL: UTF-16 little or big endian."""
    head = content[:400]
    if len(head) < 8:
        return False
    half = len(head) // 2
    for zeros, text in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        printable = sum(1 for b in text if 32 <= b < 127 or b in (9, 10, 13))
        if zeros.count(0) >= 0.8 * half and printable >= 0.8 * half:
            return True
    return False


def _line_of(content: bytes, position: int) -> int:
    return content.count(b"\n", 0, position) + 1


def decode(content: bytes) -> Decoded:
    """Decode strictly; see the module docstring for what is refused and why."""
    if content.startswith(UTF16_BOMS) or _looks_utf16(content):
        return Decoded(None, "utf-16", Problem(
            "unsupported-encoding",
            f"Dit bestand is opgeslagen als UTF-16 ('Unicode-tekst'). Zicht leest CSV in UTF-8 of Windows-1252. {SAVE_AS}",
        ))
    body, encoding = (content[3:], "utf-8-sig") if content.startswith(UTF8_BOM) else (content, "utf-8")
    try:
        return Decoded(body.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        bad_at = exc.start + (len(content) - len(body))
    if encoding == "utf-8-sig" or UTF8_MULTIBYTE.search(content):
        line = _line_of(content, bad_at)
        return Decoded(None, "mixed", Problem(
            "mixed-encoding",
            f"Dit bestand is grotendeels UTF-8, maar regel {line} bevat een teken in een andere tekenset "
            f"(byte 0x{content[bad_at]:02X}). Zicht raadt niet welke tekens bedoeld zijn. {SAVE_AS}",
            row=line,
        ))
    try:
        return Decoded(content.decode("cp1252"), "windows-1252")
    except UnicodeDecodeError as exc:
        line = _line_of(content, exc.start)
        return Decoded(None, "unknown", Problem(
            "not-a-csv",
            f"Regel {line} bevat een byte (0x{content[exc.start]:02X}) die in UTF-8 noch in Windows-1252 een teken is: "
            f"dit is geen tekstbestand in een ondersteunde tekenset. {SAVE_AS}",
            row=line,
        ))
