"""From linked clusters to figures: distinct persons by form, age group, gender, municipality and by
the number of partners that know them, as a long-format delivery of partner 'linkage'."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pandas as pd

FORM_CODES = {"sexual": "sexual", "labour": "labour", "serious_disadvantage": "labour",
              "criminal": "criminal", "other": "other", "unknown": "other"}
GENDER_CODES = {"Feminine": "female", "TransgenderFeminine": "female", "Masculine": "male",
                "TransgenderMasculine": "male"}


def _mode(values: pd.Series) -> str:
    """The value most records of a person agree on (ties: the first registered)."""
    clean = [v for v in values if isinstance(v, str) and v]
    return Counter(clean).most_common(1)[0][0] if clean else ""


def person_table(clusters: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct person with the attributes its records agree on."""
    merged = clusters.merge(records, on=["list", "record_id"], how="left")
    merged["form"] = merged["exploitation_forms"].fillna("").str.split(";").str[0].map(FORM_CODES).fillna("other")
    merged["age_group"] = merged["minor"].map({"true": "minor", "false": "adult"}).fillna("")
    merged["gender_code"] = merged["gender"].map(GENDER_CODES).fillna("other_unknown")
    grouped = merged.groupby("person_id")
    return pd.DataFrame({
        "form": grouped["form"].agg(_mode),
        "age_group": grouped["age_group"].agg(_mode),
        "gender": grouped["gender_code"].agg(_mode),
        "municipality": grouped["municipality_residence"].agg(_mode),
        "lists": grouped["list"].nunique(),
    })


def figures_csv(persons: pd.DataFrame, source: str, municipalities: list[str] = ()) -> bytes:
    """A long-format delivery for partner 'linkage' (validated and stored like any other).
    ``municipalities``: every municipality of the year; the linkage knows that no linked person
    lives in the ones it does not name, so those are a delivered 0, not "niet geleverd"."""
    out = io.StringIO()
    writer = csv.writer(out)
    dims = ["form", "age_group", "gender", "partner_count"]
    writer.writerow(["indicator", *dims, "municipality", "value", "source"])
    total = len(persons)

    def row(indicator, dim=None, code=None, municipality="", value=0):
        cells = {d: "" for d in dims}
        if dim:
            cells[dim] = code
        writer.writerow([indicator, *cells.values(), municipality, value, source])

    row("linkage.persons", value=total)
    per_municipality = {m: int(c) for m, c in persons["municipality"].value_counts().items() if m}
    for municipality in municipalities:
        per_municipality.setdefault(municipality, 0)
    for municipality, count in sorted(per_municipality.items()):
        row("linkage.persons", municipality=municipality, value=count)
    for indicator, column, codes in (
        ("linkage.persons_by_form", "form", ["sexual", "labour", "criminal", "other"]),
        ("linkage.persons_by_gender", "gender", ["female", "male", "other_unknown"]),
    ):
        row(indicator, value=total)
        counts = persons[column].value_counts()
        for code in codes:
            row(indicator, column, code, value=int(counts.get(code, 0)))
    known_age = persons[persons["age_group"] != ""]
    row("linkage.persons_by_age_group", value=total)
    if len(known_age) == total:  # only a complete split is delivered (parts must add up)
        for code in ("adult", "minor"):
            row("linkage.persons_by_age_group", "age_group", code, value=int((known_age["age_group"] == code).sum()))
    row("linkage.persons_by_partner_count", value=total)
    bands = persons["lists"].map(lambda n: "1" if n == 1 else "2" if n == 2 else "3plus")
    for code in ("1", "2", "3plus"):
        row("linkage.persons_by_partner_count", "partner_count", code, value=int((bands == code).sum()))
    return out.getvalue().encode("utf-8")


def histories_by(clusters: pd.DataFrame, persons: pd.DataFrame, list_names: list[str], column: str) -> dict:
    """Capture histories per stratum (e.g. per form): {stratum: {history tuple: count}}."""
    membership = clusters.groupby("person_id")["list"].agg(lambda s: tuple(int(n in set(s)) for n in list_names))
    frame = pd.DataFrame({"history": membership, "stratum": persons[column]})
    out: dict[str, dict[tuple[int, ...], int]] = {}
    for (stratum, history), count in frame.groupby(["stratum", "history"]).size().items():
        out.setdefault(str(stratum), {})[history] = int(count)
    return out
