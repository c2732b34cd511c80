"""Partner-side encoding: names and birth dates become a keyed, hardened Bloom filter.

Runs at the partner, offline. The output holds the partner's record number, the case
fields and the linkage key; never a name, a birth date or the sex in clear. The rules
are frozen per schema version in `zicht/records/schemas/encoding-v2.json`, and fixed
test vectors guard them: partners encode years apart and must still match. Schema 2 adds,
beside the record-level filter, a filter per name field and keyed hashes of the birth-date
parts: the monitor can then weigh a name and a birth date separately (namesakes differ
only in their birth date, and one record-level similarity cannot tell which part agreed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path

from zicht.engines.linkage.normalise import (
    given_names,
    normalise_sex,
    parse_birth_date,
    phonetic_code,
    surname_core,
)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "records" / "schemas"
ENCODING_SCHEMA_FILE = SCHEMA_DIR / "encoding-v2.json"
CASE_RECORD_SCHEMA_FILE = SCHEMA_DIR / "case-record.schema.json"

ENCODING_SCHEMA: dict = json.loads(ENCODING_SCHEMA_FILE.read_text(encoding="utf-8"))
ENCODING_SCHEMA_VERSION: str = ENCODING_SCHEMA["version"]

IDENTIFIER_COLUMNS: tuple[str, ...] = ("first_name", "surname_prefix", "last_name", "birth_date", "sex")
LINKAGE_COLUMNS: tuple[str, ...] = tuple(ENCODING_SCHEMA["output_columns"])
BLOCKING_KEY_COLUMNS: tuple[str, ...] = tuple(ENCODING_SCHEMA["blocking_keys"]["keys"])
FILTER_BITS: int = ENCODING_SCHEMA["bloom_filter"]["length_bits"]
ENCODED_BITS: int = 2 * FILTER_BITS  # balanced: the filter followed by its complement
ENCODED_HEX_LENGTH: int = ENCODED_BITS // 4
NAME_FILTER_BITS: int = ENCODING_SCHEMA["field_filters"]["length_bits"]
NAME_ENCODED_BITS: int = 2 * NAME_FILTER_BITS
NAME_ENCODED_HEX_LENGTH: int = NAME_ENCODED_BITS // 4
DATE_PART_COLUMNS: tuple[str, ...] = tuple(ENCODING_SCHEMA["date_parts"]["keys"])
WITHDRAWN_VERSIONS: tuple[str, ...] = ("zicht-clk-1",)
MIN_SECRET_BYTES: int = ENCODING_SCHEMA["secret"]["min_bytes"]
RECORD_ID_HEX_LENGTH: int = 20
"""A hashed record number: 80 bits, far from a collision among a partner's records."""


def _case_fields() -> tuple[str, ...]:
    schema = json.loads(CASE_RECORD_SCHEMA_FILE.read_text(encoding="utf-8"))
    names = [field["name"] for field in schema["fields"]]
    return tuple(name for name in names if name != "record_id" and name not in LINKAGE_COLUMNS)


CASE_FIELDS: tuple[str, ...] = _case_fields()


class SecretError(ValueError):
    """The secret file is missing, unreadable or too weak (message in Dutch, never the secret)."""


def generate_secret() -> bytes:
    """32 random bytes from the operating system's cryptographic generator."""
    return secrets.token_bytes(MIN_SECRET_BYTES)


def secret_to_text(secret: bytes) -> str:
    """The secret-file format: one line of hexadecimal characters."""
    return secret.hex() + "\n"


