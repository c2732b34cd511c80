"""The figures store: writing an accepted delivery's observations, and reading the current figures
of a year, by indicator and dimension, with provenance."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from django.db import connection

from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Indicator, Municipality
from zicht.figures.models import Observation
from zicht.intake.cells import canonical_key
from zicht.intake.models import Submission


@dataclass(frozen=True)
class Provenance:
    """Where a figure comes from: partner, delivery version and date, and the stated source."""

    partner: str
    partner_name: str
    version: int
    submitted_at: str
    filename: str
    sources: tuple[str, ...]

    def label_nl(self) -> str:
        """The technical provenance: delivery file, version and date, and the stated sources."""
        text = f"Bron: {self.partner_name}, levering {self.filename} versie {self.version} ({self.submitted_at})"
        sources = stated_sources(self.sources)
        if sources:
            text += "; " + "; ".join(sources)
        return text

    def label_people(self) -> str:
        """The source line a reader needs: who delivered the figure, and when."""
        return people_source([self])


def stated_sources(sources) -> list[str]:
    """The partner's stated sources, each once: one that another continues ("p. 5" beside
    "p. 5: aangiftes") is left out."""
    unique = list(dict.fromkeys(s.strip() for s in sources if s and s.strip()))
    return [s for s in unique if not any(o != s and o.startswith(s) for o in unique)]


def people_source(provenances) -> str:
    """One source line for the deliveries behind a table: each partner once, with its delivery dates."""
    dates: dict[str, list[str]] = {}
    for prov in provenances:
        if prov is not None and prov.submitted_at not in dates.setdefault(prov.partner_name, []):
            dates[prov.partner_name].append(prov.submitted_at)
    if not dates:
        return "Bron: niet geleverd."
    parts = []
    for name, days in dates.items():
        when = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " en " + days[-1]
        parts.append(f"{name}, geleverd {when}")
    return "Bron: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Breakdown:
    """An indicator split along one dimension: rows in code-list order, and the stated total."""

    indicator: str
    year: int
    dimension: str
    rows: tuple[tuple[str, str, int | None], ...]  # (code, Dutch label, value or None)
    total: int | None
    provenance: Provenance | None

    @property
    def delivered(self) -> bool:
        return self.total is not None or any(v is not None for _, _, v in self.rows)


class FigureStore:
    """Current observations (from non-superseded submissions) loaded once for a set of years.

    Reads exactly the columns a figure needs, as plain tuples: never the submission's delivered
    file or validation report, which ``select_related`` used to copy into every observation (a
    national year has hundreds of thousands). Figures are indexed per (indicator, year), so a
    lookup over municipalities or years touches one indicator's cells, not the whole store.
    """

    def __init__(self, years):
        self.catalog = get_catalog()
        self._cells: dict[tuple[str, int], dict[tuple[str, str | None], int]] = defaultdict(dict)
        self._sources: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._submission_of: dict[tuple[str, int], int] = {}
        indicators = dict(Indicator.objects.values_list("pk", "code"))
        municipalities = dict(Municipality.objects.values_list("pk", "code"))
        municipalities[None] = None
        rows = (
            Observation.objects.filter(year__in=list(years), submission__superseded_by__isnull=True)
            .order_by()
            .values_list("indicator_id", "year", "dims_key", "municipality_id", "value", "source",
                         "submission_id")
        )
        # The loop makes hundreds of thousands of acyclic tuples; in a process that already holds a
        # large heap (Django, pandas, Altair) each automatic collection would rescan it (measured in
        # the national report build: 2.9 s with the collector, 1.0 s without).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._load(rows, indicators, municipalities)
        finally:
            if gc_was_enabled:
                gc.enable()
        self._provenance = {
            row["pk"]: row
            for row in Submission.objects.filter(pk__in=set(self._submission_of.values()))
            .order_by()
            .values("pk", "partner__code", "partner__name", "version", "submitted_at", "filename")
        }

    def _load(self, rows, indicators: dict, municipalities: dict) -> None:
        """Index every row by (indicator, year) and (dimensions, municipality)."""
        cells, sources, submission_of = self._cells, self._sources, self._submission_of
        # One key object per (dimensions, municipality), shared by every indicator and year that has
        # it: the database returns a new string per row, and a national store holds 700,000 cells.
        shared: dict[tuple[str, int | None], tuple[str, str | None]] = {}
        for indicator_id, year, dims_key, municipality_id, value, source, submission_id in rows.iterator(
            chunk_size=20_000
        ):
            key = (indicators[indicator_id], year)
            pair = (dims_key, municipality_id)
            cell = shared.get(pair)
            if cell is None:
                cell = shared[pair] = (dims_key, municipalities[municipality_id])
            cells[key][cell] = value
            if source:
                sources[key].add(source)
            submission_of[key] = submission_id

    def value(self, indicator: str, year: int, municipality: str | None = None, **dims) -> int | None:
        cells = self._cells.get((indicator, year))
        return cells.get((canonical_key(dims), municipality)) if cells else None

    def provenance(self, indicator: str, year: int) -> Provenance | None:
        sub = self._provenance.get(self._submission_of.get((indicator, year)))
        if sub is None:
            return None
        return Provenance(
            partner=sub["partner__code"],
            partner_name=sub["partner__name"],
            version=sub["version"],
            submitted_at=sub["submitted_at"].astimezone().strftime("%d-%m-%Y"),
            filename=sub["filename"],
            sources=tuple(sorted(self._sources.get((indicator, year), ()))),
        )

    def breakdown(self, indicator: str, year: int, dimension: str, **fixed) -> Breakdown:
        codelist = self.catalog.codelists[dimension]
        rows = tuple(
            (c.code, c.nl, self.value(indicator, year, **{**fixed, dimension: c.code}))
            for c in codelist.codes
        )
        return Breakdown(
            indicator=indicator,
            year=year,
            dimension=dimension,
            rows=rows,
            total=self.value(indicator, year, **fixed),
            provenance=self.provenance(indicator, year),
        )

    def latest_year(self, indicator: str, up_to: int) -> int | None:
        """The most recent year up to ``up_to`` for which the indicator has a grand total."""
        years = [y for (i, y), cells in self._cells.items() if i == indicator and y <= up_to and ("", None) in cells]
        return max(years) if years else None

    def by_municipality(self, indicator: str, year: int, boundary_year: int | None = None) -> dict[str, int]:
        """Grand totals per municipality, mapped to the municipal boundaries of ``boundary_year``
        (default: the year itself), so figures of merged municipalities add up to the new one."""
        out: dict[str, int] = defaultdict(int)
        for (k, m), v in self._cells.get((indicator, year), {}).items():
            if k == "" and m is not None:
                out[self.catalog.current_municipality(m, boundary_year or year).code] += v
        return dict(out)

    def cells(self, indicator: str, year: int) -> dict[tuple[str, str | None], int]:
        return dict(self._cells.get((indicator, year), {}))


OBSERVATION_COLUMNS = ("submission", "indicator", "year", "dims", "dims_key", "municipality", "value", "source")


def store_observations(submission: Submission, cells: Iterable) -> None:
    """Store an accepted delivery's cells as its observations: the one writer of the figures table.

    Intake calls it through ``zicht.intake.writers`` (registered in ``FiguresConfig.ready``), inside
    the submission's transaction, because intake sits below figures in the layers (ADR 1212).
    One prepared statement, executemany in chunks: the ORM's bulk_create builds SQL per object, which
    cost more than validating a national file; this writes the same rows with the backend's own JSON
    adaptation."""
    indicators = {i.code: i.pk for i in Indicator.objects.filter(partner=submission.partner)}
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    meta = Observation._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in OBSERVATION_COLUMNS)
    placeholders = ", ".join(["%s"] * len(OBSERVATION_COLUMNS))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"
    adapt_json = connection.ops.adapt_json_value
    dims_cache: dict[str, tuple] = {}  # a national file repeats a few hundred dimension combinations

    def dims_of(cell) -> tuple:
        key = canonical_key(cell.dims)
        if key not in dims_cache:
            dims_cache[key] = (adapt_json({k: v for k, v in cell.dims.items() if v}, None), key)
        return dims_cache[key]

    rows = (
        (
            submission.pk,
            indicators[cell.indicator],
            submission.year,
            *dims_of(cell),
            municipalities.get(cell.municipality) if cell.municipality else None,
            cell.value,
            (cell.source or submission.provenance)[:300],
        )
        for cell in cells
    )
    with connection.cursor() as cursor:
        for chunk in iter(lambda: list(islice(rows, 5000)), []):
            cursor.executemany(sql, chunk)
