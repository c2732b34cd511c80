"""A share is delivered with its base: per-cell Dutch messages when it is not (ADR 1120)."""

from zicht.intake.validation import validate_bytes

HEADER = "indicator,investigation_trigger,age_band_police,value,source"


def _validate(*rows: str):
    text = "\n".join([HEADER, *rows]) + "\n"
    return validate_bytes(text.encode("utf-8"), "politie.csv", "police_tmm", 2022)


def test_a_share_with_its_base_is_valid():
    result = _validate("police.investigations,,,16,p. 14", "police.investigations_trigger_share,incoming_report,,56,p. 14")
    assert result.valid, result.as_list()


def test_a_share_without_its_base_is_refused_at_its_cell():
    result = _validate("police.investigations_trigger_share,incoming_report,,56,p. 14")
    (p,) = result.errors
    assert (p.code, p.row, p.column, p.value) == ("share-without-base", 2, "value", "56")
    assert "heeft geen basis" in p.message and "police.investigations" in p.message
    assert "Opsporingsonderzoeken mensenhandel" in p.message


def test_a_share_above_100_is_refused_at_its_cell():
    result = _validate("police.investigations,,,16,", "police.investigations_trigger_share,incoming_report,,156,")
    (p,) = result.errors
    assert (p.code, p.row, p.value) == ("out-of-range", 3, "156")
    assert "tussen 0 en 100" in p.message


def test_a_negative_share_is_refused():
    result = _validate("police.investigations,,,16,", "police.investigations_trigger_share,incoming_report,,-5,")
    assert not result.valid
    assert {p.row for p in result.errors} == {3}


def test_a_share_of_a_zero_base_is_refused():
    result = _validate("police.investigation_offenders,,,0,", "police.investigation_offenders_age_share,,gt26,70,")
    (p,) = result.errors
    assert (p.code, p.row) == ("share-of-zero-base", 3)
    assert "rij 2" in p.message
