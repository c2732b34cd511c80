"""Domain rules over the cells that passed the cell checks: what needs more than one cell.

Which dimensions an indicator has, municipalities valid in the year, duplicate keys, required grand
totals, parts that add up to stated totals, municipal parts that may not exceed the regional total,
totals that must equal another indicator's total, and the warning for a change of more than a factor
two against last year. See ADR 0101 for the rules and ADR 0104 for the municipal parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..catalog.definitions import Catalog, Indicator
from .cells import WARNING, ParsedCell, Problem, canonical_key, too_many_problems
from .table import INDICATOR, MUNICIPALITY, SOURCE, VALUE, LongTable

Key = tuple[str, tuple[str, ...], str | None]
LARGE_CHANGE_FACTOR = 2
LARGE_CHANGE_MIN_BASE = 5
LARGE_CHANGE_MIN_DIFFERENCE = 20


@dataclass(frozen=True)
class _Spec:
    indicator: Indicator
    dim_idx: tuple[int, ...]
    foreign_idx: tuple[int, ...]
    codes: tuple[tuple[str, ...], ...]

    def dims_of(self, row: list[str]) -> tuple[str, ...]:
        """The row's values of this indicator's dimensions."""
        return tuple([row[j] for j in self.dim_idx]) if self.dim_idx else ()


def is_large_change(previous: int, current: int) -> bool:
    """More than a factor two with a meaningful base: the smaller value is at least 5, or the
    values differ by at least 20 (so 0 -> 25 warns, 1 -> 3 and 4 -> 9 do not)."""
    low, high = sorted((previous, current))
    if high <= LARGE_CHANGE_FACTOR * low:
        return False
    return low >= LARGE_CHANGE_MIN_BASE or high - low >= LARGE_CHANGE_MIN_DIFFERENCE


def _specs(table: LongTable, catalog: Catalog, partner: str) -> dict[str, _Spec]:
    dim_fields = [f for f in table.fields if f not in (INDICATOR, MUNICIPALITY, VALUE, SOURCE)]
    specs = {}
    for ind in catalog.partner(partner).indicators:
        specs[ind.code] = _Spec(
            ind,
            tuple(table.fields.index(d) for d in ind.dimensions),
            tuple(table.fields.index(d) for d in dim_fields if d not in ind.dimensions),
            tuple(tuple(c.code for c in catalog.codelists[d].codes) for d in ind.dimensions),
        )
    return specs


class RuleRun:
    """One pass of the domain rules over a long table; collects problems and the accepted cells."""

    def __init__(self, table: LongTable, values: list[int | None], bad_rows: set[int],
                 catalog: Catalog, partner: str, year: int,
                 previous: Mapping[tuple[str, str, str | None], int] | None, max_problems: int = 1_000):
        self.table, self.values, self.bad_rows = table, values, bad_rows
        self.max_problems = max_problems
        self.stopped = False
        self.catalog, self.partner, self.year = catalog, partner, year
        self.previous = previous or {}
        self.specs = _specs(table, catalog, partner)
        self.problems: list[Problem] = []
        self.seen: dict[Key, int] = {}
        self.delivered: dict[Key, int] = {}
        self.sheet_of: dict[str, str | None] = {}

    # -- helpers -------------------------------------------------------------------------------
    def _at(self, idx: int, field_name: str, code: str, message: str, value: str | None = None,
            severity: str = "error") -> None:
        origin, file_row = self.table.where[idx]
        if value is None:
            value = self.table.found(idx, field_name)
        self.problems.append(Problem(code, message, severity=severity, sheet=origin.sheet, row=file_row,
                                     column=origin.column(field_name) or field_name, value=value))

    def _row_ref(self, idx: int) -> str:
        origin, file_row = self.table.where[idx]
        return f"rij {file_row}" if origin.sheet is None else f"rij {file_row} van blad '{origin.sheet}'"

    def _label(self, key: Key) -> str:
        code, dvals, muni = key
        ind = self.specs[code].indicator
        parts = [
            f"{self.catalog.codelists[d].label_nl}: {self.catalog.codelists[d].label(v) if v else 'totaal'}"
            for d, v in zip(ind.dimensions, dvals)
        ]
        if muni:
            parts.append(f"gemeente {self.catalog.municipalities[muni].name}")
        return f"{code} ({', '.join(parts)})" if parts else f"{code} (totaal)"

    # -- row rules -------------------------------------------------------------------------------
    def _municipality_ok(self, idx: int, spec: _Spec, muni: str) -> bool:
        ind = spec.indicator
        if muni and ind.municipality == "none":
            self._at(idx, MUNICIPALITY, "municipality-not-allowed",
                     f"Indicator {ind.code} wordt niet per gemeente geleverd; laat de gemeente leeg.")
            return False
        if not muni and ind.municipality == "required":
            self._at(idx, MUNICIPALITY, "municipality-required",
                     f"Indicator {ind.code} wordt per gemeente geleverd; vul een gemeentecode in.")
            return False
        if muni:
            m = self.catalog.municipalities[muni]
            if not m.valid_in(self.year):
                if m.successor and m.valid_to and m.valid_to.year < self.year:
                    succ = self.catalog.municipalities[m.successor]
                    msg = (f"Gemeente {m.name} ({m.code}) bestaat niet meer in {self.year}: opgegaan in "
                           f"{succ.name} ({succ.code}). Gebruik die code.")
                else:
                    msg = f"Gemeente {m.name} ({m.code}) bestond niet in {self.year}."
                self._at(idx, MUNICIPALITY, "municipality-not-valid", msg)
                return False
        return True

    def read_rows(self) -> None:
        fields = self.table.fields
        ind_i, muni_i = fields.index(INDICATOR), fields.index(MUNICIPALITY)
        seen, delivered, values, specs = self.seen, self.delivered, self.values, self.specs
        problems, most = self.problems, self.max_problems
        fine: set[tuple[str, str]] = set()  # (how the indicator takes municipalities, code) already accepted
        for idx, row in enumerate(self.table.rows):
            if idx in self.bad_rows:
                continue
            if len(problems) >= most:  # the first N problems are known: stop reading (a file of duplicates)
                self.stopped = True
                return
            spec = specs[row[ind_i]]
            code = spec.indicator.code
            if code not in self.sheet_of:
                self.sheet_of[code] = self.table.where[idx][0].sheet
            ok = True
            for j in spec.foreign_idx:
                if row[j]:
                    dim = fields[j]
                    self._at(idx, dim, "dimension-not-applicable",
                             f"Indicator {code} heeft geen dimensie '{self.catalog.codelists[dim].label_nl}'; "
                             f"laat deze kolom leeg. Dimensies van {code}: "
                             f"{', '.join(spec.indicator.dimensions) or 'geen'}.")
                    ok = False
            muni = row[muni_i]
            how = spec.indicator.municipality
            if (muni or how == "required") and (how, muni) not in fine:
                if self._municipality_ok(idx, spec, muni):
                    fine.add((how, muni))
                else:
                    ok = False
            if not ok:
                continue
            key = (code, spec.dims_of(row) if spec.dim_idx else (), muni or None)
            first = seen.get(key)
            if first is not None:
                self._at(idx, VALUE, "duplicate-key",
                         f"Dezelfde cel ({self._label(key)}) staat al in {self._row_ref(first)}. "
                         "Lever elke combinatie maar één keer.")
                continue
            seen[key] = idx
            value = values[idx]
            if value is None:
                continue
            if spec.indicator.unit == "percent" and value > 100:
                self._at(idx, VALUE, "out-of-range",
                         f"Een percentage ligt tussen 0 en 100; gevonden: {value}.")
                continue
            delivered[key] = value

    # -- table rules ------------------------------------------------------------------------------
    def _missing_total(self, key: Key) -> None:
        code = key[0]
        msg = (f"Het totaal van {self._label(key)} ontbreekt. Het totaal (alle dimensies leeg of 'Totaal') "
               "is verplicht zodra een ander cijfer van deze indicator is geleverd.")
        idx = self.seen.get(key)
        if idx is not None:
            self._at(idx, VALUE, "missing-total", msg, value="")
        else:
            self.problems.append(Problem("missing-total", msg, sheet=self.sheet_of.get(code), value=""))

    def check_totals(self) -> None:
        needed: set[Key] = set()
        for code, dvals, muni in self.delivered:
            ind = self.specs[code].indicator
            if not ind.additive:
                continue  # parts of a non-additive indicator (shares, top-3) have no total
            empty = ("",) * len(dvals)
            needed.add((code, empty, muni if ind.municipality == "required" else None))
        for key in sorted(needed, key=lambda k: (k[0], k[2] or "")):
            if key not in self.delivered:
                self._missing_total(key)

    def check_additivity(self) -> None:
        delivered, seen = self.delivered, self.seen
        for key, total in delivered.items():
            code, dvals, muni = key
            if "" not in dvals:
                continue
            spec = self.specs[code]
            if not spec.indicator.additive:
                continue
            for pos, dv in enumerate(dvals):
                if dv != "":
                    continue
                head, tail = dvals[:pos], dvals[pos + 1:]
                parts = []
                for c in spec.codes[pos]:
                    child = (code, (*head, c, *tail), muni)
                    if child in delivered:
                        parts.append(child)
                if not parts:
                    continue
                part_sum = sum(delivered[p] for p in parts)
                complete = len(parts) == len(spec.codes[pos])
                if (complete and part_sum != total) or part_sum > total:
                    dim_label = self.catalog.codelists[spec.indicator.dimensions[pos]].label_nl
                    rows = ", ".join(str(self.table.where[seen[p]][1]) for p in parts)
                    what = "tellen niet op tot" if complete else "zijn samen groter dan"
                    self._at(seen[key], VALUE, "sum-mismatch" if complete else "parts-exceed-total",
                             f"De delen naar '{dim_label}' {what} het totaal: totaal {self._label(key)} = "
                             f"{total} ({self._row_ref(seen[key])}), som van de delen = {part_sum} "
                             f"(rijen {rows}).")

    def check_municipal_parts(self) -> None:
        """Municipal figures are parts of the regional figure with the same dimensions: together they may
        be less (the rest is "gemeente onbekend") but never more. ``check_additivity`` compares parts
        along code lists within one municipality (or the region), so it never saw these."""
        additive = {code for code, spec in self.specs.items() if spec.indicator.additive}
        sums: dict[Key, int] = {}
        for (code, dvals, muni), value in self.delivered.items():
            if muni is not None and code in additive:
                regional = (code, dvals, None)
                sums[regional] = sums.get(regional, 0) + value
        over = {key: part_sum for key, part_sum in sums.items()
                if key in self.delivered and part_sum > self.delivered[key]}
        if not over:
            return
        parts_of: dict[Key, list[Key]] = {key: [] for key in over}  # only now: one more pass, on failure
        for key in self.delivered:
            if key[2] is not None and (key[0], key[1], None) in parts_of:
                parts_of[(key[0], key[1], None)].append(key)
        for regional, part_sum in over.items():
            total, parts = self.delivered[regional], parts_of[regional]
            rows = ", ".join(str(self.table.where[self.seen[p]][1]) for p in sorted(parts, key=self.seen.get))
            self._at(self.seen[regional], VALUE, "municipal-parts-exceed-total",
                     f"De cijfers per gemeente van {self._label(regional)} zijn samen groter dan het totaal voor de "
                     f"hele regio: totaal {total} ({self._row_ref(self.seen[regional])}), som van {len(parts)} "
                     f"gemeente(n) = {part_sum} (rijen {rows}). De gemeenten samen kunnen hoogstens het regionale "
                     "totaal zijn (het verschil is 'gemeente onbekend'); corrigeer het totaal of de cijfers per gemeente.")

    def check_total_equals(self) -> None:
        for spec in self.specs.values():
            other = spec.indicator.total_equals
            if not other or other not in self.specs:
                continue
            mine = (spec.indicator.code, ("",) * len(spec.indicator.dimensions), None)
            theirs = (other, ("",) * len(self.specs[other].indicator.dimensions), None)
            if mine in self.delivered and theirs in self.delivered and self.delivered[mine] != self.delivered[theirs]:
                self._at(self.seen[mine], VALUE, "total-mismatch",
                         f"Het totaal van {spec.indicator.code} ({self.delivered[mine]}) moet gelijk zijn aan "
                         f"het totaal van {other} ({self.delivered[theirs]}, {self._row_ref(self.seen[theirs])}).")

    def check_share_bases(self) -> None:
        """A share (unit percent with a base) needs its base in the same delivery, and a base of
        zero has no shares but zero (ADR 1120)."""
        for key, value in self.delivered.items():
            ind = self.specs[key[0]].indicator
            if not ind.base:
                continue
            base = self.catalog.indicator(ind.base)
            base_key = (base.code, (), key[2] if base.municipality != "none" else None)
            base_value = self.delivered.get(base_key)
            if base_value is None:
                self._at(self.seen[key], VALUE, "share-without-base",
                         f"Het percentage {value} ({self._label(key)}) heeft geen basis. Lever in dezelfde "
                         f"levering ook '{base.nl}' ({base.code}): het aantal waarvan dit percentage een deel is.")
            elif base_value == 0 and value > 0:
                self._at(self.seen[key], VALUE, "share-of-zero-base",
                         f"Het percentage {value} ({self._label(key)}) is een deel van {base.code}, maar dat is 0 "
                         f"({self._row_ref(self.seen[base_key])}). Van nul kan geen deel groter dan 0% zijn.")

    def cells(self, release: bool = False) -> list[ParsedCell]:
        """The delivered cells with provenance; large changes against last year become warnings.

        ``release``: drop each row of the table once its cell is made (the table is spent afterwards), so
        that a million rows and a million cells are not held at the same time."""
        fields = self.table.fields
        src_i = fields.index(SOURCE)
        out = []
        shared: dict[tuple, dict[str, str]] = {}  # one dims dict per distinct combination (cells are read-only)
        places, rows, seen, specs = self.table.where, self.table.rows, self.seen, self.specs
        sheets = [origin.sheet for origin in places.origins]
        value_columns = [origin.column(VALUE) or VALUE for origin in places.origins]
        which, numbers = places.which, places.numbers
        for key, value in self.delivered.items():
            code, dvals, muni = key
            ind = specs[code].indicator
            idx = seen[key]
            dims = shared.get((ind.dimensions, dvals))
            if dims is None:
                dims = shared[(ind.dimensions, dvals)] = {d: v for d, v in zip(ind.dimensions, dvals) if v}
            w = which[idx]
            cell = ParsedCell(code, dims, value, muni, rows[idx][src_i], sheets[w], numbers[idx], value_columns[w])
            out.append(cell)
            if self.previous:
                before = self.previous.get((code, canonical_key(dims), muni))
                if before is not None and is_large_change(before, value):
                    self._at(idx, VALUE, "large-change",
                             f"Sterke verandering ten opzichte van vorig jaar: {before} -> {value} (meer dan een "
                             "factor twee). Controleer of dit klopt; dit is een waarschuwing, geen fout.",
                             severity=WARNING)
            if release:
                rows[idx] = None
        return out


def apply_rules(table: LongTable, values: list[int | None], bad_rows: set[int], catalog: Catalog,
                partner: str, year: int,
                previous: Mapping[tuple[str, str, str | None], int] | None = None,
                max_problems: int = 1_000, release: bool = False) -> tuple[list[Problem], list[ParsedCell]]:
    """Run every domain rule; returns (problems, cells). Stops reading rows at the first ``max_problems``
    problems: then no table rule runs, no cell is returned and the last problem says checking stopped.
    ``release``: the rows that become cells are dropped from ``table`` on the way (see ``RuleRun.cells``)."""
    run = RuleRun(table, values, bad_rows, catalog, partner, year, previous, max_problems)
    run.read_rows()
    if run.stopped:
        return [*run.problems[:max_problems], too_many_problems(max_problems)], []
    run.check_totals()
    run.check_additivity()
    run.check_municipal_parts()
    run.check_total_equals()
    run.check_share_bases()
    cells = run.cells(release)
    return run.problems, cells
