"""Refuse encoded deliveries that cannot be linked or that carry clear identifiers.

Checked before anything is stored: a file with clear names where encodings are
expected, a file made with another encoding schema version, a file with encodings of
the wrong length, and a set of files made with different secrets (their key-check
values differ, and their bit patterns do not correlate), and a record number that holds a
name, a date, an e-mail address or a BSN (``identifiers``). Messages are Dutch, say which
file, row and column is wrong, and never repeat a cell's content (it could be a name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from zicht.engines.linkage.encoding import (
    BLOCKING_KEY_COLUMNS,
    DATE_PART_COLUMNS,
    ENCODED_BITS,
    ENCODED_HEX_LENGTH,
    ENCODING_SCHEMA_VERSION,
    IDENTIFIER_COLUMNS,
    LINKAGE_COLUMNS,
    NAME_ENCODED_BITS,
    NAME_ENCODED_HEX_LENGTH,
    WITHDRAWN_VERSIONS,
)
from zicht.engines.linkage.identifiers import identifying_kind

# Every keyed filter: its column, its length in hexadecimal characters and in bits.
_FILTERS = {
    "clk": (ENCODED_HEX_LENGTH, ENCODED_BITS),
    "clk_given": (NAME_ENCODED_HEX_LENGTH, NAME_ENCODED_BITS),
    "clk_surname": (NAME_ENCODED_HEX_LENGTH, NAME_ENCODED_BITS),
}
_KEYED_HASHES = (*BLOCKING_KEY_COLUMNS, "given_first", *DATE_PART_COLUMNS)

# Column names that betray clear identifiers (Dutch and English spellings).
CLEAR_IDENTIFIER_COLUMNS = frozenset(
    {*IDENTIFIER_COLUMNS, "voornaam", "voornamen", "achternaam", "tussenvoegsel", "naam",
     "name", "surname", "geboortedatum", "date_of_birth", "dob", "geslacht", "bsn",
     "burgerservicenummer", "adres", "address", "postcode", "telefoon", "phone", "email"}
)  # fmt: skip
_HEX = re.compile(r"^[0-9a-f]*$")
_DATE_LIKE = re.compile(r"^\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")
MIN_RECORDS_FOR_CORRELATION = 100
MIN_PROFILE_CORRELATION = 0.3


class EncodedFileError(ValueError):
    """An encoded delivery is refused; the message (Dutch) says what and where."""


def _row_numbers(mask: pd.Series, limit: int = 5) -> str:
    rows = [str(int(i) + 2) for i in np.flatnonzero(mask.to_numpy())[:limit]]  # +2: header, 1-based
    more = int(mask.sum()) - len(rows)
    return ", ".join(rows) + (f" en nog {more}" if more > 0 else "")


def check_encoded_frame(name: str, frame: pd.DataFrame) -> None:
    """Refuse one encoded list that is malformed or carries clear identifiers."""
    clear = sorted(c for c in frame.columns if str(c).strip().lower() in CLEAR_IDENTIFIER_COLUMNS)
    if clear:
        raise EncodedFileError(
            f"Bestand '{name}' bevat kolommen met directe identificatie ({', '.join(clear)}). "
            "Zulke gegevens mogen de partner niet verlaten: codeer het bestand eerst met "
            "'zicht encode'. Het bestand is niet opgeslagen."
        )
    required = ("record_id", *LINKAGE_COLUMNS)
    missing = [c for c in required if c not in frame.columns]
    if "encoding_version" in frame.columns:
        old = sorted(set(frame["encoding_version"].fillna("").astype(str)) & set(WITHDRAWN_VERSIONS))
        if old:
            raise EncodedFileError(
                f"Bestand '{name}' is gecodeerd met schemaversie '{old[0]}', die Zicht niet meer "
                f"gebruikt; deze Zicht verwacht '{ENCODING_SCHEMA_VERSION}' (met aparte coderingen "
                "van voornaam, achternaam en geboortedatumdelen). Laat de partner het eigen bestand "
                "opnieuw coderen met de huidige 'zicht encode' en dezelfde sleutel."
            )
    if missing:
        raise EncodedFileError(
            f"Bestand '{name}' is geen gecodeerd bestand van Zicht: kolom(men) "
            f"{', '.join(missing)} ontbreken. Codeer met 'zicht encode'."
        )
    identifying = frame["record_id"].fillna("").astype(str).map(lambda v: identifying_kind(v) is not None)
    if identifying.any():
        raise EncodedFileError(
            f"Bestand '{name}', kolom 'record_id', rij {_row_numbers(identifying)}: het recordnummer lijkt "
            "een naam, datum, e-mailadres of BSN te bevatten. Gebruik betekenisloze zaaknummers of codeer "
            "opnieuw met 'zicht encode --hash-record-id'; het bestand is niet gebruikt."
        )
    versions = frame["encoding_version"].fillna("").astype(str)
    wrong_version = versions != ENCODING_SCHEMA_VERSION
    if wrong_version.any():
        found = sorted(set(versions[wrong_version]))[:3]
        raise EncodedFileError(
            f"Bestand '{name}' is gecodeerd met schemaversie {', '.join(repr(v) for v in found)} "
            f"(rij {_row_numbers(wrong_version)}); deze Zicht verwacht '{ENCODING_SCHEMA_VERSION}'. "
            "Laat de partner opnieuw coderen met dezelfde versie van 'zicht encode'."
        )
    for column, (hex_length, bits) in _FILTERS.items():
        values = frame[column].fillna("").astype(str)
        bad = ~values.map(lambda v, n=hex_length: v == "" or (len(v) == n and bool(_HEX.match(v))))
        if bad.any():
            raise EncodedFileError(
                f"Bestand '{name}', kolom '{column}', rij {_row_numbers(bad)}: geen geldige codering "
                f"({hex_length} hexadecimale tekens verwacht, {bits} bits). Het bestand lijkt met een "
                "andere schemaversie gemaakt of bevat leesbare tekst; het is niet opgeslagen."
            )
    for column in _KEYED_HASHES:
        values = frame[column].fillna("").astype(str)
        bad = ~values.map(lambda v: v == "" or (len(v) == 16 and bool(_HEX.match(v))))
        if bad.any():
            raise EncodedFileError(
                f"Bestand '{name}', kolom '{column}', rij {_row_numbers(bad)}: geen geldige "
                "sleutelwaarde (16 hexadecimale tekens verwacht). Het bestand is niet opgeslagen."
            )
    for column in frame.columns:
        if column in required:
            continue
        values = frame[column].fillna("").astype(str)
        dates = values.map(lambda v: bool(_DATE_LIKE.match(v)))
        if dates.any():
            raise EncodedFileError(
                f"Bestand '{name}', kolom '{column}', rij {_row_numbers(dates)}: de waarde lijkt "
                "een datum (mogelijk een geboortedatum). Gecodeerde bestanden bevatten geen "
                "datums; het bestand is niet opgeslagen."
            )
    key_checks = set(frame["key_check"].fillna("").astype(str))
    if len(key_checks) > 1:
        raise EncodedFileError(
            f"Bestand '{name}' is met meer dan één geheime sleutel gecodeerd "
            "(verschillende sleutelcontroles). Codeer het hele bestand met één sleutel."
        )
    for column, (_, bits) in _FILTERS.items():
        values = frame[column].fillna("").astype(str)
        filled = values[values != ""]
        if len(filled) and not filled.map(lambda v, b=bits: int(v, 16).bit_count() == b // 2).all():
            raise EncodedFileError(
                f"Bestand '{name}', kolom '{column}': de coderingen hebben niet het vaste aantal "
                f"gezette bits van schemaversie {ENCODING_SCHEMA_VERSION}; het bestand is niet "
                "opgeslagen."
            )


def bit_profile(frame: pd.DataFrame) -> np.ndarray:
    """Share of records with each of the 2048 bits set: a fingerprint of secret and schema."""
    clk = frame["clk"].fillna("").astype(str)
    filled = [value for value in clk if value]
    if not filled:
        return np.zeros(ENCODED_BITS)
    raw = np.frombuffer(b"".join(bytes.fromhex(v) for v in filled), dtype=np.uint8)
    bits = np.unpackbits(raw).reshape(len(filled), ENCODED_BITS)
    return bits.mean(axis=0)


def check_same_secret(lists: Mapping[str, pd.DataFrame]) -> None:
    """Refuse lists encoded with different secrets.

    Primary check: the key-check value, equal for one secret. Second, independent of
    that column: with one secret the common name bigrams and birth years set the same
    bits in every list, so the lists' bit-frequency profiles correlate strongly; with
    different secrets (or a tampered key-check column) they do not correlate at all.
    """
    names = list(lists)
    checks = {name: set(lists[name]["key_check"].fillna("").astype(str)) for name in names}
    reference = names[0]
    for name in names[1:]:
        if checks[name] != checks[reference]:
            raise EncodedFileError(
                f"Bestanden '{reference}' en '{name}' zijn met verschillende geheime sleutels "
                "gecodeerd (de sleutelcontroles verschillen). Koppelen is dan onmogelijk: laat "
                "alle partners coderen met dezelfde sleutel."
            )
    profiles = {name: bit_profile(lists[name]) for name in names}
    sizes = {name: int((lists[name]["clk"].fillna("") != "").sum()) for name in names}
    for first, second in zip(names, names[1:], strict=False):
        if min(sizes[first], sizes[second]) < MIN_RECORDS_FOR_CORRELATION:
            continue
        correlation = float(np.corrcoef(profiles[first], profiles[second])[0, 1])
        if not correlation >= MIN_PROFILE_CORRELATION:
            raise EncodedFileError(
                f"Bestanden '{first}' en '{second}' lijken met verschillende geheime sleutels "
                f"of schemaversies gecodeerd: hun bitpatronen komen niet overeen (correlatie "
                f"{correlation:.2f}, verwacht minstens {MIN_PROFILE_CORRELATION}). Er zouden "
                "vrijwel geen overeenkomsten gevonden worden; de koppeling is niet uitgevoerd."
            )


def check_lists(lists: Mapping[str, pd.DataFrame]) -> None:
    """All checks for a linkage run: each file on its own, then the files together."""
    if not lists:
        raise EncodedFileError("Geen bestanden om te koppelen.")
    for name, frame in lists.items():
        check_encoded_frame(name, frame)
    check_same_secret(lists)
