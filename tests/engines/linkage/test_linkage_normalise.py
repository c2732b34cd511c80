"""Normalisation: what partners write differently must encode the same."""

import pytest

from zicht.engines.linkage.encoding import Encoder
from zicht.engines.linkage.normalise import (
    BirthDate,
    fold_text,
    normalise_sex,
    parse_birth_date,
    phonetic_code,
    surname_core,
)

SECRET = bytes(range(32))


@pytest.mark.parametrize(
    ("prefix", "surname"),
    [("van den", "Berg"), ("", "van den Berg"), ("", "Berg, van den"), ("", "Berg"),
     ("Van Den", "BERG"), ("", "van  den   Berg")],
)  # fmt: skip
def test_particles_anywhere_give_the_same_core(prefix, surname):
    assert surname_core(prefix, surname) == ["berg"]


def test_particle_only_surname_is_kept():
    assert surname_core("", "Van") == ["van"]


def test_diacritics_and_case_fold():
    assert fold_text("Émilie-Zoë Ğül Øster Łukasz ß") == "emilie zoe gul oster lukasz ss"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1990-05-12", BirthDate(1990, 5, 12)), ("12-05-1990", BirthDate(1990, 5, 12)),
     ("12/5/1990", BirthDate(1990, 5, 12)), ("19900512", BirthDate(1990, 5, 12)),
     ("1990-05", BirthDate(1990, 5, None)), ("05-1990", BirthDate(1990, 5, None)),
     ("1990", BirthDate(1990, None, None)), ("", BirthDate()), ("onbekend", BirthDate()),
     ("1990-13-40", BirthDate(1990, None, None)), ("12-05-90", BirthDate())],
)  # fmt: skip
def test_birth_dates(text, expected):
    assert parse_birth_date(text) == expected


def test_sex_spellings():
    assert {normalise_sex(v) for v in ("M", "man", "Male")} == {"m"}
    assert {normalise_sex(v) for v in ("V", "vrouw", "F", "female")} == {"v"}
    assert normalise_sex("") == ""


def test_phonetic_code_merges_spellings():
    assert phonetic_code("Jansen") == phonetic_code("Janssen") == phonetic_code("Janszen")
    assert phonetic_code("Meijer") == phonetic_code("Meyer")


def test_variants_of_one_person_encode_identically():
    encoder = Encoder(SECRET)
    a = encoder.encode_identifiers("Émilie", "de", "Vries", "1990-05-12", "v")
    b = encoder.encode_identifiers("EMILIE", "", "Vries, de", "12-05-1990", "V")
    swapped = encoder.encode_identifiers("de Vries", "", "Emilie", "12-05-1990", "vrouw")
    assert a["clk"] == b["clk"] == swapped["clk"]
    assert a["bk_names"] == swapped["bk_names"]
    assert a["bk_dob"] == b["bk_dob"] == swapped["bk_dob"]


def test_no_identifier_no_encoding():
    assert Encoder(SECRET).encode_identifiers("", "", "", "", "m")["clk"] == ""
