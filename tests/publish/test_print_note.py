"""A table too large for paper is a note in the printed monitor and stays whole on the web."""

from zicht.publish.blocks import Table, TableCell
from zicht.publish.report import BuiltSection, ReportStatus, render_html


def test_a_table_with_a_print_note_is_left_out_of_print_only():
    rows = [(f"Gemeente {i}", [TableCell(10 + i)]) for i in range(50)]
    table = Table("t", "Cliënten per gemeente, 2030", ["Gemeente", "Aantal"], rows, "Bron: test",
                  print_note="Cliënten per gemeente, 2030: de tabel staat in de webversie.")
    sections = [BuiltSection("gemeenten", "Cijfers per gemeente", "", [table])]
    screen = render_html(2030, sections, status=ReportStatus(2030))
    printed = render_html(2030, sections, for_print=True, status=ReportStatus(2030))
    assert "Gemeente 49" in screen and "de tabel staat in de webversie" not in screen
    assert "Gemeente 49" not in printed and "de tabel staat in de webversie" in printed
