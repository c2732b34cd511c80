"""Reading the store: the current figures of a year, by indicator and dimension, with provenance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from zicht.catalog.definitions import get_catalog
from zicht.figures.models import Observation
from zicht.intake.cells import canonical_key


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
        text = f"Bron: {self.partner_name}, levering {self.filename} versie {self.version} ({self.submitted_at})"
        if self.sources:
            text += "; " + "; ".join(self.sources)
        return text


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
    """Current observations (from non-superseded submissions) loaded once for a set of years."""

    def __init__(self, years):
        self.catalog = get_catalog()
        self._values: dict[tuple[str, int, str, str | None], int] = {}
        self._sources: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._submission: dict[tuple[str, int], object] = {}
        rows = (
            Observation.objects.filter(year__in=list(years), submission__superseded_by__isnull=True)
            .select_related("indicator", "municipality", "submission", "submission__partner")
        )
        for obs in rows:
            muni = obs.municipality.code if obs.municipality else None
            self._values[(obs.indicator.code, obs.year, obs.dims_key, muni)] = obs.value
            if obs.source:
                self._sources[(obs.indicator.code, obs.year)].add(obs.source)
            self._submission[(obs.indicator.code, obs.year)] = obs.submission

    def value(self, indicator: str, year: int, municipality: str | None = None, **dims) -> int | None:
        return self._values.get((indicator, year, canonical_key(dims), municipality))

    def provenance(self, indicator: str, year: int) -> Provenance | None:
        sub = self._submission.get((indicator, year))
        if sub is None:
            return None
        return Provenance(
            partner=sub.partner.code,
            partner_name=sub.partner.name,
            version=sub.version,
            submitted_at=sub.submitted_at.astimezone().strftime("%d-%m-%Y"),
            filename=sub.filename,
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
        years = [y for (i, y, k, m) in self._values if i == indicator and k == "" and m is None and y <= up_to]
        return max(years) if years else None

    def by_municipality(self, indicator: str, year: int, boundary_year: int | None = None) -> dict[str, int]:
        """Grand totals per municipality, mapped to the municipal boundaries of ``boundary_year``
        (default: the year itself), so figures of merged municipalities add up to the new one."""
        out: dict[str, int] = defaultdict(int)
        for (i, y, k, m), v in self._values.items():
            if i == indicator and y == year and k == "" and m is not None:
                out[self.catalog.current_municipality(m, boundary_year or year).code] += v
        return dict(out)

    def cells(self, indicator: str, year: int) -> dict[tuple[str, str | None], int]:
        return {
            (k, m): v for (i, y, k, m), v in self._values.items() if i == indicator and y == year
        }
