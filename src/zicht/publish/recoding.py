"""Recoding as an alternative to suppression: merge the small categories of a breakdown into one
row ("andere vormen") that is itself safe, instead of hiding a large figure to protect a small one.

Cell suppression is not always the least loss: in a breakdown with one small category and one
dominant one, the dominant figure has to go too (22 of 23 complaints hidden to protect 1). Merging
the small categories into one safe row keeps every other figure. Which loses less depends on the
table, so Zicht computes both (``compare``), shows the analyst both patterns and their loss, and
publishes the recoding only when the analyst chooses it; the choice is stored on the publication and
applied to that year's cells in every later publication too (so a later table by the original
categories cannot be subtracted from the merged row).
"""

from __future__ import annotations

from dataclasses import dataclass

OTHER_CODE = "andere"
"""Key value of a merged row: ``{"form": "andere"}``."""
LABELS = {"form": "Andere vormen"}
DEFAULT_LABEL = "Andere (samengevoegd)"


class RecodingError(ValueError):
    """A recoding that cannot be applied (message in Dutch, for the analyst)."""


@dataclass(frozen=True)
class Recoding:
    """Merge ``codes`` of ``dimension`` of ``indicator`` in ``year`` into one row."""

    indicator: str
    dimension: str
    year: int
    codes: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS.get(self.dimension, DEFAULT_LABEL)

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "dimension": self.dimension, "year": self.year,
                "codes": list(self.codes), "label": self.label}

    @classmethod
    def from_dict(cls, data: dict) -> Recoding:
        return cls(data["indicator"], data["dimension"], int(data["year"]), tuple(data["codes"]))


def propose(parts: list[tuple[str, int]], threshold: int) -> tuple[str, ...] | None:
    """The smallest set of categories, holding every small one, whose sum is safe; None when no
    small category exists or only merging every non-zero category would be safe (then the table
    says no more than its total)."""
    small = [(code, v) for code, v in parts if 1 <= v < threshold]
    if not small:
        return None
    merged = [code for code, _ in small]
    total = sum(v for _, v in small)
    others = sorted(((v, code) for code, v in parts if v >= threshold), key=lambda t: (t[0], t[1]))
    for value, code in others:
        if total >= threshold:
            break
        merged.append(code)
        total += value
    nonzero = [code for code, v in parts if v > 0]
    if total < threshold or len(merged) >= len(nonzero) or len(merged) < 2:
        return None
    order = [code for code, _ in parts]
    return tuple(sorted(merged, key=order.index))


def recode_parts(parts: list[tuple[str, int]], recoding: Recoding) -> list[tuple[str, int]]:
    """The delivered parts with the recoded categories replaced by their merged row."""
    merged = sum(v for code, v in parts if code in recoding.codes)
    kept = [(code, v) for code, v in parts if code not in recoding.codes]
    return [*kept, (OTHER_CODE, merged)]


def _cell_recoding(cell, recodings: dict[tuple[str, str, int], Recoding], default_year: int):
    if cell.indicator is None or len(cell.dims) != 1:
        return None
    (dimension, code), = cell.dims.items()
    recoding = recodings.get((cell.indicator, dimension, cell.year or default_year))
    return recoding if recoding is not None and code in recoding.codes else None


def apply_recodings(blocks: list, recodings: list[Recoding], year: int) -> None:
    """Replace, in every table (also behind charts), the rows of recoded categories by one merged
    row, before disclosure control sees them. A row that mixes recoded and other cells is refused."""
    from zicht.publish.blocks import TableCell

    index = {(r.indicator, r.dimension, r.year): r for r in recodings}
    if not index:
        return
    for block in blocks:
        table = getattr(block, "table", None) or block
        rows = getattr(table, "rows", None)
        if not rows:
            continue
        out, merged_at, merged = [], None, None
        for label, cells in rows:
            hits = [_cell_recoding(c, index, year) for c in cells]
            if not any(hits):
                out.append((label, cells))
                continue
            if not all(hits) or len({id(h) for h in hits}) != 1:
                raise RecodingError(f"Tabel {table.key}: rij '{label}' mengt samengevoegde en andere cellen.")
            recoding = hits[0]
            if merged is None:
                merged_at, merged = len(out), (recoding, [0] * len(cells), [None] * len(cells))
                out.append(None)
            for i, cell in enumerate(cells):
                if cell.value is not None:
                    merged[1][i] += cell.value
                    merged[2][i] = cell
        if merged is not None:
            recoding, sums, examples = merged
            out[merged_at] = (recoding.label, [
                TableCell(sums[i] if examples[i] is not None else None, indicator=recoding.indicator,
                          dims={recoding.dimension: OTHER_CODE}, year=recoding.year)
                for i in range(len(sums))
            ])
            table.rows = out


@dataclass(frozen=True)
class Alternative:
    """One breakdown in which suppression hides figures: what it loses, and the recoding Zicht
    proposes instead with what that loses (``recoding`` None: no safe recoding exists)."""

    indicator: str
    dimension: str
    year: int
    suppressed_cells: int
    suppressed_persons: int
    recoding: Recoding | None = None
    merged_labels: tuple[str, ...] = ()
    merged_persons: int = 0

    @property
    def recoding_loses_less(self) -> bool:
        if self.recoding is None:
            return False
        return (self.merged_persons, len(self.recoding.codes)) < (self.suppressed_persons, self.suppressed_cells)

    def as_dict(self) -> dict:
        out = {"indicator": self.indicator, "dimension": self.dimension, "year": self.year,
               "suppressed_cells": self.suppressed_cells, "suppressed_persons": self.suppressed_persons,
               "possible": self.recoding is not None}
        if self.recoding is not None:
            out.update(codes=list(self.recoding.codes), labels=list(self.merged_labels), label=self.recoding.label,
                       merged_categories=len(self.recoding.codes), merged_persons=self.merged_persons,
                       recoding_loses_less=self.recoding_loses_less)
        return out


