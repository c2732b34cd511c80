"""Checks over a year's current figures that the analyst reads on the cockpit before closing the year.

They never refuse anything (intake did that); they say where to ask the partner. The rule for a large
change against last year is intake's own (``is_large_change``, ADR 0101), applied to the figures as they
stand now, so the cockpit and the delivery report never disagree about what is "large".
"""

from __future__ import annotations

from zicht.figures.services import FigureStore
from zicht.intake.rules import is_large_change


def municipal_shortfall(total: int | None, municipal: dict[str, int]) -> int:
    """How much of a regional grand total no municipality accounts for (0 when the split is complete
    or there is no split). Intake refuses parts above the total (ADR 0104); less is allowed ("gemeente
    onbekend") but worth a question."""
    if total is None or not municipal:
        return 0
    return max(total - sum(municipal.values()), 0)


def figure_warnings(year: int, store: FigureStore | None = None) -> dict[str, list[str]]:
    """Dutch warnings per indicator code for the year's current figures: a large change of the grand
    total against last year, and a municipal split that does not reach the regional total."""
    store = store or FigureStore([year - 1, year])
    out: dict[str, list[str]] = {}
    for partner in store.catalog.partners.values():
        for indicator in partner.indicators:
            code, warnings = indicator.code, []
            now, before = store.value(code, year), store.value(code, year - 1)
            if now is not None and before is not None and is_large_change(before, now):
                warnings.append(
                    f"Sterke verandering ten opzichte van {year - 1}: {before} → {now} "
                    "(meer dan een factor twee). Vraag na of dit klopt."
                )
            if indicator.additive:
                municipal = store.by_municipality(code, year)
                short = municipal_shortfall(now, municipal)
                if short:
                    warnings.append(
                        f"De cijfers per gemeente (samen {sum(municipal.values())}) halen het totaal "
                        f"({now}) niet: {short} niet aan een gemeente toegewezen."
                    )
            if warnings:
                out[code] = warnings
    return out
