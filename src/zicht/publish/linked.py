"""Tables from one linkage run are protected together, with the relation between them.

A linkage run's capture histories (how many distinct persons each combination of partner lists
holds) feed two published tables: persons per partner (``n_j``, a person counts once on every list
that knows them) and persons per number of partners (``m_k``). They are one microdata seen two
ways, so ``sum_j n_j = sum_k k * m_k``: protected as unrelated tables, a published per-partner
column and the total pin a suppressed "known to three or more partners" (issue 9: 231 + 2a + S =
334 with 3b <= S <= 4b gives b in {2, 3}).

Here the microtable is the capture histories themselves: one row per observed pattern, with a 0/1
dimension per partner list and the derived dimension ``partner_count`` (the band of the number of
lists). "Per partner" is, for each list, the margin over that list's dimension (its 0-cell is
total minus n_j, known to anyone who sees the total, so publishing it to the engine costs
nothing); "per number of partners" is the margin over ``partner_count``. The engine's attacker
knows only sums and non-negativity, not that ``partner_count`` is a function of the lists, so the
impossible combinations (pattern with two lists in band "1", ...) are handed to it as known zeros:
cells outside every table whose value 0 is public. With those, the engine's solver and its
independent audit both see the relation above, in one ``protect_publication`` call.

The other breakdowns of the run (form, gender, age group, municipality) share only the published
grand total with these tables and are protected one by one (see ``protection``).

Pure data in, engine results out: no Django, so it is tested on any capture-history set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product

from zicht.engines.disclosure import Policy, ProtectedPublication, TableSpec, protect_publication

PER_PARTNER = "linkage.persons_by_partner"
"""Indicator code of the per-partner cells (not a catalog indicator: it comes from the run)."""
PARTNER_COUNT = "linkage.persons_by_partner_count"
PARTNER = "partner"
PARTNER_COUNT_DIM = "partner_count"
NOT_ON_LIST = "not_on_list"
BANDS = ("1", "2", "3plus")
LINKED_INDICATORS = frozenset({PER_PARTNER, PARTNER_COUNT})
_LIST_PREFIX = "list:"


def band(lists_known: int) -> str:
    """The published band of the number of partners that know a person (as in the run's figures)."""
    if lists_known < 1:
        raise ValueError("Een geregistreerde persoon staat op ten minste één lijst.")
    return BANDS[min(lists_known, len(BANDS)) - 1]


def list_dimension(partner: str) -> str:
    return _LIST_PREFIX + partner


def capture_rows(lists: list[str], histories: Iterable[Mapping]) -> list[dict]:
    """The microtable: one row per capture history (``{"lists": [...], "count": n}``)."""
    rows = []
    for history in histories:
        on = set(history["lists"])
        unknown = on - set(lists)
        if unknown:
            raise ValueError(f"Vanghistorie noemt onbekende lijst(en): {', '.join(sorted(unknown))}.")
        row = {list_dimension(code): "1" if code in on else "0" for code in lists}
        row[PARTNER_COUNT_DIM] = band(len(on))
        row["count"] = int(history["count"])
        rows.append(row)
    return rows


def categories(lists: list[str]) -> dict[str, tuple[str, ...]]:
    """Every category, also those without persons (a list that knows everyone has no 0-cell)."""
    return {**{list_dimension(code): ("0", "1") for code in lists}, PARTNER_COUNT_DIM: BANDS}


def structural_zeros(lists: list[str]) -> dict[tuple[tuple[str, str], ...], bool]:
    """Full-table cells that cannot hold anyone (the band does not match the pattern), as public
    zeros: status "shown", so the engine treats them as known to the attacker."""
    out = {}
    for pattern in product("01", repeat=len(lists)):
        on = pattern.count("1")
        for b in BANDS:
            if on and band(on) == b:
                continue
            key = {list_dimension(code): bit for code, bit in zip(lists, pattern, strict=True)}
            key[PARTNER_COUNT_DIM] = b
            out[tuple(sorted(key.items()))] = False
    return out


def specs(lists: list[str], *, threshold: int | None = None, minors: bool = False) -> list[TableSpec]:
    """Per number of partners, and per partner (one margin per list)."""
    return [TableSpec((PARTNER_COUNT_DIM,), name=PARTNER_COUNT, threshold=threshold, minors=minors)] + [
        TableSpec((list_dimension(code),), name=f"{PER_PARTNER}:{code}", threshold=threshold, minors=minors)
        for code in lists
    ]


def engine_key(indicator: str, dims: Mapping[str, str]) -> dict[str, str] | None:
    """The engine's cell for a published cell of the linked tables (None: not one of them)."""
    if indicator == PARTNER_COUNT:
        return dict(dims)
    if indicator == PER_PARTNER:
        if PARTNER not in dims:
            return None
        return {list_dimension(dims[PARTNER]): "0" if dims.get(NOT_ON_LIST) else "1"}
    return None


def published_identity(key: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The (indicator, dims) under which an engine cell is published and frozen."""
    if not key or PARTNER_COUNT_DIM in key:
        return PARTNER_COUNT, dict(key)
    if len(key) != 1:
        raise ValueError(f"Geen gepubliceerde cel van de gekoppelde tabellen: {dict(key)}.")
    [(dimension, value)] = key.items()
    partner = dimension.removeprefix(_LIST_PREFIX)
    return PER_PARTNER, {PARTNER: partner} | ({NOT_ON_LIST: "1"} if value == "0" else {})


def protect_capture(
    lists: list[str],
    histories: Iterable[Mapping],
    *,
    threshold: int | None = None,
    minors: bool = False,
    frozen: Mapping | None = None,
    policy: Policy | None = None,
) -> ProtectedPublication:
    """Protect per-partner and per-number-of-partners jointly (solver and audit see the relation).

    ``frozen``: engine keys (as from ``engine_key``) with their earlier status. The grand total
    is kept published (it is everywhere in the report) unless it is itself unsafe.
    """
    rows = capture_rows(lists, histories)
    policy = policy or Policy()
    table_specs = specs(lists, threshold=threshold, minors=minors)
    forced: dict = dict(structural_zeros(lists))
    for key, suppressed in (frozen or {}).items():
        forced[tuple(sorted(dict(key).items()))] = bool(suppressed)
    total = sum(r["count"] for r in rows)
    limit = policy.threshold_for(table_specs[0])
    if () not in forced and not policy.is_unsafe(total, limit):
        forced[()] = False
    return protect_publication(rows, table_specs, policy=policy, frozen=forced, categories=categories(lists))