def load_secret(path: str | Path) -> bytes:
    """Read a secret file written by `zicht keygen`; refuse short or malformed secrets."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError as exc:
        raise SecretError(f"Sleutelbestand '{path}' bestaat niet.") from exc
    except (UnicodeDecodeError, OSError) as exc:
        raise SecretError(
            f"Sleutelbestand '{path}' is niet leesbaar als tekst met hexadecimale tekens."
        ) from exc
    try:
        secret = bytes.fromhex(text)
    except ValueError as exc:
        raise SecretError(
            f"Sleutelbestand '{path}' bevat iets anders dan hexadecimale tekens "
            "(maak een sleutel met 'zicht keygen')."
        ) from exc
    if len(secret) < MIN_SECRET_BYTES:
        raise SecretError(
            f"Sleutel in '{path}' is te kort: {len(secret)} bytes, minimaal {MIN_SECRET_BYTES} "
            "(maak een sleutel met 'zicht keygen')."
        )
    return secret


def _bigrams(word: str) -> list[str]:
    padded = f"_{word}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


class _BalancedFilter:
    """One keyed Bloom filter, balanced with its complement and shuffled by a keyed permutation."""

    def __init__(self, position_key: bytes, permutation_key: bytes, bits: int, k: Mapping[str, int]):
        self._position_key = position_key
        self._permutation_key = permutation_key
        self.bits = bits
        self._k = dict(k)
        self._positions_cache: dict[tuple[str, str], tuple[int, ...]] = {}

    @cached_property
    def permutation(self) -> list[int]:
        """Keyed Fisher-Yates shuffle of the 2 * bits output positions."""
        order = list(range(2 * self.bits))
        for i in range(2 * self.bits - 1, 0, -1):
            digest = hmac.new(self._permutation_key, i.to_bytes(4, "big"), hashlib.sha256).digest()
            j = int.from_bytes(digest[:8], "big") % (i + 1)
            order[i], order[j] = order[j], order[i]
        return order

    def positions(self, feature: str, token: str) -> tuple[int, ...]:
        cache_key = (feature, token)
        cached = self._positions_cache.get(cache_key)
        if cached is not None:
            return cached
        digest = hmac.digest(self._position_key, f"{feature}\x1f{token}".encode(), "sha512")
        numbers = [int.from_bytes(digest[i : i + 2], "big") for i in range(0, 64, 2)]
        positions = tuple(number % self.bits for number in numbers[: self._k[feature]])
        self._positions_cache[cache_key] = positions
        return positions

    @cached_property
    def _output_masks(self) -> tuple[int, list[int]]:
        """The all-zero filter's output and, per filter bit, the two output bits it flips.

        Setting filter bit p clears its complement bit and sets bit p, both at their
        permuted places, so a record is one XOR per set bit instead of 2 * bits moves.
        """
        total = 2 * self.bits
        place = [0] * total
        for output_index, source in enumerate(self.permutation):
            place[source] = 1 << (total - 1 - output_index)
        empty = 0
        for position in range(self.bits):
            empty |= place[self.bits + position]
        toggles = [place[p] | place[self.bits + p] for p in range(self.bits)]
        return empty, toggles

    def hex(self, tokens: set[tuple[str, str]]) -> str:
        set_bits: set[int] = set()
        for feature, token in tokens:
            set_bits.update(self.positions(feature, token))
        value, toggles = self._output_masks
        for position in set_bits:
            value ^= toggles[position]
        return f"{value:0{self.bits // 2}x}"


class Encoder:
    """Holds the sub-keys and caches of one secret; encodes one person at a time."""

    def __init__(self, secret: bytes):
        if len(secret) < MIN_SECRET_BYTES:
            raise SecretError(f"Sleutel is te kort: minimaal {MIN_SECRET_BYTES} bytes.")
        features = ENCODING_SCHEMA["bloom_filter"]["features"]
        self._record_filter = _BalancedFilter(
            self._sub_key(secret, "clk"), self._sub_key(secret, "permutation"), FILTER_BITS,
            {name: spec["k"] for name, spec in features.items()},
        )  # fmt: skip
        # One filter definition for both name fields, so a given name can be compared
        # with a surname when a partner swapped them.
        self._field_filter = _BalancedFilter(
            self._sub_key(secret, "clk-field"), self._sub_key(secret, "permutation-field"),
            NAME_FILTER_BITS, {"name": ENCODING_SCHEMA["field_filters"]["k"]},
        )  # fmt: skip
        self._block_key = self._sub_key(secret, "blocking")
        self._date_key = self._sub_key(secret, "date")
        self._record_key = self._sub_key(secret, "record-id")
        self.key_check = hmac.new(
            self._sub_key(secret, "key-check"), b"zicht-key-check", hashlib.sha256
        ).hexdigest()[:16]

    @staticmethod
    def _sub_key(secret: bytes, purpose: str) -> bytes:
        label = f"{ENCODING_SCHEMA_VERSION}/{purpose}".encode()
        return hmac.new(secret, label, hashlib.sha256).digest()

    def record_id(self, value: str) -> str:
        """The partner's own record number made opaque (``zicht encode --hash-record-id``).

        Keyed with a sub-key of the shared secret (HMAC-SHA256), so the same number always gives the
        same result (the partner can find a record again by encoding its number) and nobody without
        the key can test a guessed name or birth date against it. Another purpose than the linkage
        keys, so another sub-key: a hashed number never equals any linkage column."""
        digest = hmac.new(self._record_key, value.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:RECORD_ID_HEX_LENGTH]

    @property
    def permutation(self) -> list[int]:
        """The keyed permutation of the record-level filter's output positions."""
        return self._record_filter.permutation

    @staticmethod
    def _keyed(key: bytes, name: str, value: str) -> str:
        if not value:
            return ""
        digest = hmac.digest(key, f"{name}\x1f{value}".encode(), "sha256")
        return digest[:8].hex()

    def encode_identifiers(
        self,
        first_name: str | None,
        surname_prefix: str | None,
        last_name: str | None,
        birth_date: str | None,
        sex: str | None,
    ) -> dict[str, str]:
        """The linkage columns for one person (see `LINKAGE_COLUMNS`)."""
        given = given_names(first_name)
        family = surname_core(surname_prefix, last_name)
        date = parse_birth_date(birth_date)
        sex_code = normalise_sex(sex)

        given_tokens = {("name", gram) for word in given for gram in _bigrams(word)}
        family_tokens = {("name", gram) for word in family for gram in _bigrams(word)}
        tokens = given_tokens | family_tokens
        if date.year is not None:
            tokens.add(("year", f"{date.year:04d}"))
        if date.month is not None:
            tokens.add(("month", f"{date.month:02d}"))
        if date.day is not None:
            tokens.add(("day", f"{date.day:02d}"))
        has_identity = bool(tokens)
        if sex_code:
            tokens.add(("sex", sex_code))

        clk = self._record_filter.hex(tokens) if has_identity else ""
        clk_given = self._field_filter.hex(given_tokens) if given_tokens else ""
        clk_surname = self._field_filter.hex(family_tokens) if family_tokens else ""

        first_given = given[0] if given else ""
        first_family = family[0] if family else ""
        codes = sorted(code for code in (phonetic_code(first_given), phonetic_code(first_family)))
        initials = sorted(word[0] for word in (first_given, first_family) if word)
        year = f"{date.year:04d}" if date.year is not None else ""
        month = f"{date.month:02d}" if date.month is not None else ""
        day = f"{date.day:02d}" if date.day is not None else ""
        keys = {
            "bk_names": "|".join(codes) if all(codes) else "",
            "bk_dob": date.iso(),
            "bk_sn_year": f"{phonetic_code(first_family)}|{year}" if first_family and year else "",
            "bk_init_ym": (
                f"{'|'.join(initials)}|{year}|{month}" if len(initials) == 2 and month else ""
            ),
        }
        result = {
            "encoding_version": ENCODING_SCHEMA_VERSION,
            "key_check": self.key_check,
            "clk": clk,
            "clk_given": clk_given,
            "clk_surname": clk_surname,
        }
        for name in BLOCKING_KEY_COLUMNS:
            result[name] = self._keyed(self._block_key, name, keys[name])
        result["given_first"] = self._keyed(self._block_key, "given_first", first_given)
        result["dob_year"] = self._keyed(self._date_key, "year", year)
        result["dob_month"] = self._keyed(self._date_key, "part", month)
        result["dob_day"] = self._keyed(self._date_key, "part", day)
        return result


