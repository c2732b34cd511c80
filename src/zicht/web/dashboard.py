"""The dashboard's read model: what it shows, built from the published tables only (ADR 0007, ADR 1112).

Everything comes from ``Publication.tables`` of the current version of each published year: the tables
that went through disclosure control. Nothing is read from files or from the figures store, so the
dashboard can never show a number the publication does not hold. A suppressed cell stays suppressed
("•"), a cell a partner did not deliver stays "niet geleverd"; neither becomes a zero.

``dashboard_tables(publication, history)`` is the ONE place that decides which tables appear and in
which order: the publication's, in the report's order, which the catalog decides (``show:``), less
those the catalog kept off the dashboard (stored with each published table as ``dashboard``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from zicht.catalog.definitions import get_catalog
from zicht.engines.trends.change import MIN_PERCENT_BASE, change_is_significant, format_int_nl
from zicht.publish.blocks import SUPPRESSED_MARK
from zicht.publish.opendata import defuse

FORM_COLUMN = "Vorm van uitbuiting"
TOTAL_LABELS = frozenset({"Totaal", "Regio (totaal)"})
GEOGRAPHY_SUFFIXES = (".municipality", ".region_class")
_YEAR_SUFFIX = re.compile(r",\s*\d{4}$")

KIND_TREND = "trend"
KIND_FORM = "form"
KIND_BREAKDOWN = "breakdown"
KIND_GEOGRAPHY = "geography"


@dataclass(frozen=True)
class Cell:
    """One published number: a value, a suppressed cell or a cell nobody delivered (or a text)."""

    value: int | float | None = None
    suppressed: bool = False
    text: str | None = None

    @classmethod
    def from_json(cls, cell: dict) -> Cell:
        if cell.get("suppressed"):
            return cls(suppressed=True)
        return cls(value=cell.get("value"), text=cell.get("text"))

    @property
    def shown(self) -> str:
        """The cell as it is shown and downloaded: number, "•" or "niet geleverd"."""
        if self.suppressed:
            return SUPPRESSED_MARK
        if self.text is not None:
            return self.text
        if self.value is None:
            return "niet geleverd"
        return format_int_nl(self.value) if float(self.value).is_integer() else str(self.value).replace(".", ",")

    @property
    def countable(self) -> bool:
        return not self.suppressed and self.value is not None and float(self.value).is_integer()


@dataclass
class DashboardTable:
    key: str
    section: str
    kind: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, Cell]]
    source: str = ""
    notes: list[str] = field(default_factory=list)
    headline: bool = False  # a total of its own (a tile); not one the catalog says equals another's
    # Each row's cells after the first (an estimate's interval, its kind), aligned with ``rows``: the
    # table shows and downloads them all; only the first value column is ever drawn.
    more: list[list[Cell]] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[str, list[Cell]]]:
        """Every row with all its value cells, as the table shows them."""
        return [(label, [c, *(self.more[i] if i < len(self.more) else [])]) for i, (label, c) in enumerate(self.rows)]

    @property
    def charted_column(self) -> str:
        """The column the chart draws, named when the table has more than one."""
        return self.columns[1] if len(self.columns) > 2 else ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-")


@dataclass
class Tile:
    caption: str
    section: str
    year: int
    current: Cell
    previous_year: int
    previous: Cell | None
    wording: str


FACTSHEET_SECTION = "factsheet-"


def report_tables(publication) -> list[dict]:
    """The report's tables of a publication. Its factsheets' tables (one municipality each, also in
    open data) are not the dashboard's: the municipal differences are in the report's table per
    municipality, with its caveat."""
    return [t for t in publication.tables if not t.get("section", "").startswith(FACTSHEET_SECTION)]


def _indicator_of(key: str) -> tuple[str, str]:
    """``police.complaints.form`` -> (``police.complaints``, ``form``); a key of two parts is a total."""
    parts = key.split(".")
    if len(parts) <= 2:
        return key, ""
    return ".".join(parts[:-1]), parts[-1]


def _rows(table: dict) -> list[tuple[str, Cell]]:
    """Row label and first value cell of a published table (the dashboard shows one value column)."""
    out = []
    for row in table.get("rows", []):
        cells = row.get("cells") or [{}]
        out.append((row["label"], Cell.from_json(cells[0])))
    return out


def _more(table: dict) -> list[list[Cell]]:
    """Every row's cells after the first, as published."""
    return [[Cell.from_json(c) for c in (row.get("cells") or [{}])[1:]] for row in table.get("rows", [])]


