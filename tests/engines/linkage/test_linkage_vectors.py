"""Fixed test vectors of encoding schema zicht-clk-1.

These values must NEVER change within a schema version: partners encode years apart
and their files must still match. A change to normalisation, hashing, weights or
hardening needs a new schema version (and new vectors in a new test file).
"""

import hashlib
import json

from zicht.engines.linkage.encoding import (
    ENCODED_HEX_LENGTH,
    ENCODING_SCHEMA_FILE,
    ENCODING_SCHEMA_VERSION,
    Encoder,
)

SECRET = bytes(range(32))
KEY_CHECK = "de40919c7f0b8e03"
VECTORS = [
    (("Jan", "van den", "Berg", "1990-05-12", "m"),
     "617094f23dc8eebdda27f6e8e916e06b5724c15c3b302e752ae766a6efb7038f",
     {"bk_names": "a22df3fd88cae90b", "bk_dob": "940c9089ce0b13fe",
      "bk_sn_year": "8a87159e38cee4cc", "bk_init_ym": "297b967f5bd8a699"}),
    (("Émilie", "", "de Vries", "12-05-1990", "V"),
     "f0cae99d3a21aa95ed1c1a160ed31851e527d635984fd1d37cf2e7ef80d05ba0",
     {"bk_names": "57c252c3da43e612", "bk_dob": "940c9089ce0b13fe",
      "bk_sn_year": "07812e465f3b8f6e", "bk_init_ym": "6bc94dad8d364051"}),
    (("Fatima", "", "El Amrani", "1987", ""),
     "e403b6d28d680c2299ee1b4f932587a89850f6580919a6a80c975e2f6e4b0dc5",
     {"bk_names": "49fe05d9a5c8868b", "bk_dob": "", "bk_sn_year": "f57abcab25159edc",
      "bk_init_ym": ""}),
    (("", "", "", "", ""),
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  # empty clk
     {"bk_names": "", "bk_dob": "", "bk_sn_year": "", "bk_init_ym": ""}),
    (("Piotr", "", "Wiśniewski", "", "m"),
     "52a2216945dce8ee40f608a05171cf99ed89a45d2204b171afac8dbf65eaaa40",
     {"bk_names": "15c408c803ad187d", "bk_dob": "", "bk_sn_year": "", "bk_init_ym": ""}),
]  # fmt: skip
FULL_CLK_JAN_VAN_DEN_BERG = (
    "0d0bcefe482b2e0c89a33650a6e18eb827ed41b9aeca633ea1d9194b5aa5c160c07e2fff6e3c1ef70c51c79f302e75e9"
    "c920bb2edecbe9bd63230d4d1c78a05c2cf406cae1df4f74227212204b3e4180da0707201413c8a5fed90959a886c3cc"
    "4f07a5a33c6945e6ca67ead7743e003f10fa7db88532e813526740bff36867b504e696a93a5e02ed7e5c26449e567c76"
    "2591aa7de28da3a42ba7a4a79bf72c29e0d46672dcebcd09fb50f97105a0d393eef7dfca9efb365bd776d517670b09a2"
    "42d114c18e9ca91dd1b3d32ba831aced7082d2e5e1c0c03d70cdf2d168585a6868ce425d7fec6b7f6a53acafea09bb92"
    "f0da2d1bfea30299815e3405e0275886"
)


def test_schema_version_and_file_agree():
    schema = json.loads(ENCODING_SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["version"] == ENCODING_SCHEMA_VERSION == "zicht-clk-1"


def test_fixed_vectors_never_change():
    encoder = Encoder(SECRET)
    assert encoder.key_check == KEY_CHECK
    for identifiers, clk_sha256, keys in VECTORS:
        result = encoder.encode_identifiers(*identifiers)
        assert hashlib.sha256(result["clk"].encode()).hexdigest() == clk_sha256, identifiers
        assert {k: result[k] for k in keys} == keys, identifiers
        assert result["encoding_version"] == ENCODING_SCHEMA_VERSION


def test_full_encoding_vector():
    clk = Encoder(SECRET).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")["clk"]
    assert clk == FULL_CLK_JAN_VAN_DEN_BERG
    assert len(clk) == ENCODED_HEX_LENGTH
    assert int(clk, 16).bit_count() == 1024  # balanced: always exactly half the bits set


def test_another_secret_gives_unrelated_encoding():
    ours = Encoder(SECRET).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")
    theirs = Encoder(bytes(range(1, 33))).encode_identifiers("Jan", "van den", "Berg", "1990-05-12", "m")
    assert theirs["key_check"] != ours["key_check"]
    assert theirs["bk_dob"] != ours["bk_dob"]
    same_bits = 2048 - (int(ours["clk"], 16) ^ int(theirs["clk"], 16)).bit_count()
    assert 850 < same_bits < 1200  # chance level (about half), far from a match