def encode_records(
    rows: Iterable[Mapping[str, object]],
    secret: bytes,
    column_map: Mapping[str, str] | None = None,
    hash_record_id: bool = False,
) -> Iterator[dict]:
    """Encode a partner's rows: record_id, the case fields and the linkage columns.

    With ``hash_record_id`` the record number is replaced by ``Encoder.record_id`` of it (for
    partners whose own numbers carry a name or a date, see ``identifiers``).

    `column_map` maps Zicht's input column names (record_id, first_name, surname_prefix,
    last_name, birth_date, sex, and any case field) to the partner's own column names.
    Columns that are neither identifiers nor case fields are dropped, so an extra column
    with an address or a citizen service number can never leave the partner.
    """
    encoder = Encoder(secret)
    mapping = dict(column_map or {})

    def cell(row: Mapping[str, object], name: str) -> str:
        value = row.get(mapping.get(name, name))
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        return str(value).strip()

    for row in rows:
        identifiers = {name: cell(row, name) for name in IDENTIFIER_COLUMNS}
        record_id = cell(row, "record_id")
        out: dict[str, str] = {"record_id": encoder.record_id(record_id) if hash_record_id else record_id}
        for name in CASE_FIELDS:
            out[name] = cell(row, name)
        out.update(encoder.encode_identifiers(**identifiers))
        yield out
