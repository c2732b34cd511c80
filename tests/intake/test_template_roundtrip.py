"""XLSX templates: structure, and filling one in reads back exactly what was entered."""

import io

import openpyxl
import pytest

from zicht.catalog.definitions import get_catalog
from zicht.intake.layout import FIELDS_MARKER, ROW_MUNICIPAL, ROW_REGIONAL
from zicht.intake.templates import build_template, sheet_titles
from zicht.intake.validation import validate_bytes


def _sheet(wb, code):
    return next(ws for ws in wb.worksheets if ws["A1"].value == code)


def _columns(ws):
    row = next(r for r in ws.iter_rows() if r[0].value == FIELDS_MARKER)
    return {c.value: c.column_letter for c in row[1:] if c.value}


def _fill(wb, code, entries):
    """entries: {(label, ...): value} for regional rows, matching the Dutch label columns in order."""
    ws = _sheet(wb, code)
    cols = _columns(ws)
    label_cols = [v for k, v in cols.items() if k.startswith("label:") and k != "label:municipality"]
    placed = {}
    for r in range(1, ws.max_row + 1):
        if ws[f"A{r}"].value != ROW_REGIONAL:
            continue
        labels = tuple(ws[f"{c}{r}"].value for c in label_cols)
        if labels in entries:
            ws[f"{cols['value']}{r}"] = entries[labels]
            placed[labels] = r
    assert set(placed) == set(entries), set(entries) - set(placed)
    return ws, cols, placed


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def police_template() -> bytes:
    return build_template("police_tmm", 2022)


def test_structure_instruction_locked_labels_and_validation(police_template):
    wb = openpyxl.load_workbook(io.BytesIO(police_template))
    assert wb.sheetnames[0] == "Instructie"
    assert "leeg" in " ".join(str(c.value) for c in wb["Instructie"]["A"]).lower()
    assert wb["Codelijsten"].sheet_state == "hidden"
    ws = _sheet(wb, "police.complaints")
    cols = _columns(ws)
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions[cols["code:form"]].hidden
    regional = [r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == ROW_REGIONAL]
    assert len(regional) == 5 * 3  # (4 forms + total) x (2 age groups + total)
    last = regional[-1]
    assert ws[f"{cols['label:form']}{last}"].value == "Totaal"
    assert ws[f"{cols['label:age_group']}{last}"].value == "Totaal"
    assert ws[f"{cols['label:form']}{last}"].protection.locked
    assert not ws[f"{cols['value']}{last}"].protection.locked
    whole = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
    assert whole and whole[0].formula1 == "0" and cols["value"] in str(whole[0].sqref)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_sheet_titles_are_unique_and_short():
    for partner in get_catalog().partners.values():
        titles = list(sheet_titles(partner).values())
        assert len(set(t.casefold() for t in titles)) == len(titles)
        assert all(0 < len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)


def test_empty_template_is_readable_and_says_nothing_was_delivered(police_template):
    result = validate_bytes(police_template, "leeg.xlsx", "police_tmm", 2022)
    assert result.file_format == "xlsx"
    assert [p.code for p in result.problems] == ["no-values"]


def test_filled_template_reads_back_exactly(police_template):
    wb = openpyxl.load_workbook(io.BytesIO(police_template))
    _fill(wb, "police.complaints", {
        ("Seksuele uitbuiting", "Totaal"): 22, ("Arbeidsuitbuiting", "Totaal"): 1,
        ("Criminele uitbuiting", "Totaal"): 0, ("Overige vorm van uitbuiting", "Totaal"): 0,
        ("Totaal", "Totaal"): 23,
    })
    ws, cols, placed = _fill(wb, "police.comensha_notifications", {("Totaal",): 20})
    ws.title = "Hernoemd blad"
    result = validate_bytes(_save(wb), "politie.xlsx", "police_tmm", 2022)
    assert result.valid, result.as_list()
    got = {(c.indicator, c.key[1], c.value) for c in result.cells}
    assert got == {
        ("police.complaints", "form=sexual", 22), ("police.complaints", "form=labour", 1),
        ("police.complaints", "form=criminal", 0), ("police.complaints", "form=other", 0),
        ("police.complaints", "", 23), ("police.comensha_notifications", "", 20),
    }
    notif = next(c for c in result.cells if c.indicator == "police.comensha_notifications")
    assert (notif.sheet, notif.row, notif.column) == ("Hernoemd blad", placed[("Totaal",)], cols["value"])


