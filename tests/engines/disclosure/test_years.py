"""A published year is frozen; a later publication that repeats it keeps its pattern."""

from zicht.engines.disclosure import (
    TableSpec,
    audit_publication,
    extend_pattern,
    pattern_from_records,
    pattern_to_records,
    protect_publication,
)

from .helpers import tidy

MUNICIPALITIES = ["A", "B", "C", "D"]
FORMS = ["sexual", "labour", "criminal"]
YEAR_1 = [12, 3, 6, 20, 9, 8, 1, 14, 10, 7, 11, 2]
YEAR_2 = [15, 6, 2, 18, 4, 9, 3, 13, 12, 8, 10, 6]


def _year(label, counts):
    return [{**row, "year": label} for row in tidy({"municipality": MUNICIPALITIES, "form": FORMS}, counts)]


def test_second_year_repeats_the_first_with_its_pattern_forced_in():
    first_rows = tidy({"municipality": MUNICIPALITIES, "form": FORMS}, YEAR_1)
    first = protect_publication(first_rows, [("municipality", "form")])
    stored = pattern_to_records(first.pattern())  # what the publication layer keeps
    frozen = extend_pattern(pattern_from_records(stored), year="2022")

    rows = _year("2022", YEAR_1) + _year("2023", YEAR_2)
    tables = [
        TableSpec(("municipality", "form"), where={"year": "2023"}, name="2023"),
        TableSpec(("year", "municipality"), name="trend"),
    ]
    second = protect_publication(rows, tables, frozen=frozen)

    # Every 2022 figure repeated in the trend table has the status it had in 2022.
    trend = second.tables[1]
    for cell in trend.cells:
        if cell.key.get("year") == "2022":
            before = first.cell(**{k: v for k, v in cell.key.items() if k != "year"})
            assert cell.suppressed == before.suppressed
            assert cell.value == before.value
    # The 2022 interior cells are not in this year's tables, but the attacker knows them
    # from last year: they are part of the problem (background) with their old status.
    assert len(second.background) == len(first_rows) + len(FORMS)  # + 2022 form margins
    assert {c.key["year"] for c in second.background} == {"2022"}
    report = audit_publication(rows, second, integer=True)
    assert report.ok, report.findings
    # A frozen cell whose old status is contradicted would be reported.
    assert all(f.kind != "frozen" for f in report.findings)


def test_audit_reports_a_broken_frozen_pattern():
    rows = tidy({"municipality": MUNICIPALITIES, "form": FORMS}, YEAR_1)
    publication = protect_publication(rows, [("municipality", "form")])
    visible = next(k for k, s in publication.pattern().items() if not s and k)
    publication.frozen = {visible: True}
    kinds = {f.kind for f in audit_publication(rows, publication).findings}
    assert kinds == {"frozen"}
