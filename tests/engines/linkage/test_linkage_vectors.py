"""Fixed test vectors of encoding schema zicht-clk-2.

These values must NEVER change within a schema version: partners encode years apart
and their files must still match. A change to normalisation, hashing, weights or
hardening needs a new schema version (and new vectors in a new test file).
"""

import hashlib
import json

import pandas as pd
import pytest

from zicht.engines.linkage.encoding import (
    ENCODED_HEX_LENGTH,
    ENCODING_SCHEMA_FILE,
    ENCODING_SCHEMA_VERSION,
    LINKAGE_COLUMNS,
    NAME_ENCODED_HEX_LENGTH,
    SCHEMA_DIR,
    Encoder,
)
from zicht.engines.linkage.validation import EncodedFileError, check_encoded_frame

SECRET = bytes(range(32))
KEY_CHECK = "a6223b64374545ef"
FILTERS = ("clk", "clk_given", "clk_surname")
EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
# identifiers -> sha256 of clk, clk_given, clk_surname; then the keyed hashes
VECTORS = [
    (("Jan", "van den", "Berg", "1990-05-12", "m"),
     ("1462fd3b743a046b178adfcd133a0aee0f15684a7820106a9d8acb28e0cc46a7",
      "1d1f94eb977060c304a3ed9f87a88a4d5f0fdc0a2f38c53defa0dd6c0adc56db",
      "4322680847ee387d55fcda5472d5cfad88b3d8817c2a09a9b144ee27044590e9"),
     {"bk_names": "d49eff88e3ed78f8", "bk_dob": "a61f50a1af25eeee", "bk_sn_year": "6ce6ea780aa0f0c0",
      "bk_init_ym": "0c03651684daec7e", "given_first": "00467567c90e44a5",
      "dob_year": "489f564c903ccda5", "dob_month": "0762dc20f28e2ecc", "dob_day": "f875b7ded0ebfbac"}),
    (("Émilie", "", "de Vries", "12-05-1990", "V"),
     ("c20f58b557d6ea10938b7650e0e0aad21142496581f5f2fca92afd35ab8c6c09",
      "cfb71efc743a64eb44114b90c936ce628757ded5e382f211f3b636a12985960a",
      "38df09a201c6b7d5b79a22f046777be42071af71c17f6de0cfb3f54fbe0c1810"),
     {"bk_names": "08ab60db20671314", "bk_dob": "a61f50a1af25eeee", "bk_sn_year": "fc961e1279dc9fc3",
      "bk_init_ym": "13608ccd7bd0452b", "given_first": "29dd67e65aa9c740",
      "dob_year": "489f564c903ccda5", "dob_month": "0762dc20f28e2ecc", "dob_day": "f875b7ded0ebfbac"}),
    (("Fatima", "", "El Amrani", "1987", ""),
     ("0eab44cf957eee534e84dc9d30b3a5f41e7e83e502f3680cc127495e796a5d7f",
      "773a69d081cc7c819ce249bdf06eaa221e4a4471e902fe60395911748a927788",
      "d4cc4009c5c13e29067fbec4fd5644b810553e562c8750c4cd7aa1b1be5b2f1d"),
     {"bk_names": "572b789b923763be", "bk_dob": "", "bk_sn_year": "d6aa4f0932e1ee09",
      "bk_init_ym": "", "given_first": "75ceb49997435234", "dob_year": "192a7049171b0047",
      "dob_month": "", "dob_day": ""}),
    (("", "", "", "", ""),
     (EMPTY_SHA, EMPTY_SHA, EMPTY_SHA),  # nothing to encode: empty cells
     {"bk_names": "", "bk_dob": "", "bk_sn_year": "", "bk_init_ym": "", "given_first": "",
      "dob_year": "", "dob_month": "", "dob_day": ""}),
    (("Piotr", "", "Wiśniewski", "", "m"),
     ("6c0293b37a200fbcb9a8cb018ba121a2f6145dad622ea82399c0d467fc9f4924",
      "0c048a93066c4fc90a6b41d27cf95cc97a6f0bb59c4b6a5f292611346e6b8dd2",
      "22077a1f258279f831fb74c97789915f3a468ef231d79df0cd6b9a00caac5fa4"),
     {"bk_names": "753b417578113065", "bk_dob": "", "bk_sn_year": "", "bk_init_ym": "",
      "given_first": "c570cf9589bb56a9", "dob_year": "", "dob_month": "", "dob_day": ""}),
    (("Anna Maria", "", "Jansen", "1990-12-05", "v"),  # month 12 and day 05: same domain as above
     ("3a3b67af9d132863249745fe4f47c87289cef2f423a89dd6c390f42d1e96e626",
      "c7a67c4391b4148426082d224d368acea70620bf661dda3da98c4e748c30f600",
      "6dde187e10e427880b1493cd65ca3e1b534165457bdb6c9aa68c3000245e471c"),
     {"bk_names": "e0bc356caf134fb6", "bk_dob": "bc5e3317cd9d1de5", "bk_sn_year": "ba49f61d72a41362",
      "bk_init_ym": "602a797d9fafb2b3", "given_first": "9d8279b2f781d4b3",
      "dob_year": "489f564c903ccda5", "dob_month": "f875b7ded0ebfbac", "dob_day": "0762dc20f28e2ecc"}),
]  # fmt: skip
FULL_CLK_SURNAME_BERG = (
    "af16a73753684b44a3548ee97622a12a507746cbea7b4adc60216ab0eea46154a2d4782356f082dd092aa7f7435fc283"
    "2eb23bf2a10df84a34c3b2136a3d1eb3ef78335c1f873afd2ffe2a743c48717575ff1b78ff21d8a3f7bbbd12638c4029"
    "a92534027b961bb567555a080fb8644829cfe672052b4af78d048e662cf6c469"
)