def test_problems_point_to_sheet_excel_row_and_column_letter(police_template):
    wb = openpyxl.load_workbook(io.BytesIO(police_template))
    ws, cols, placed = _fill(wb, "police.complaints", {
        ("Seksuele uitbuiting", "Totaal"): 22, ("Arbeidsuitbuiting", "Totaal"): 2,
        ("Criminele uitbuiting", "Totaal"): 0, ("Overige vorm van uitbuiting", "Totaal"): "12,5",
        ("Totaal", "Totaal"): 23,
    })
    result = validate_bytes(_save(wb), "politie.xlsx", "police_tmm", 2022)
    found = {(p.code, p.sheet, p.row, p.column, p.value) for p in result.errors}
    total_row = placed[("Totaal", "Totaal")]
    assert ("not-a-whole-number", ws.title, placed[("Overige vorm van uitbuiting", "Totaal")], cols["value"], "12,5") in found
    # with "other" unreadable, the parts are incomplete but 22 + 2 + 0 = 24 > 23
    assert ("parts-exceed-total", ws.title, total_row, cols["value"], "23") in found


def test_formula_in_a_value_cell_refuses_the_workbook(police_template):
    wb = openpyxl.load_workbook(io.BytesIO(police_template))
    ws, cols, placed = _fill(wb, "police.comensha_notifications", {("Totaal",): 20})
    ws[f"{cols['value']}{placed[('Totaal',)]}"] = "=10+10"
    result = validate_bytes(_save(wb), "politie.xlsx", "police_tmm", 2022)
    (p,) = result.problems
    assert (p.code, p.sheet, p.row, p.column) == ("formula", ws.title, placed[("Totaal",)], cols["value"])
    assert result.cells == []


def test_municipality_rows_use_drop_down_labels():
    wb = openpyxl.load_workbook(io.BytesIO(build_template("essm_line", 2022)))
    ws, cols, placed = _fill(wb, "essm_line.contacts", {("Totaal",): 168})
    dropdowns = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert dropdowns and "Codelijsten" in dropdowns[0].formula1
    options = [c.value for c in wb["Codelijsten"]["A"][1:] if c.value]
    assert "Rotterdam (GM0599)" in options and "Brielle (GM0501)" in options
    free = [r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == ROW_MUNICIPAL]
    assert len(free) == len(get_catalog().municipalities_in(2022))
    ws[f"{cols['label:municipality']}{free[0]}"] = "Rotterdam (GM0599)"
    ws[f"{cols['value']}{free[0]}"] = 94
    ws[f"{cols['label:municipality']}{free[1]}"] = "Nergenshuizen"
    ws[f"{cols['value']}{free[1]}"] = 3
    result = validate_bytes(_save(wb), "essm.xlsx", "essm_line", 2022)
    (p,) = result.errors
    assert (p.code, p.row, p.column, p.value) == ("unknown-municipality", free[1], cols["label:municipality"], "Nergenshuizen")
    assert ("essm_line.contacts", "", "GM0599", 94) in {(c.indicator, c.key[1], c.municipality, c.value) for c in result.cells}


def test_template_of_another_partner_is_refused_per_sheet(police_template):
    result = validate_bytes(police_template, "politie.xlsx", "nla", 2022)
    assert {p.code for p in result.problems} >= {"wrong-partner", "not-a-template"}


def test_long_format_sheet_in_a_workbook_is_read_like_csv():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator", "value", "source"])
    ws.append(["police.comensha_notifications", 20, "eigen export"])
    ws.append(["police.complaints", 23.0, None])
    result = validate_bytes(_save(wb), "export.xlsx", "police_tmm", 2022)
    assert result.valid, result.as_list()
    assert sorted((c.indicator, c.value, c.row, c.column) for c in result.cells) == [
        ("police.comensha_notifications", 20, 2, "B"), ("police.complaints", 23, 3, "B"),
    ]
