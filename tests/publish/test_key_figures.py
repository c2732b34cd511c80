"""The "Kerncijfers" come from protected cells only, with the section's honest change sentence."""

from zicht.catalog.definitions import get_catalog
from zicht.publish.blocks import Paragraph, Table, TableCell
from zicht.publish.matter import key_figures, key_figures_block
from zicht.publish.report import BuiltSection
from zicht.publish.sections.registry import ReportContext

IND = "police.complaints"


def _section(previous: TableCell, current: TableCell, change: str) -> BuiltSection:
    table = Table(f"{IND}.years", "Aangiftes per jaar", ["Jaar", "Aantal"],
                  [("2021", [previous]), ("2022", [current])], "Bron: test")
    return BuiltSection("politie", "Politie", "", [Paragraph(change, kind="change"), table])


def _ctx() -> ReportContext:
    return ReportContext(year=2022, store=None, catalog=get_catalog())


def test_this_and_last_year_with_the_change_sentence():
    change = "23 aangiftes in 2022, tegen 16 in 2021: geen trend."
    k = key_figures([_section(TableCell(16, indicator=IND, year=2021), TableCell(23, indicator=IND, year=2022),
                              change)], _ctx())
    [figure] = k.figures
    assert (figure.value, figure.previous, figure.text) == ("23", "16", change)
    html = key_figures_block(k).html
    assert "2022:</span> <span class=\"kf-number\">23</span>" in html and "2021: 16" in html and change in html


def test_a_suppressed_previous_year_gives_no_comparison_and_no_value():
    change = "23 aangiftes in 2022, tegen 3 in 2021."  # the raw sentence would leak the hidden 3
    hidden = TableCell(None, suppressed=True, indicator=IND, year=2021)
    k = key_figures([_section(hidden, TableCell(23, indicator=IND, year=2022), change)], _ctx())
    [figure] = k.figures
    assert figure.previous == "•" and "onderdrukt" in figure.text and "3" not in figure.text
    assert change not in key_figures_block(k).html


def test_a_suppressed_current_year_is_no_key_figure():
    hidden = TableCell(None, suppressed=True, indicator=IND, year=2022)
    k = key_figures([_section(TableCell(16, indicator=IND, year=2021), hidden, "x")], _ctx())
    assert k.figures == []