def alternatives(ctx, pattern: list[dict], chosen: list[Recoding]) -> list[Alternative]:
    """For each one-dimensional breakdown of the year in which suppression hides a figure, the
    recoding Zicht proposes and what each of the two loses (cells and the figures behind them)."""
    done = {(r.indicator, r.dimension) for r in chosen}
    hidden: dict[tuple[str, str], list[str]] = {}
    for cell in pattern:
        if cell["year"] == ctx.year and cell["suppressed"] and len(cell["dims"]) == 1:
            (dimension, code), = cell["dims"].items()
            hidden.setdefault((cell["indicator"], dimension), []).append(code)
    out = []
    for (code, dimension), hidden_codes in sorted(hidden.items()):
        if (code, dimension) in done or not recodable(ctx, code, dimension):
            continue
        indicator = ctx.catalog.indicators[code]
        rows = ctx.store.breakdown(code, ctx.year, dimension).rows
        parts = [(c, v) for c, _label, v in rows if v is not None]
        labels = {c: label for c, label, _v in rows}
        values = dict(parts)
        merged = propose(parts, threshold_of(indicator, dimension))
        base = {"indicator": code, "dimension": dimension, "year": ctx.year,
                "suppressed_cells": len(hidden_codes),
                "suppressed_persons": sum(values.get(c, 0) for c in hidden_codes)}
        if merged is None:
            out.append(Alternative(**base))
            continue
        out.append(Alternative(**base, recoding=Recoding(code, dimension, ctx.year, merged),
                               merged_labels=tuple(labels[c] for c in merged),
                               merged_persons=sum(values[c] for c in merged)))
    return out


def recodable(ctx, code: str, dimension: str) -> bool:
    """Breakdowns of a delivered indicator over a code list; not the linked tables of a linkage
    run (protected from the capture histories) and not municipalities (boundaries are fixed)."""
    from zicht.publish import linked

    indicator = ctx.catalog.indicators.get(code)
    return (indicator is not None and code not in linked.LINKED_INDICATORS and dimension != "municipality"
            and dimension in indicator.dimensions and dimension in ctx.catalog.codelists)


def threshold_of(indicator, dimension: str) -> int:
    """The disclosure threshold of a breakdown, as the protection applies it."""
    from zicht.engines.disclosure import Policy, TableSpec

    spec = TableSpec(dimensions=(dimension,), name=indicator.code, minors=indicator.minors,
                     threshold=indicator.threshold)
    return Policy().threshold_for(spec)


def resolve(ctx, choices: list[tuple[str, str, tuple[str, ...] | None]]) -> list[Recoding]:
    """The analyst's choices as recodings of the year: Zicht's proposal, or the analyst's own merge
    (which must hold every small category and be safe itself)."""
    out = []
    for code, dimension, codes in choices:
        if not recodable(ctx, code, dimension):
            raise RecodingError(f"Hercodering {code}:{dimension}: geen indicator met een codelijst die "
                                "samengevoegd kan worden (onbekend, een koppelingstabel of gemeenten).")
        indicator = ctx.catalog.indicators[code]
        rows = ctx.store.breakdown(code, ctx.year, dimension).rows
        parts = [(c, v) for c, _label, v in rows if v is not None]
        threshold = threshold_of(indicator, dimension)
        if codes is None:
            codes = propose(parts, threshold)
            if codes is None:
                raise RecodingError(
                    f"Voor {indicator.nl} ({dimension}) in {ctx.year} is geen veilige hercodering mogelijk: "
                    "elke veilige samenvoeging omvat alle categorieën met een aantal, en zegt dan niet meer dan het totaal.")
        values = dict(parts)
        unknown = [c for c in codes if c not in values]
        small_left = [c for c, v in parts if 1 <= v < threshold and c not in codes]
        merged = sum(values.get(c, 0) for c in codes)
        if unknown or small_left or len(codes) < 2 or 1 <= merged < threshold:
            raise RecodingError(
                f"Hercodering {code}:{dimension}={','.join(codes)} is niet veilig of niet geleverd: de samengevoegde "
                f"rij moet alle kleine categorieën bevatten ({', '.join(small_left) or 'in orde'}) en zelf minstens "
                f"{threshold} zijn (nu {merged}){'; onbekend: ' + ', '.join(unknown) if unknown else ''}.")
        out.append(Recoding(code, dimension, ctx.year, tuple(codes)))
    return out


def parse_choice(text: str, year: int) -> tuple[str, str, tuple[str, ...] | None]:
    """``INDICATOR:DIMENSION`` (Zicht's proposal) or ``INDICATOR:DIMENSION=code,code`` (own)."""
    head, _, codes = text.partition("=")
    indicator, _, dimension = head.partition(":")
    if not indicator or not dimension:
        raise RecodingError(
            f"'{text}' is geen hercodering: schrijf INDICATOR:DIMENSIE, bijvoorbeeld police.complaints:form.")
    chosen = tuple(c.strip() for c in codes.split(",") if c.strip()) if codes else None
    return indicator.strip(), dimension.strip(), chosen
