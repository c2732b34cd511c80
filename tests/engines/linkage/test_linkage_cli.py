"""The CLIs: encode, keygen, link; their refusals; and no clear identifier anywhere."""

import json
import logging
import re

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from zicht.engines.linkage.synthetic import generate_people, make_partner_lists


@pytest.fixture(scope="module")
def partner_files(tmp_path_factory):
    """Three partner exports, a shared key, their encodings, and a second key."""
    folder = tmp_path_factory.mktemp("linkage")
    truth = make_partner_lists(generate_people(600, seed=21), seed=22)
    exports = {}
    for name, frame in truth.lists.items():
        exports[name] = folder / f"export_{name}.csv"
        frame.to_csv(exports[name], index=False, sep=";")
    call_command("keygen", "--out", str(folder / "key.txt"))
    call_command("keygen", "--out", str(folder / "other.txt"))
    encoded = {}
    for name, path in exports.items():
        encoded[name] = folder / f"{name}.csv"
        call_command("encode", str(path), "--secret-file", str(folder / "key.txt"),
                     "--out", str(encoded[name]))  # fmt: skip
    return {"folder": folder, "truth": truth, "exports": exports, "encoded": encoded}


def _token(value):
    return re.compile(rf"(?<![0-9a-z]){re.escape(value.lower())}(?![0-9a-z])")


def _clear_values(truth):
    values = set()
    for frame in truth.lists.values():
        for column in ("first_name", "last_name"):
            values.update(v for v in frame[column] if len(v) >= 4)
        values.update(v for v in frame["birth_date"] if len(v) >= 8)
    return values


def test_encoded_files_and_logs_hold_no_clear_identifier(partner_files, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    clusters = tmp_path / "clusters.csv"
    call_command("link", *map(str, partner_files["encoded"].values()), "--clusters", str(clusters))
    written = "".join(p.read_text(encoding="utf-8") for p in partner_files["encoded"].values())
    written += clusters.read_text(encoding="utf-8")
    captured = capsys.readouterr()
    logs = captured.out + captured.err + caplog.text
    lowered_written, lowered_logs = written.lower(), logs.lower()
    # A value counts as a whole token: a short name made of the letters a-f ("Deda") occurs
    # by chance inside a long hexadecimal encoding, which is no leak.
    leaks = [v for v in _clear_values(partner_files["truth"])
             if _token(v).search(lowered_written) or _token(v).search(lowered_logs)]  # fmt: skip
    assert leaks == []
    header = next(iter(partner_files["encoded"].values())).read_text().splitlines()[0].split(",")
    assert not {"first_name", "last_name", "surname_prefix", "birth_date", "sex"} & set(header)


def test_link_json_shape_and_clusters(partner_files, tmp_path, capsys):
    clusters = tmp_path / "clusters.csv"
    call_command("link", *map(str, partner_files["encoded"].values()), "--json",
                 "--threshold", "0.99", "--clusters", str(clusters))  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"persons", "per_list", "histories", "threshold"}
    assert set(data["per_list"]) == set(partner_files["truth"].lists)
    assert data["threshold"] == 0.99
    assert sum(h["count"] for h in data["histories"]) == data["persons"]
    table = pd.read_csv(clusters, dtype=str)
    assert list(table.columns) == ["list", "record_id", "person_id"]
    assert len(table) == sum(len(f) for f in partner_files["truth"].lists.values())
    assert table["person_id"].nunique() == data["persons"]


def test_refuses_clear_names(partner_files):
    with pytest.raises(CommandError, match="directe identificatie") as info:
        call_command("link", str(partner_files["exports"]["politie"]),
                     str(partner_files["encoded"]["zorg"]))  # fmt: skip
    first = partner_files["truth"].lists["politie"]["last_name"].iloc[0]
    assert first not in str(info.value)


def test_refuses_other_secret(partner_files, tmp_path):
    other = tmp_path / "zorg.csv"
    call_command("encode", str(partner_files["exports"]["zorg"]), "--secret-file",
                 str(partner_files["folder"] / "other.txt"), "--out", str(other))  # fmt: skip
    with pytest.raises(CommandError, match="verschillende geheime sleutels"):
        call_command("link", str(partner_files["encoded"]["politie"]), str(other))