def test_schema_version_and_file_agree():
    schema = json.loads(ENCODING_SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["version"] == ENCODING_SCHEMA_VERSION == "zicht-clk-2"
    assert tuple(schema["output_columns"]) == LINKAGE_COLUMNS


def test_fixed_vectors_never_change():
    encoder = Encoder(SECRET)
    assert encoder.key_check == KEY_CHECK
    for identifiers, filter_sha256, keys in VECTORS:
        result = encoder.encode_identifiers(*identifiers)
        for column, expected in zip(FILTERS, filter_sha256, strict=True):
            assert hashlib.sha256(result[column].encode()).hexdigest() == expected, (identifiers, column)
        assert {k: result[k] for k in keys} == keys, identifiers
        assert result["encoding_version"] == ENCODING_SCHEMA_VERSION


def test_full_field_filter_vector_and_balance():
    result = Encoder(SECRET).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")
    assert result["clk_surname"] == FULL_CLK_SURNAME_BERG
    assert len(result["clk"]) == ENCODED_HEX_LENGTH
    assert int(result["clk"], 16).bit_count() == 1024  # balanced: always exactly half the bits set
    for column in ("clk_given", "clk_surname"):
        assert len(result[column]) == NAME_ENCODED_HEX_LENGTH
        assert int(result[column], 16).bit_count() == 512


def test_swapped_names_meet_in_the_field_filters():
    """Given name and surname share one filter definition, so a swap can be recognised."""
    encoder = Encoder(SECRET)
    normal = encoder.encode_identifiers("Selam", "", "Tekle", "1979-10-16", "v")
    swapped = encoder.encode_identifiers("Tekle", "", "Selam", "1979-10-16", "v")
    assert normal["clk_given"] == swapped["clk_surname"]
    assert normal["clk_surname"] == swapped["clk_given"]
    assert normal["clk"] == swapped["clk"]


def test_another_secret_gives_unrelated_encoding():
    ours = Encoder(SECRET).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")
    theirs = Encoder(bytes(range(1, 33))).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")
    assert theirs["key_check"] != ours["key_check"]
    assert theirs["bk_dob"] != ours["bk_dob"]
    assert theirs["dob_year"] != ours["dob_year"]
    same_bits = 2048 - (int(ours["clk"], 16) ^ int(theirs["clk"], 16)).bit_count()
    assert 850 < same_bits < 1200  # chance level (about half), far from a match


def test_schema_1_is_withdrawn_and_refused_with_a_clear_message():
    old = json.loads((SCHEMA_DIR / "encoding-v1.json").read_text(encoding="utf-8"))
    assert old["status"] == "withdrawn"
    frame = pd.DataFrame([{"record_id": "1", "encoding_version": "zicht-clk-1",
                           "key_check": "de40919c7f0b8e03", "clk": "0" * 512}])  # fmt: skip
    with pytest.raises(EncodedFileError, match="zicht-clk-1.*opnieuw coderen"):
        check_encoded_frame("politie", frame)
