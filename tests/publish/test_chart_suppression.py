"""Charts tell the truth about suppression: a suppressed value is a marked gap ("•"), never a
missing or zero-length bar; with fewer than two visible values there is no chart, and a sentence
says so; the data toggle never stands without a chart."""

import re

import pytest

from zicht.publish.blocks import Chart, Table, TableCell
from zicht.publish.charts import bar_chart, bar_chart_spec, year_chart_spec
from zicht.publish.report import BuiltSection, ReportStatus, render_html
from zicht.publish.sections.helpers import NO_CHART_NOTE, render_chart

LABELS = ["Arbeidsuitbuiting", "Seksuele uitbuiting", "Criminele uitbuiting", "Overig"]
VALUES = [None, None, 0, 0]  # the police's complaints of 2022 after disclosure control


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _rows(layer: dict, spec: dict) -> list[dict]:
    data = layer.get("data") or spec.get("data")
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def _bar_layers(spec: dict) -> list[dict]:
    return [layer for layer in _layers(spec) if (layer["mark"]["type"] if isinstance(layer["mark"], dict)
                                                else layer["mark"]) == "bar"]


def test_a_suppressed_value_is_a_marked_gap_in_the_spec():
    spec = bar_chart_spec(LABELS, VALUES, title="Aangiftes mensenhandel, 2022")
    bar_rows = [r for layer in _bar_layers(spec) for r in _rows(layer, spec)]
    assert {r["categorie"] for r in bar_rows} == {"Criminele uitbuiting", "Overig"}  # no bar, not even empty
    marks = [r for layer in _layers(spec) for r in _rows(layer, spec) if r.get("teken") == "•"]
    assert {r["categorie"] for r in marks} == {"Arbeidsuitbuiting", "Seksuele uitbuiting"}
    assert all(r.get("aantal") is None for r in marks)  # the mark carries no value
    # Every category keeps its place on the axis, in the table's order.
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == LABELS
    assert "onderdrukt" in str(spec.get("title"))  # the legend's explanation


def test_the_rendered_svg_draws_the_marks_and_only_the_visible_bars():
    svg = bar_chart(LABELS, VALUES, title="Aangiftes mensenhandel, 2022")
    assert svg.count('aria-roledescription="bar"') == 2
    assert len(re.findall(r">• onderdrukt<", svg)) == 2
    for label in LABELS:
        assert label in svg
    assert "• = onderdrukt" in svg


def test_a_year_series_with_a_suppressed_year_keeps_the_year():
    spec = year_chart_spec([2020, 2021, 2022], [40, None, 55], title="Reeks")
    bars = [r for layer in _bar_layers(spec) for r in _rows(layer, spec)]
    assert [r["jaar"] for r in bars] == ["2020", "2022"]
    marks = [r for layer in _layers(spec) for r in _rows(layer, spec) if r.get("teken") == "•"]
    assert [r["jaar"] for r in marks] == ["2021"]


def _chart(values: list[int | None]) -> Chart:
    rows = [(label, [TableCell(v, suppressed=v is None)]) for label, v in zip(LABELS, values, strict=True)]
    table = Table("t.form", "Aangiftes mensenhandel, 2022", ["Vorm", "Aantal"], rows, "Bron: test")
    return Chart("t.form", table.caption, "", "", table)


def test_fewer_than_two_visible_values_leave_the_chart_out_with_a_sentence():
    chart = render_chart(_chart([None, None, 12, None]))
    assert chart.svg == ""
    assert chart.note == NO_CHART_NOTE
    assert NO_CHART_NOTE.startswith("Geen grafiek: minder dan twee waarden zichtbaar")
    html = render_html(2022, [BuiltSection("s", "S", "", [chart])], status=ReportStatus(2022))
    assert "Gegevens bij de grafiek" not in html  # no toggle without a chart
    assert NO_CHART_NOTE in html and "<caption>Aangiftes mensenhandel, 2022</caption>" in html


def test_two_visible_values_give_a_chart_with_its_data_toggle():
    chart = render_chart(_chart([None, None, 0, 0]))
    assert chart.svg and chart.note == ""
    assert "Niet getoond vanwege onthullingscontrole: Arbeidsuitbuiting, Seksuele uitbuiting" in chart.alt_text
    html = render_html(2022, [BuiltSection("s", "S", "", [chart])], status=ReportStatus(2022))
    assert html.count("Gegevens bij de grafiek") == 1


@pytest.mark.django_db
def test_the_police_complaints_chart_of_2022_shows_its_suppressed_forms():
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import build_sections

    load_catalog()
    load_demo_deliveries()
    sections, *_ = build_sections(2022, NARRATIVE_DIR)
    chart = next(b for s in sections for b in s.blocks if isinstance(b, Chart) and b.key == "police.complaints.form")
    suppressed = [label for label, cells in chart.table.rows if cells[0].suppressed]
    assert len(suppressed) >= 1
    assert chart.svg.count(">• onderdrukt<") == len(suppressed)
    for label in suppressed:
        assert label in chart.svg
    # Every chart of the report: a suppressed cell is never a bar.
    for block in (b for s in sections for b in s.blocks if isinstance(b, Chart)):
        hidden = sum(1 for _, cells in block.table.rows if cells[0].suppressed)
        shown = len(block.table.rows) - hidden
        if shown < 2:
            assert block.svg == "" and block.note == NO_CHART_NOTE
        else:
            assert block.svg.count('aria-roledescription="bar"') == shown, block.key
            assert block.svg.count(">• onderdrukt<") == hidden, block.key


def test_an_all_zero_chart_has_zero_at_the_start_and_no_other_tick():
    spec = bar_chart_spec(LABELS, VALUES, title="Aangiftes mensenhandel, 2022")
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 1] and x["axis"]["values"] == [0]