def _single_value(table: dict) -> Cell | None:
    """The one number of a table that holds only a total (``riec.cases``), or the total row's."""
    rows = _rows(table)
    if len(rows) == 1:
        return rows[0][1]
    totals = [c for label, c in rows if label in TOTAL_LABELS]
    return totals[0] if totals else None


def year_series(publications) -> dict[str, dict[int, Cell]]:
    """Per indicator, its published number for every published year (oldest publication first).

    A year's own publication wins over the per-year table of a later publication; a later
    publication's per-year table fills years that have no publication of their own."""
    from_history: dict[str, dict[int, Cell]] = {}
    own: dict[str, dict[int, Cell]] = {}
    for publication in sorted(publications, key=lambda p: p.year):
        for table in report_tables(publication):
            indicator, dimension = _indicator_of(table["key"])
            if dimension == "years":
                for label, cell in _rows(table):
                    if label.isdigit():
                        target = own if int(label) == publication.year else from_history
                        target.setdefault(indicator, {})[int(label)] = cell
            elif dimension == "" or dimension == "form":
                cell = _single_value(table)
                if cell is not None:
                    own.setdefault(indicator, {})[publication.year] = cell
    merged: dict[str, dict[int, Cell]] = {}
    for indicator in {*from_history, *own}:
        merged[indicator] = {**from_history.get(indicator, {}), **own.get(indicator, {})}
    return merged


def form_series(publications, form: str) -> dict[str, dict[int, Cell]]:
    """Per indicator with a breakdown by form of exploitation, that form's number in every year."""
    out: dict[str, dict[int, Cell]] = {}
    for publication in sorted(publications, key=lambda p: p.year):
        for table in report_tables(publication):
            indicator, dimension = _indicator_of(table["key"])
            if dimension != "form":
                continue
            for label, cell in _rows(table):
                if label == form:
                    out.setdefault(indicator, {})[publication.year] = cell
    return out


def forms_in(publications) -> list[str]:
    """The forms of exploitation the published tables break down by, in their published order."""
    seen: list[str] = []
    for publication in publications:
        for table in report_tables(publication):
            if _indicator_of(table["key"])[1] == "form":
                for label, _ in _rows(table):
                    if label not in TOTAL_LABELS and label not in seen:
                        seen.append(label)
    return seen


def _series_caption(indicator: str, publication, history) -> tuple[str, str, str]:
    """Caption, section and source of an indicator's series, from the newest table that has it."""
    for p in sorted(history, key=lambda p: -p.year):
        for table in report_tables(p):
            ind, dimension = _indicator_of(table["key"])
            if ind != indicator:
                continue
            if dimension == "years":
                return table["caption"], table["section"], table.get("source", "")
    for p in sorted(history, key=lambda p: -p.year):
        for table in report_tables(p):
            ind, dimension = _indicator_of(table["key"])
            if ind == indicator and dimension in ("", "form"):
                caption = _YEAR_SUFFIX.sub("", table["caption"])
                return f"{caption} per jaar", table["section"], table.get("source", "")
    return indicator, "", ""


