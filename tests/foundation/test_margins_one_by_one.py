"""Margins that share only a published total are protected one by one; a real cross-table as one;
the part without a known municipality is a protected cell of its own (issue 9)."""

from itertools import product

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from zicht.catalog.definitions import get_catalog
from zicht.catalog.services import load_catalog
from zicht.demo.loader import DELIVERIES_DIR, load_demo_deliveries
from zicht.figures.services import FigureStore
from zicht.intake.services import submit_bytes
from zicht.publish.blocks import Chart, Table, TableCell
from zicht.publish.protection import UNKNOWN_MUNICIPALITY, frozen_lookup, protect_blocks
from zicht.publish.report import build_sections
from zicht.publish.sections.registry import ReportContext

pytestmark = pytest.mark.django_db

THRESHOLD = 5
FORMS = ["sexual", "labour", "criminal", "other"]
AGES = ["adult", "minor"]
BY_FORM = {"sexual": 22, "labour": 1, "criminal": 0, "other": 0}
BY_AGE = {"adult": 20, "minor": 3}
CROSS = {("sexual", "adult"): 19, ("sexual", "minor"): 3, ("labour", "adult"): 1, ("labour", "minor"): 0,
         ("criminal", "adult"): 0, ("criminal", "minor"): 0, ("other", "adult"): 0, ("other", "minor"): 0}


def _deliver_police(*, cross: bool = False) -> None:
    """The demo's 2022 police file, now also by age group (and, if asked, form x age group)."""
    text = (DELIVERIES_DIR / "2022" / "police_tmm.csv").read_text(encoding="utf-8")
    pad = "," * (text.split("\n", 1)[0].count(",") - 4)  # the file's further dimension columns, left empty
    extra = [f'police.complaints,,{age},{n},"test: naar leeftijdsgroep"{pad}' for age, n in BY_AGE.items()]
    if cross:
        extra += [f'police.complaints,{form},{age},{n},"test: kruistabel"{pad}' for (form, age), n in CROSS.items()]
    submit_bytes((text.rstrip("\n") + "\n" + "\n".join(extra) + "\n").encode(), "politie-2022-leeftijd.csv",
                 "police_tmm", 2022)


def _tables(built):
    out = {}
    for section in built:
        for block in section.blocks:
            table = block.table if isinstance(block, Chart) else block
            if isinstance(table, Table):
                out[table.key] = table
    return out


def _shown(table: Table, dimension: str) -> dict[str, int | None]:
    return {c.dims[dimension]: (None if c.suppressed else c.value) for _, cells in table.rows for c in cells}


def cross_attacker(total, by_form, by_age, cross=None):
    """Lowest and highest value of every hidden cell for an attacker who sees every published cell
    of both margins (and of the cross-table, if published) and knows the table behind them is
    whole and non-negative: {(dimension, code) or (form, age): (low, high)}."""
    grid = list(product(FORMS, AGES))
    rows, rhs, hidden = [np.ones(len(grid))], [total], {}
    for form in FORMS:
        row = np.array([f == form for f, _ in grid], dtype=float)
        (hidden.__setitem__(("form", form), row) if by_form[form] is None else (rows.append(row), rhs.append(by_form[form])))
    for age in AGES:
        row = np.array([a == age for _, a in grid], dtype=float)
        (hidden.__setitem__(("age_group", age), row) if by_age[age] is None else (rows.append(row), rhs.append(by_age[age])))
    for cell, value in (cross or {}).items():
        row = np.array([g == cell for g in grid], dtype=float)
        (hidden.__setitem__(cell, row) if value is None else (rows.append(row), rhs.append(value)))
    constraint = LinearConstraint(np.array(rows), rhs, rhs)
    out = {}
    for cell, objective in hidden.items():
        ends = []
        for sense in (1.0, -1.0):
            result = milp(sense * objective, constraints=[constraint], bounds=Bounds(0, total),
                          integrality=np.ones(len(grid)))
            assert result.success, result.message
            ends.append(sense * result.fun)
        out[cell] = tuple(ends)
    return out


def _assert_safe(bounds, truth):
    for cell, (low, high) in bounds.items():
        if 1 <= truth[cell] < THRESHOLD:
            assert low <= 0 and high >= THRESHOLD, (cell, truth[cell], low, high)
        assert high - low >= 1, (cell, truth[cell], low, high)