def test_refuses_other_secret_even_with_forged_key_check(partner_files, tmp_path):
    other = tmp_path / "zorg_other.csv"
    call_command("encode", str(partner_files["exports"]["zorg"]), "--secret-file",
                 str(partner_files["folder"] / "other.txt"), "--out", str(other))  # fmt: skip
    frame = pd.read_csv(other, dtype=str, keep_default_na=False)
    good = pd.read_csv(partner_files["encoded"]["politie"], dtype=str, keep_default_na=False)
    frame["key_check"] = good["key_check"].iloc[0]
    frame.to_csv(other, index=False)
    with pytest.raises(CommandError, match="bitpatronen komen niet overeen"):
        call_command("link", str(partner_files["encoded"]["politie"]), str(other))


def test_refuses_other_schema_version_and_wrong_length(partner_files, tmp_path):
    frame = pd.read_csv(partner_files["encoded"]["zorg"], dtype=str, keep_default_na=False)
    versioned = tmp_path / "v3.csv"
    frame.assign(encoding_version="zicht-clk-3").to_csv(versioned, index=False)
    with pytest.raises(CommandError, match="schemaversie 'zicht-clk-3'"):
        call_command("link", str(versioned))
    withdrawn = tmp_path / "v1.csv"
    frame.assign(encoding_version="zicht-clk-1").to_csv(withdrawn, index=False)
    with pytest.raises(CommandError, match="niet meer"):
        call_command("link", str(withdrawn))
    short = tmp_path / "short.csv"
    frame.assign(clk=frame["clk"].str[:256]).to_csv(short, index=False)
    with pytest.raises(CommandError, match="geen geldige codering"):
        call_command("link", str(short))
    short_name = tmp_path / "short_name.csv"
    frame.assign(clk_surname=frame["clk_surname"].str[:128]).to_csv(short_name, index=False)
    with pytest.raises(CommandError, match="kolom 'clk_surname'.*geen geldige codering"):
        call_command("link", str(short_name))


def test_refuses_dates_in_case_fields(partner_files, tmp_path):
    frame = pd.read_csv(partner_files["encoded"]["zorg"], dtype=str, keep_default_na=False)
    leaked = tmp_path / "leaked.csv"
    frame.assign(reporter_type="12-05-1990").to_csv(leaked, index=False)
    with pytest.raises(CommandError, match="lijkt een datum"):
        call_command("link", str(leaked))


def test_encode_errors_are_dutch_and_clear(partner_files, tmp_path):
    folder = partner_files["folder"]
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("encode", str(folder / "missing.csv"), "--secret-file", str(folder / "key.txt"),
                     "--out", str(tmp_path / "x.csv"))  # fmt: skip
    weak = tmp_path / "weak.txt"
    weak.write_text("abcd\n")
    with pytest.raises(CommandError, match="te kort"):
        call_command("encode", str(partner_files["exports"]["zorg"]), "--secret-file", str(weak),
                     "--out", str(tmp_path / "x.csv"))  # fmt: skip
    renamed = tmp_path / "renamed.csv"
    partner_files["truth"].lists["zorg"].rename(columns={"first_name": "voornaam"}).to_csv(renamed, index=False)
    with pytest.raises(CommandError, match="first_name"):
        call_command("encode", str(renamed), "--secret-file", str(folder / "key.txt"),
                     "--out", str(tmp_path / "x.csv"))  # fmt: skip
    call_command("encode", str(renamed), "--secret-file", str(folder / "key.txt"),
                 "--out", str(tmp_path / "mapped.csv"), "--column", "first_name=voornaam")  # fmt: skip
    mapped = pd.read_csv(tmp_path / "mapped.csv", dtype=str, keep_default_na=False)
    original = pd.read_csv(partner_files["encoded"]["zorg"], dtype=str, keep_default_na=False)
    assert mapped["clk"].tolist() == original["clk"].tolist()


def test_keygen_refuses_to_overwrite(partner_files):
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("keygen", "--out", str(partner_files["folder"] / "key.txt"))
    key = (partner_files["folder"] / "key.txt").read_text().strip()
    assert len(bytes.fromhex(key)) == 32
