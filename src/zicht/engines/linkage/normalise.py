"""Normalise names and birth dates before encoding.

Partners spell the same person differently: diacritics dropped or kept, "van den" in
the prefix column or inside the surname, given and family name swapped, a birth date
written as ISO, as DD-MM-YYYY or only partly. Normalisation removes the differences
that carry no identity, so that the encodings of one person stay close. Every rule here
is part of the encoding schema: changing one changes every encoding, so it needs a new
schema version (see `src/zicht/records/schemas/encoding-v1.json`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Dutch (and common Romance/Arabic) name particles. A particle never decides identity:
# partners put them in the prefix column, inside the surname, after a comma, or drop them.
NAME_PARTICLES = frozenset(
    {
        "van", "de", "der", "den", "het", "t", "ten", "ter", "te", "in", "op", "onder",
        "aan", "bij", "uit", "over", "voor", "vande", "vanden", "vander", "s",
        "la", "le", "les", "du", "da", "di", "del", "della", "dos", "das", "do", "von",
        "zu", "zum", "zur", "el", "al", "d", "l", "y", "e",
    }
)  # fmt: skip

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i", "ĳ": "ij", "Ĳ": "ij"}
)  # fmt: skip

_NON_LETTERS = re.compile(r"[^a-z]+")


def fold_text(value: str | None) -> str:
    """Lower-case ASCII letters and single spaces only: diacritics and punctuation carry no identity."""
    if not value:
        return ""
    text = str(value).translate(_SPECIAL_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    return _NON_LETTERS.sub(" ", text).strip()


def name_tokens(value: str | None) -> list[str]:
    """Split a name into folded words ("Jan-Willem" and "Jan Willem" give the same words)."""
    return fold_text(value).split()


def surname_core(prefix: str | None, surname: str | None) -> list[str]:
    """Surname words without particles, wherever the partner put them.

    "van den Berg", prefix "van den" + "Berg", "Berg, van den" and "Berg" all give
    ["berg"]. A surname made only of particles (e.g. "Van") is kept as it is.
    """
    words = name_tokens(prefix) + name_tokens(surname)
    core = [word for word in words if word not in NAME_PARTICLES]
    return core or words


def given_names(first_name: str | None) -> list[str]:
    """Given-name words; a particle typed into the first-name field is dropped too."""
    words = name_tokens(first_name)
    core = [word for word in words if word not in NAME_PARTICLES]
    return core or words


@dataclass(frozen=True)
class BirthDate:
    """A possibly partial birth date; a missing part is None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def iso(self) -> str:
        """ISO text of the complete date, '' when a part is missing."""
        if not self.is_complete:
            return ""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


_DATE_PARTS = re.compile(r"\d+")


def _plausible(year: int | None, month: int | None, day: int | None) -> BirthDate:
    """Drop parts that cannot be a birth date part, keep the rest (a partial date still helps)."""
    if year is not None and not 1880 <= year <= 2100:
        year = None
    if month is not None and not 1 <= month <= 12:
        month = None
    if day is not None and not 1 <= day <= 31:
        day = None
    if month is None:
        day = None
    return BirthDate(year, month, day)


def parse_birth_date(value: str | None) -> BirthDate:
    """Read ISO (YYYY-MM-DD, YYYY-MM, YYYY), Dutch (DD-MM-YYYY, MM-YYYY) or YYYYMMDD.

    Separators may be '-', '/', '.' or spaces. Anything unreadable becomes an empty
    date rather than an error: a wrong birth date must not stop a partner's whole file.
    """
    if value is None:
        return BirthDate()
    text = str(value).strip()
    if not text:
        return BirthDate()
    if text.isdigit() and len(text) == 8:
        return _plausible(int(text[:4]), int(text[4:6]), int(text[6:]))
    parts = _DATE_PARTS.findall(text)
    if not parts or len(parts) > 3:
        return BirthDate()
    numbers = [int(part) for part in parts]
    if len(parts[0]) == 4:  # ISO order: year first
        year, month, day = (numbers + [None, None])[:3]
        return _plausible(year, month, day)
    if len(parts[-1]) == 4:  # Dutch order: year last
        year = numbers[-1]
        if len(numbers) == 3:
            return _plausible(year, numbers[1], numbers[0])
        if len(numbers) == 2:
            return _plausible(year, numbers[0], None)
        return _plausible(year, None, None)
    return BirthDate()


def normalise_sex(value: str | None) -> str:
    """'m', 'v' (vrouw), 'x' or '' from the usual Dutch and English spellings."""
    text = fold_text(value)
    if not text:
        return ""
    if text in {"m", "man", "male", "mannelijk", "masculine", "jongen"}:
        return "m"
    if text in {"v", "f", "vrouw", "female", "vrouwelijk", "feminine", "meisje"}:
        return "v"
    return "x"


_PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "s"), ("ch", "g"), ("ij", "y"), ("ei", "y"), ("ey", "y"), ("ie", "i"),
    ("oe", "u"), ("ou", "au"), ("ph", "f"), ("th", "t"), ("dt", "t"), ("ck", "k"),
    ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"), ("v", "f"), ("w", "f"),
    ("h", ""),
)  # fmt: skip


def phonetic_code(word: str) -> str:
    """A small Dutch-aware sound code: first letter, then consonant skeleton, 5 characters.

    It merges spellings such as Jansen/Janssen/Janszen or Meijer/Meyer/Meier so that a
    blocking key survives the usual typing and spelling differences.
    """
    word = fold_text(word).replace(" ", "")
    if not word:
        return ""
    first = word[0]
    for old, new in _PHONETIC_RULES:
        word = word.replace(old, new)
    if word.endswith("d"):
        word = word[:-1] + "t"
    skeleton = [ch for ch in word[1:] if ch not in "aeiouy"]
    collapsed: list[str] = []
    for ch in skeleton:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    first_code = {"c": "k", "z": "s", "v": "f", "w": "f", "q": "k", "y": "i", "j": "i"}.get(
        first, first
    )
    return (first_code + "".join(collapsed))[:5]
