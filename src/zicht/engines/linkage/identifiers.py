"""Does a record number give the person away? A name, a date, an e-mail address or a BSN in ``record_id``.

``zicht encode`` keeps the partner's record number so that the partner can find a record again;
everything identifying is encoded. A partner whose system numbers cases as
``DOORNHOF_ANNA_00-10-1993`` would then deliver the name and birth date in clear beside a perfect
encoding of them. The checks here say which kind of identifier a record number holds (``NAME``,
``DATE``, ``EMAIL``, ``BSN``) or None; the Dutch wording lives with the caller.

Opaque numbers must pass: case numbers (``C-2022-000123``, ``ZAAK123456``, ``POL-000001``), UUIDs,
hexadecimal digests and plain running numbers. So a date is recognised only as a whole date written
the usual ways (``dd-mm-jjjj``, ``jjjj-mm-dd``, ``ddmmjjjj``/``jjjjmmdd`` standing alone, a month
written out), also partly masked (``00-10-1993``, ``XX-10-1993``), never a year alone; a name is two
or more words of letters (``DOORNHOF_ANNA``, ``AnnaDoornhof``) that are not case-number words
(``ZAAK``, ``DOSSIER``, partner codes), or letters without any digit; a BSN is a stand-alone number
of nine digits that passes the eleven test; an e-mail address is ``...@....xx``. One word with a
number (``ZAAK123456``, ``RIEC-NH-2022-017``) is a case number, not a name: a single surname followed
by a running number passes, a known limit documented for partners.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from zicht.engines.linkage.normalise import NAME_PARTICLES

NAME, DATE, EMAIL, BSN = "name", "date", "email", "bsn"

FIRST_YEAR, LAST_YEAR = 1900, 2099

CASE_WORDS = frozenset({
    "zaak", "zaaknr", "zaaknummer", "casus", "casusnr", "case", "cases", "dossier", "dossiernr", "melding",
    "meldingnr", "registratie", "reg", "regnr", "nummer", "nr", "num", "no", "id", "ref", "referentie",
    "record", "rec", "client", "klant", "episode", "signaal", "intake", "aanmelding", "traject", "proces",
    "verbaal", "pv", "bvh", "politie", "police", "kmar", "coa", "ind", "fiod", "nla", "riec", "fier",
    "comensha", "tmm", "essm", "care", "zorg", "line", "lijn", "opvang", "regio", "test", "demo", "jaar",
    "year", "ggd", "veilig", "thuis", "team", "afdeling", "locatie", "mensenhandel", "uitbuiting",
})  # fmt: skip
"""Words that number cases rather than name people (Dutch and English; partner names and codes)."""

VOWELS = frozenset("aeiouy")
HEX_LETTERS = frozenset("abcdef")
EMAIL_PATTERN = re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}")
BSN_PATTERN = re.compile(r"(?<![0-9A-Za-z])(?:(\d{9})|(\d{4})\.(\d{2})\.(\d{3}))(?![0-9A-Za-z])")
_PART = r"(\d{1,2}|(?<![A-Za-z])(?:xx|XX|\?\?))"
DMY_PATTERN = re.compile(rf"(?<![0-9]){_PART}([-/._ ]){_PART}\2(\d{{4}})(?![0-9])")
YMD_PATTERN = re.compile(rf"(?<![0-9])(\d{{4}})([-/._ ]){_PART}\2{_PART}(?![0-9])")
COMPACT_PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{8})(?![0-9A-Za-z])")
MONTHS = "jan|feb|mrt|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec"
WORD_MONTH_PATTERN = re.compile(
    rf"(?<![0-9])(\d{{1,2}})[-/._ ]?(?:{MONTHS})[a-z]*\.?[-/._ ]?(\d{{4}})(?![0-9])", re.IGNORECASE)
UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
HEX_PATTERN = re.compile(r"[0-9a-f]{16,}|[0-9A-F]{16,}")
TOKEN_SPLIT = re.compile(r"[\W_]+")
CAMEL_SPLIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def eleven_test(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _part(text: str) -> int:
    """A day or month as written; a mask (00, XX, ??) counts as 0."""
    return int(text) if text.isdigit() else 0


def _plausible(day: int, month: int, year: int) -> bool:
    if not (FIRST_YEAR <= year <= LAST_YEAR and 0 <= day <= 31 and 0 <= month <= 12):
        return False
    if day and month:
        try:
            dt.date(year, month, day)
        except ValueError:
            return False
    return True


def has_date(text: str) -> bool:
    """A whole date in any of the usual notations, also partly masked (00-10-1993)."""
    for match in DMY_PATTERN.finditer(text):
        if _plausible(_part(match.group(1)), _part(match.group(3)), int(match.group(4))):
            return True
    for match in YMD_PATTERN.finditer(text):
        if _plausible(_part(match.group(4)), _part(match.group(3)), int(match.group(1))):
            return True
    for match in COMPACT_PATTERN.finditer(text):
        digits = match.group(1)
        day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
        if month and _plausible(day, month, year):
            return True
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        if month and _plausible(day, month, year):
            return True
    for match in WORD_MONTH_PATTERN.finditer(text):
        if 1 <= int(match.group(1)) <= 31 and FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR:
            return True
    return False


def has_bsn(text: str) -> bool:
    for match in BSN_PATTERN.finditer(text):
        digits = match.group(1) or "".join(match.group(2, 3, 4))
        if eleven_test(digits):
            return True
    return False


def name_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The words of letters in ``text`` that could be part of a name (not case words, not particles)."""
    words = []
    for token in TOKEN_SPLIT.split(text):
        mixed = not token.isalpha()
        for piece in CAMEL_SPLIT.split(token):
            if len(piece) < 2 or not piece.isalpha():
                continue
            folded = _fold(piece)
            letters = set(folded)
            if not letters & VOWELS or not letters - VOWELS:
                continue
            if mixed and (len(piece) < 3 or letters <= HEX_LETTERS):
                continue  # "be" and "cafe" in "a3f5-be21-cafe": pieces of a hexadecimal number
            if folded in CASE_WORDS or folded in NAME_PARTICLES or folded in allowed:
                continue
            words.append(piece)
    return words


def looks_like_name(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    words = name_words(text, allowed)
    if len(words) >= 2:
        return True
    has_digit = any(ch.isdigit() for ch in text)
    return not has_digit and any(len(w) >= 3 for w in words)


def identifying_kinds(record_id: str, allowed_words: Iterable[str] = ()) -> tuple[str, ...]:
    """Every kind of identifier the record number holds, in the order ``NAME``, ``DATE``, ``EMAIL``,
    ``BSN``; empty for an opaque number.

    ``allowed_words``: extra words that are part of this partner's case numbers (its code, say)."""
    text = record_id.strip()
    if not text or UUID_PATTERN.fullmatch(text) or HEX_PATTERN.fullmatch(text):
        return ()
    found = []
    email = EMAIL_PATTERN.search(text)
    rest = EMAIL_PATTERN.sub(" ", text) if email else text  # the words of an address are not a name
    if looks_like_name(rest, frozenset(_fold(w) for w in allowed_words)):
        found.append(NAME)
    if has_date(text):
        found.append(DATE)
    if email:
        found.append(EMAIL)
    if has_bsn(text):
        found.append(BSN)
    return tuple(found)


def identifying_kind(record_id: str, allowed_words: Iterable[str] = ()) -> str | None:
    """The first of ``identifying_kinds``, or None for an opaque record number."""
    kinds = identifying_kinds(record_id, allowed_words)
    return kinds[0] if kinds else None