def dashboard_tables(publication, history, *, form: str | None = None) -> list[DashboardTable]:
    """The tables (each drawn as a chart) the dashboard shows for a publication, in order.

    ``history`` is the current version of every published year up to the publication's year. Per
    indicator: its number over all published years, then its breakdowns of the year (by form of
    exploitation first), then geographic splits. With ``form`` only what is about that form is shown:
    the form's number over the years and its row of every breakdown by form."""
    history = [p for p in history if p.year <= publication.year]
    series = form_series(history, form) if form else year_series(history)
    tables: list[DashboardTable] = []
    # Indicators the catalog kept off the dashboard when this year was published (``show.dashboard``).
    done: set[str] = {_indicator_of(t["key"])[0] for t in report_tables(publication) if t.get("dashboard") is False}
    order = [t["key"] for t in report_tables(publication)]
    # A total the catalog says equals another indicator's (contacts by gender: the contacts) is no tile.
    indicators = get_catalog().indicators
    repeats = {code for code, ind in indicators.items() if ind.total_equals}
    for key in order:
        indicator, _ = _indicator_of(key)
        if indicator in done:
            continue
        done.add(indicator)
        points = series.get(indicator, {})
        if points and (len(points) > 1 or not form):
            caption, section, source = _series_caption(indicator, publication, history)
            if form:
                caption = f"{_YEAR_SUFFIX.sub('', caption)}: {form.lower()}"
            tables.append(DashboardTable(
                key=f"{indicator}.trend", section=section, kind=KIND_TREND, caption=caption,
                columns=["Jaar", "Aantal"], rows=[(str(y), points[y]) for y in sorted(points)], source=source,
                headline=indicator not in repeats))
        for table in report_tables(publication):
            ind, dimension = _indicator_of(table["key"])
            if ind != indicator or dimension == "years":
                continue
            if dimension == "" and _single_value(table) is not None:
                continue  # a total: it is in the series over the years
            rows, more = _rows(table), _more(table)
            if len(rows) <= 1 and dimension != "form":
                continue
            is_form = table["columns"][:1] == [FORM_COLUMN] or dimension == "form"
            if form and not is_form:
                continue
            if form:
                kept = [i for i, (label, _) in enumerate(rows) if label == form]
                rows, more = [rows[i] for i in kept], [more[i] for i in kept]
            kind = (KIND_GEOGRAPHY if table["key"].endswith(GEOGRAPHY_SUFFIXES)
                    else KIND_FORM if is_form else KIND_BREAKDOWN)
            columns = [table["columns"][0] or "", *(table["columns"][1:] or ["Aantal"])]
            tables.append(DashboardTable(
                key=table["key"], section=table["section"], kind=kind, caption=table["caption"],
                columns=columns, rows=rows, more=more, source=table.get("source", ""),
                notes=list(table.get("notes", []))))
    return tables


def change_wording(current: Cell, previous: Cell | None, year: int, previous_year: int) -> str:
    """How the number changed, by the same exact test and rules as the monitor's sentences
    (``zicht.engines.trends``): a rise or fall only when it is larger than chance."""
    if previous is None:
        return f"Geen cijfer over {previous_year} gepubliceerd."
    if not (current.countable and previous.countable):
        return f"Niet te vergelijken met {previous_year}: een van beide cijfers is onderdrukt of niet geleverd."
    now, then = int(current.value), int(previous.value)
    if change_is_significant(now, then):  # the exact test of compare_counts, without loading SciPy
        word = "Een stijging" if now > then else "Een daling"
        if then < MIN_PERCENT_BASE:
            return f"{word} ten opzichte van {previous_year}, groter dan toeval bij aantallen van deze omvang."
        pct = f"{abs(100.0 * (now - then) / then):.0f}"
        return f"{word} van {pct}% ten opzichte van {previous_year}, groter dan toeval bij aantallen van deze omvang."
    if now == then:
        return f"Gelijk gebleven ten opzichte van {previous_year}."
    return (f"Het verschil met {previous_year} is niet groter dan wat bij aantallen van deze omvang door toeval "
            "kan ontstaan; we spreken daarom niet van een trend.")


def tiles(tables: list[DashboardTable], year: int) -> list[Tile]:
    """A headline tile per indicator series that has a number for the year, less totals that repeat
    another indicator's (``total_equals``: the distinct persons by form are the distinct persons)."""
    out = []
    for t in tables:
        if t.kind != KIND_TREND or not t.headline:
            continue
        points = dict(t.rows)
        current = points.get(str(year))
        if current is None:
            continue
        previous = points.get(str(year - 1))
        out.append(Tile(caption=_YEAR_SUFFIX.sub("", t.caption).removesuffix(" per jaar"), section=t.section,
                        year=year, current=current, previous_year=year - 1, previous=previous,
                        wording=change_wording(current, previous, year, year - 1)))
    return out


def csv_of(tables: list[DashboardTable]) -> bytes:
    """Exactly the shown tables as CSV (semicolons, UTF-8 with BOM for Excel): "•" and "niet geleverd"
    as on the page, never an empty cell or a zero for them."""
    fh = io.StringIO(newline="")
    writer = csv.writer(fh, delimiter=";")
    writer.writerow(["tabel", "onderschrift", "rij", "kolom", "waarde", "bron"])
    for t in tables:
        for label, cells in t.cells:
            for column, cell in zip(t.columns[1:], cells):
                value = cell.shown.replace(".", "") if cell.countable else cell.shown
                writer.writerow([defuse(t.key), defuse(t.caption), defuse(label), defuse(column), value,
                                 defuse(t.source)])
    return fh.getvalue().encode("utf-8-sig")