def test_police_complaints_by_form_and_by_age_group_build_and_are_safe():
    load_catalog()
    load_demo_deliveries()
    _deliver_police()
    built, _ctx, outcome, _sheets = build_sections(2022, None)  # crashed: "need a cross-table"
    tables = _tables(built)
    by_form = _shown(tables["police.complaints.form"], "form")
    by_age = _shown(tables["police.complaints.age_group"], "age_group")
    assert tables["police.complaints.form"].total_row[1][0].value == 23
    assert tables["police.complaints.age_group"].total_row[1][0].value == 23
    assert by_form["labour"] is None and by_age["minor"] is None  # the small counts are hidden
    truth = {("form", f): v for f, v in BY_FORM.items()} | {("age_group", a): v for a, v in BY_AGE.items()}
    for key, value in {**{("form", f): v for f, v in by_form.items()},
                       **{("age_group", a): v for a, v in by_age.items()}}.items():
        assert value is None or value == truth[key]
    # both margins together: the attacker narrows no hidden cell
    _assert_safe(cross_attacker(23, by_form, by_age), truth)
    pattern = {(p["indicator"], tuple(p["dims"].items())): p["suppressed"] for p in outcome.pattern}
    assert pattern[("police.complaints", (("age_group", "minor"),))] is True
    assert pattern[("police.complaints", (("form", "labour"),))] is True
    assert pattern[("police.complaints", ())] is False


def _context(year=2022):
    return ReportContext(year=year, store=FigureStore([year]), catalog=get_catalog())


def test_a_published_cross_table_is_protected_as_one_table():
    load_catalog()
    load_demo_deliveries()
    _deliver_police(cross=True)
    ctx = _context()
    cross_cells = {cell: TableCell(n, indicator="police.complaints", dims={"form": cell[0], "age_group": cell[1]},
                                   year=2022) for cell, n in CROSS.items()}
    form_cells = {f: TableCell(n, indicator="police.complaints", dims={"form": f}, year=2022) for f, n in BY_FORM.items()}
    age_cells = {a: TableCell(n, indicator="police.complaints", dims={"age_group": a}, year=2022) for a, n in BY_AGE.items()}
    total = TableCell(23, indicator="police.complaints", year=2022)
    table = Table(key="kruis", caption="Aangiftes naar vorm en leeftijdsgroep", columns=["Vorm", *AGES, "Totaal"],
                  rows=[(f, [cross_cells[(f, a)] for a in AGES] + [form_cells[f]]) for f in FORMS],
                  total_row=("Totaal", [age_cells[a] for a in AGES] + [total]), source="test")
    outcome = protect_blocks([table], ctx)
    shown = {cell: (None if c.suppressed else c.value) for cell, c in cross_cells.items()}
    by_form = {f: (None if c.suppressed else c.value) for f, c in form_cells.items()}
    by_age = {a: (None if c.suppressed else c.value) for a, c in age_cells.items()}
    assert shown[("sexual", "minor")] is None and shown[("labour", "adult")] is None and not total.suppressed
    truth = dict(CROSS) | {("form", f): v for f, v in BY_FORM.items()} | {("age_group", a): v for a, v in BY_AGE.items()}
    _assert_safe(cross_attacker(23, by_form, by_age, shown), truth)
    assert {tuple(sorted(p["dims"])) for p in outcome.pattern} == {(), ("form",), ("age_group",), ("age_group", "form")}


def test_a_cross_table_that_was_not_delivered_is_refused():
    load_catalog()
    load_demo_deliveries()
    _deliver_police()
    cell = TableCell(19, indicator="police.complaints", dims={"form": "sexual", "age_group": "adult"}, year=2022)
    table = Table(key="kruis", caption="x", columns=["", "Aantal"], rows=[("x", [cell])], source="test")
    with pytest.raises(ValueError, match="kruistabel"):
        protect_blocks([table], _context())


# --- the part without a known municipality ------------------------------------------------------

ROTTERDAM, SCHIEDAM = "GM0599", "GM0606"


def _deliver_line_by_municipality(rotterdam: int, schiedam: int) -> None:
    text = (DELIVERIES_DIR / "2022" / "essm_line.csv").read_text(encoding="utf-8")
    header, *lines = text.strip("\n").split("\n")
    sep = ";" if ";" in header else ","
    columns = header.split(sep)
    out = [sep.join([*columns[:-2], "municipality", *columns[-2:]])]
    for line in lines:
        parts = line.split(sep)
        out.append(sep.join([*parts[:len(columns) - 2], "", *parts[len(columns) - 2:]]))
    for code, n in ((ROTTERDAM, rotterdam), (SCHIEDAM, schiedam)):
        row = ["essm_line.contacts", *[""] * (len(columns) - 3), code, str(n), '"test: per gemeente"']
        out.append(sep.join(row))
    submit_bytes(("\n".join(out) + "\n").encode(), "meldpunt-gemeenten.csv", "essm_line", 2022)


def _municipal_table(ctx, values: dict[str, int]) -> tuple[Table, dict[str, TableCell], TableCell]:
    cells = {code: TableCell(n, indicator="essm_line.contacts", dims={"municipality": code}, year=2022)
             for code, n in values.items()}
    total = TableCell(168, indicator="essm_line.contacts", year=2022)
    table = Table(key="gemeenten", caption="Contactmomenten per gemeente", columns=["Gemeente", "Aantal"],
                  rows=[(code, [c]) for code, c in cells.items()], total_row=("Regio", [total]), source="test")
    return table, cells, total


def test_the_unknown_municipality_is_a_protected_cell():
    load_catalog()
    load_demo_deliveries()
    _deliver_line_by_municipality(rotterdam=150, schiedam=15)  # 168 - 165 = 3 without a known municipality
    ctx = _context()
    table, cells, total = _municipal_table(ctx, {ROTTERDAM: 150, SCHIEDAM: 15, UNKNOWN_MUNICIPALITY: 3})
    outcome = protect_blocks([table], ctx)
    assert cells[UNKNOWN_MUNICIPALITY].suppressed and cells[UNKNOWN_MUNICIPALITY].value is None
    assert cells[SCHIEDAM].suppressed  # else 168 - 150 - 15 gives the 3 away
    assert not total.suppressed and total.value == 168
    entry = next(p for p in outcome.pattern if p["dims"] == {"municipality": UNKNOWN_MUNICIPALITY})
    assert entry == {"indicator": "essm_line.contacts", "year": 2022, "dims": {"municipality": "onbekend"},
                     "suppressed": True}


def test_the_status_of_the_unknown_municipality_is_frozen():
    load_catalog()
    load_demo_deliveries()
    _deliver_line_by_municipality(rotterdam=140, schiedam=20)  # 8 unknown: safe on its own
    ctx = _context()
    table, cells, _ = _municipal_table(ctx, {ROTTERDAM: 140, SCHIEDAM: 20, UNKNOWN_MUNICIPALITY: 8})
    outcome = protect_blocks([table], ctx)
    assert not cells[UNKNOWN_MUNICIPALITY].suppressed and cells[UNKNOWN_MUNICIPALITY].value == 8
    assert {"indicator": "essm_line.contacts", "year": 2022, "dims": {"municipality": "onbekend"},
            "suppressed": False, "value": 8} in outcome.pattern
    # an earlier version of this publication hid it (say, the remainder was 3 then)
    earlier = [{"indicator": "essm_line.contacts", "year": 2022, "dims": {"municipality": "onbekend"},
                "suppressed": True}]
    again, cells_again, _ = _municipal_table(ctx, {ROTTERDAM: 140, SCHIEDAM: 20, UNKNOWN_MUNICIPALITY: 8})
    protect_blocks([again], ctx, frozen_lookup([earlier]))
    assert cells_again[UNKNOWN_MUNICIPALITY].suppressed  # an earlier publication hid it: it stays hidden
    assert sum(c.suppressed for c in cells_again.values()) >= 2


def test_municipal_parts_above_the_total_are_refused_by_protection(monkeypatch):
    load_catalog()
    load_demo_deliveries()
    ctx = _context()
    # as if validation had let it through: the store holds municipal parts above the total
    monkeypatch.setattr(ctx.store, "by_municipality", lambda *args, **kwargs: {ROTTERDAM: 200})
    table, _, _ = _municipal_table(ctx, {ROTTERDAM: 200})
    with pytest.raises(ValueError, match="meer dan het totaal"):
        protect_blocks([table], ctx)


def test_margins_with_a_hidden_total_hide_every_non_zero_cell():
    """Once the total is hidden (here: an earlier version hid it), one margin's published cells
    would bound the total for the other (a1 = 10 shown, b1 = 12 shown gives a2 >= 2): every
    non-zero cell of every margin is hidden, so each stays free between 0 and an unknown total."""
    load_catalog()
    load_demo_deliveries()
    _deliver_police()
    ctx = _context()
    form_cells = {f: TableCell(n, indicator="police.complaints", dims={"form": f}, year=2022) for f, n in BY_FORM.items()}
    age_cells = {a: TableCell(n, indicator="police.complaints", dims={"age_group": a}, year=2022) for a, n in BY_AGE.items()}
    totals = [TableCell(23, indicator="police.complaints", year=2022) for _ in range(2)]
    blocks = [Table(key="vorm", caption="x", columns=["", "Aantal"], rows=[(f, [c]) for f, c in form_cells.items()],
                    total_row=("Totaal", [totals[0]]), source="test"),
              Table(key="leeftijd", caption="x", columns=["", "Aantal"], rows=[(a, [c]) for a, c in age_cells.items()],
                    total_row=("Totaal", [totals[1]]), source="test")]
    earlier = [{"indicator": "police.complaints", "year": 2022, "dims": {}, "suppressed": True}]
    protect_blocks(blocks, ctx, frozen_lookup([earlier]))
    assert all(t.suppressed for t in totals)
    for cell in [*form_cells.values(), *age_cells.values()]:
        assert cell.suppressed == (BY_FORM.get(cell.dims.get("form"), BY_AGE.get(cell.dims.get("age_group"))) > 0)
